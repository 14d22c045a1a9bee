import type { Diagnostic } from '../model/diagnostics.js';
import type { InstanceRule } from '../model/rules.js';
import type { IgnoreDifference, MeshMode, PlatformSettings } from '../model/config.js';
import type { AppInstance } from '../plan/types.js';
import type { K8sObject } from '../model/k8s.js';
import type { NativeSidecarSupport } from './native-sidecar.js';

/** A path into Helm values, one key per element (annotation keys contain dots, so no dotted strings). */
export type ValuesPath = readonly string[];

/** Input of the mesh step for one app on one cluster. */
export interface MeshInput {
  instance: AppInstance;
  /** Final Helm values before meshing (component defaults + the operator's template). */
  values: Record<string, unknown>;
  /** Extra manifests rendered so far (templates + component + generated Ingresses). */
  manifests: K8sObject[];
}

export interface MeshOutput {
  /** The values with the mesh settings merged under the operator's own. */
  values: Record<string, unknown>;
  /** Namespace annotations/labels to add (managedNamespaceMetadata or the Namespace object). */
  namespaceAnnotations: Record<string, string>;
  namespaceLabels: Record<string, string>;
  /** Every manifest of the app: the input ones (possibly edited) plus added objects (e.g. a PostSync hook). */
  manifests: K8sObject[];
  /** Entries the Application needs so Argo CD does not undo changes made after sync (Longhorn). */
  ignoreDifferences: IgnoreDifference[];
  /** True when `ignoreDifferences` must also hold while syncing (`RespectIgnoreDifferences=true`). */
  respectIgnoreDifferences: boolean;
  /** The mode that was applied (the recipe's default when the app sets none). */
  mode: MeshMode;
  /** Id of the recipe used, if the chart has one. */
  recipe?: string;
  diagnostics: Diagnostic[];
}

/** What a recipe sees when the app is meshed. */
export interface RecipeContext {
  instance: AppInstance;
  settings: PlatformSettings;
  mode: Exclude<MeshMode, 'off'>;
  nativeSidecar: NativeSidecarSupport;
  /** What each meshed pod of the app carries: inject value, skipped ports and proxy settings. */
  podAnnotations: Record<string, string>;
}

/** A workload of the chart that must stay out of the mesh. */
export interface NeverMesh {
  workload: string;
  reason: string;
  /** Values path of that workload's pod annotations, when the chart has one (checked by a rule). */
  podAnnotationsPath?: ValuesPath;
  /** How to know it among the chart's rendered objects (`--render`): its kinds and the ends of its names. */
  rendered?: { kinds: readonly string[]; nameEndsWith: readonly string[] };
}

export interface JobHandling {
  /** Whether the chart renders Jobs, CronJobs or hook Pods into the app namespace. */
  createsJobs: boolean;
  /** Which ones, for messages and docs. */
  jobs?: string;
  /** Values that keep those Jobs out of the mesh; applied in namespace mode. Absent when the chart has no such key. */
  fix?: Record<string, unknown>;
}

/**
 * The meshing knowledge of one chart: one file per chart under `recipes/`, listed in
 * `recipes/index.ts`, keyed by component id or chart name.
 */
export interface MeshRecipe {
  id: string;
  /** Chart names or component ids this recipe applies to. */
  keys: readonly string[];
  summary: string;
  /** Used when the app does not set `mesh:`. */
  defaultMode: MeshMode;
  allowedModes: readonly MeshMode[];
  /** Why the other modes are refused; the `mode-not-allowed` rule shows these. */
  refusedModes: Partial<Record<MeshMode, string>>;
  /**
   * How workloads/ingress mode reaches the pods: through the chart's pod-annotation values,
   * by patching the pod templates after sync (Longhorn), or not at all (namespace only).
   */
  workloadsVia: 'values' | 'post-sync' | 'none';
  /** Values paths of the pod-annotation maps that workloads/ingress mode fills. */
  podAnnotationPaths: readonly ValuesPath[];
  /** Outbound ports every meshed pod of this chart must skip (Traefik must reach the API server on 443). */
  requiredSkipOutboundPorts?: readonly string[];
  neverMesh: readonly NeverMesh[];
  jobs: JobHandling;
  /** Further values when meshed, merged under the operator's. */
  values?(ctx: RecipeContext): Record<string, unknown>;
  /** Edits the app's own manifests in place (only keys the operator left unset). */
  editManifests?(manifests: K8sObject[], ctx: RecipeContext): void;
  /** Objects to add to the app's manifests. */
  manifests?(ctx: RecipeContext): K8sObject[];
  ignoreDifferences?(ctx: RecipeContext): IgnoreDifference[];
  /** For apps without chart or component: whether this recipe applies, judged by their manifests. */
  matchManifests?(manifests: readonly K8sObject[]): boolean;
}

/** What a mesh rule checks: the final (meshed) values and manifests of one app on one cluster. */
export interface InstanceRuleInput {
  instance: AppInstance;
  values: Record<string, unknown>;
  manifests: readonly K8sObject[];
}

/**
 * A generate-time rejection (or warning). One per file under `rules/`, listed in `rules/index.ts`
 * (and, through it, in the rule registry `lint/registry.ts`); diagnostics use the code `mesh/<id>`.
 */
export type MeshRule = InstanceRule<InstanceRuleInput>;
