import type { AppConfig, IngressController, MeshMode, PlatformSettings } from '../model/config.js';
import type { AppInstance } from '../plan/types.js';
import type { K8sObject } from '../model/k8s.js';
import { nativeSidecarSupport, type NativeSidecarSupport } from './native-sidecar.js';
import { findRecipe } from './recipes/index.js';
import type { MeshRecipe } from './types.js';

/** Everything the mesh step and its rules derive from one app on one cluster. */
export interface MeshFacts {
  recipe?: MeshRecipe;
  /** The app's own mode, or the recipe's default when the app sets none (`off` without a recipe). */
  mode: MeshMode;
  /** Whether the operator wrote the mode. */
  explicit: boolean;
  nativeSidecar: NativeSidecarSupport;
}

export function meshFacts(instance: AppInstance, manifests: readonly K8sObject[]): MeshFacts {
  const { app, cluster } = instance;
  const recipe = findRecipe(app, manifests);
  const mode = effectiveMode(app, recipe);
  return {
    ...(recipe ? { recipe } : {}),
    mode,
    explicit: app.mesh.explicit,
    nativeSidecar: nativeSidecarSupport(cluster.settings.linkerd.version, cluster.settings.kubernetesVersion),
  };
}

export function effectiveMode(app: AppConfig, recipe: MeshRecipe | undefined): MeshMode {
  return app.mesh.explicit ? app.mesh.mode : (recipe?.defaultMode ?? 'off');
}

/** Whether the mode is one the recipe supports (always true without a recipe). */
export function modeAllowed(recipe: MeshRecipe | undefined, mode: MeshMode): boolean {
  return !recipe || recipe.allowedModes.includes(mode);
}

/**
 * The controller behind an IngressClass name: the cluster's own class maps to its configured
 * controller; the well-known names `nginx` and `traefik` map to themselves.
 */
export function controllerOfClass(className: string | undefined, settings: PlatformSettings): IngressController | undefined {
  if (className === undefined || className === settings.ingress.className) return settings.ingress.controller;
  if (className === 'nginx') return 'nginx';
  if (className === 'traefik') return 'traefik';
  return undefined;
}
