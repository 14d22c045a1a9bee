import type { ComponentContext } from '../components/types.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { AppConfig, ResolvedCluster } from '../model/config.js';
import type { LoadedConfig } from '../load/types.js';

/** One app on one cluster. */
export interface AppInstance {
  app: AppConfig;
  cluster: ResolvedCluster;
  wave: number;
  /** Dependencies that are deployed on the same cluster. */
  deps: string[];
  ctx: ComponentContext;
}

export interface PlannedApp {
  app: AppConfig;
  wave: number;
  instances: AppInstance[];
  /** Clusters the selector chose but a component ruled out, with the reason. */
  skipped: { cluster: string; reason: string }[];
}

export interface Plan {
  config: LoadedConfig;
  clusters: ResolvedCluster[];
  apps: PlannedApp[];
  /** Longest dependency chain + 1. */
  waveCount: number;
  /** Warnings found while planning (errors are thrown). */
  diagnostics: Diagnostic[];
}
