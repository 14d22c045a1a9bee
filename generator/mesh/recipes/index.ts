import type { AppConfig } from '../../model/config.js';
import type { K8sObject } from '../../model/k8s.js';
import type { MeshRecipe } from '../types.js';
import { eckResources } from './eck-resources.js';
import { kubePrometheusStack } from './kube-prometheus-stack.js';
import { longhorn } from './longhorn.js';
import { SIMPLE_RECIPES } from './simple.js';

/**
 * Every recipe: the data-only ones (`simple.ts`, one entry each) and those with code (one file
 * each), in id order. Add a data-only recipe as an entry of SIMPLE_RECIPES, one with code as a file
 * and a line here.
 */
export const RECIPES: readonly MeshRecipe[] = [...SIMPLE_RECIPES, eckResources, kubePrometheusStack, longhorn].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

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
