import type { AppConfig } from '../../model/config.js';
import type { K8sObject } from '../../model/k8s.js';
import type { MeshRecipe } from '../types.js';
import { eckOperator } from './eck-operator.js';
import { eckResources } from './eck-resources.js';
import { fluentBit } from './fluent-bit.js';
import { ingressNginx } from './ingress-nginx.js';
import { kubePrometheusStack } from './kube-prometheus-stack.js';
import { longhorn } from './longhorn.js';
import { tempo } from './tempo.js';
import { traefik } from './traefik.js';
import { velero } from './velero.js';

/** Every recipe. Add one by adding its file and one line here. */
export const RECIPES: readonly MeshRecipe[] = [
  eckOperator,
  eckResources,
  fluentBit,
  ingressNginx,
  kubePrometheusStack,
  longhorn,
  tempo,
  traefik,
  velero,
];

/** Recipe by chart name or component id. */
export const RECIPE_TABLE: ReadonlyMap<string, MeshRecipe> = new Map(RECIPES.flatMap((r) => r.keys.map((k) => [k, r] as const)));

/**
 * The recipe of an app: by its component id, else its chart name; an app with neither (plain
 * manifests) gets the first recipe whose `matchManifests` accepts its manifests.
 */
export function findRecipe(app: Pick<AppConfig, 'component' | 'chart'>, manifests: readonly K8sObject[]): MeshRecipe | undefined {
  const byComponent = app.component !== undefined ? RECIPE_TABLE.get(app.component) : undefined;
  if (byComponent) return byComponent;
  if (app.chart) return RECIPE_TABLE.get(app.chart.name);
  if (app.component !== undefined) return undefined;
  return RECIPES.find((r) => r.matchManifests?.(manifests));
}
