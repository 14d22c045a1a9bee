/**
 * What the workload-level mesh rules judge, apart from where they read it: the same checks run on
 * the app's values and manifests at generate time (`rules/`) and on the pod templates a chart
 * really renders (`rendered/mesh-injection`).
 */
import type { K8sObject } from '../model/k8s.js';
import { portsInclude } from './annotations.js';
import { eckPodSpecs, isElasticsearch, isKibana } from './recipes/eck-resources.js';
import type { MeshRecipe, NeverMesh } from './types.js';

/** Why a workload of the recipe stays out of the mesh, as the rules say it. */
export function neverMeshReason(recipe: MeshRecipe, w: NeverMesh): string {
  return `the ${w.workload} of ${recipe.id} must not be meshed: ${w.reason}`;
}

/** The recipe's never-mesh workload a rendered object is, known by kind and name. */
export function neverMeshWorkloadOf(recipe: MeshRecipe | undefined, kind: string, name: string): NeverMesh | undefined {
  return recipe?.neverMesh.find((w) => w.rendered && w.rendered.kinds.includes(kind) && w.rendered.nameEndsWith.some((end) => name.endsWith(end)));
}

/** The ports of `required` a skip-outbound-ports value does not cover. */
export function unskippedPorts(required: readonly string[], skipped: unknown): string[] {
  return required.filter((p) => typeof skipped !== 'string' || !portsInclude(skipped, Number(p)));
}

/**
 * Pod specs (JSON pointers) of an Elasticsearch or Kibana resource that turn the service-account
 * token off: the proxy needs it for its identity, so those pods are not meshed.
 */
export function tokenlessEckPods(o: K8sObject): string[] {
  if (!isElasticsearch(o) && !isKibana(o)) return [];
  return eckPodSpecs(o, false).filter(({ spec }) => spec['automountServiceAccountToken'] === false).map(({ pointer }) => pointer);
}
