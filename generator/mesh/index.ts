import type { Diagnostic } from '../model/diagnostics.js';
import type { IgnoreDifference } from '../model/config.js';
import type { AppInstance } from '../plan/types.js';
import type { K8sObject } from '../model/k8s.js';
import { runRules } from '../core/rules.js';
import { INJECT, meshAnnotations, NGINX_SERVICE_UPSTREAM } from './annotations.js';
import { buildIngresses } from './ingress.js';
import { controllerOfClass, meshFacts, modeAllowed } from './resolve.js';
import { MESH_RULES } from './rules/index.js';
import type { MeshInput, MeshOutput, RecipeContext } from './types.js';
import { mergeEntries, mergeUnder, type KeptValue } from './values.js';
import { addPodAnnotations, isIngress, isLongRunning, isRunToCompletion, podInject } from './workloads.js';

export type { InstanceRuleInput, MeshInput, MeshOutput, MeshRecipe, MeshRule, RecipeContext, ValuesPath } from './types.js';
export { MESH_RULES } from './rules/index.js';
export { RECIPES, RECIPE_TABLE, findRecipe } from './recipes/index.js';
export { meshFacts, effectiveMode } from './resolve.js';
export { nativeSidecarSupport, type NativeSidecarSupport } from './native-sidecar.js';

/**
 * Mesh one app on one cluster: namespace annotations, pod annotations in the chart's values,
 * recipe extras (values, manifest edits, added objects, ignoreDifferences), then the mesh rules on
 * the result. Nothing the operator set is overwritten; differences are reported as warnings.
 */
export function applyMesh(input: MeshInput): MeshOutput {
  const { instance } = input;
  const { app, cluster } = instance;
  const values = structuredClone(input.values);
  const manifests = input.manifests.map((m) => structuredClone(m));
  const facts = meshFacts(instance, manifests);
  const { recipe, mode, nativeSidecar } = facts;
  const kept: KeptValue[] = [];
  let namespaceAnnotations: Record<string, string> = {};
  const ignoreDifferences: IgnoreDifference[] = [];

  // A refused mode is reported by the mode-not-allowed rule; nothing is half-applied.
  if (mode !== 'off' && modeAllowed(recipe, mode)) {
    const podAnnotations = meshAnnotations(mode === 'ingress' ? 'ingress' : 'enabled', app.mesh, recipe?.requiredSkipOutboundPorts);
    const ctx: RecipeContext = { instance, settings: cluster.settings, mode, nativeSidecar, podAnnotations };

    if (mode === 'namespace') {
      const wanted = { ...podAnnotations };
      // Before 2.20 native sidecars are opt-in; on 2.20+ they are the default and need nothing.
      if (nativeSidecar.available && !nativeSidecar.byDefault && nativeSidecar.annotation) wanted[nativeSidecar.annotation] = 'true';
      namespaceAnnotations = keepOperatorNamespaceKeys(wanted, app.namespaceMetadata.annotations, kept);
      // Chart Jobs that only talk to the API server gain nothing from a proxy; keep them out on
      // every version so the values do not depend on the cluster.
      if (recipe?.jobs.fix) mergeUnder(values, recipe.jobs.fix, kept);
      // The app's own Jobs: without native sidecars a proxy would keep them running forever.
      if (!nativeSidecar.available) {
        // A Job the operator annotated is their call; the job-proxy-shutdown rule reports it.
        for (const o of manifests) if (isRunToCompletion(o) && podInject(o) === undefined) addPodAnnotations(o, { [INJECT]: 'disabled' }, kept);
      }
    } else if (recipe?.workloadsVia === 'values') {
      for (const path of recipe.podAnnotationPaths) mergeEntries(values, path, podAnnotations, kept);
    } else if (!recipe && !app.chart && app.component === undefined) {
      // Plain manifests: annotate their long-running workloads (Jobs are left to the operator).
      for (const o of manifests) if (isLongRunning(o)) addPodAnnotations(o, podAnnotations, kept);
    }

    if (recipe) {
      if (recipe.values) mergeUnder(values, recipe.values(ctx), kept);
      recipe.editManifests?.(manifests, ctx);
      manifests.push(...(recipe.manifests?.(ctx) ?? []));
      ignoreDifferences.push(...(recipe.ignoreDifferences?.(ctx) ?? []));
    }

    // Ingresses of the operator's templates to this meshed app, served by ingress-nginx.
    for (const o of manifests) {
      if (!isIngress(o) || controllerOfClass(o.spec?.ingressClassName, cluster.settings) !== 'nginx') continue;
      o.metadata.annotations ??= {};
      o.metadata.annotations[NGINX_SERVICE_UPSTREAM] ??= 'true';
    }
  }

  const diagnostics: Diagnostic[] = kept.map((k) => keptWarning(instance, k));
  diagnostics.push(...runRules(MESH_RULES, { instance, values, manifests }));

  return {
    values,
    namespaceAnnotations,
    namespaceLabels: {},
    manifests,
    ignoreDifferences,
    respectIgnoreDifferences: ignoreDifferences.length > 0,
    mode,
    ...(recipe ? { recipe: recipe.id } : {}),
    diagnostics,
  };
}

/** Ingress objects for the app's `ingress:` entries (see `ingress.ts`). */
export function renderIngresses(instance: AppInstance): { manifests: K8sObject[]; diagnostics: Diagnostic[] } {
  return buildIngresses(instance);
}

/** The renderer lets mesh annotations win over the operator's namespace metadata, so drop the keys the operator set. */
function keepOperatorNamespaceKeys(wanted: Record<string, string>, operator: Record<string, string>, kept: KeptValue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(wanted)) {
    if (operator[k] === undefined) out[k] = v;
    else if (operator[k] !== v) kept.push({ in: 'app', where: 'namespaceMetadata.annotations', key: k, kept: operator[k], wanted: v });
  }
  return out;
}

function keptWarning(instance: AppInstance, k: KeptValue): Diagnostic {
  const where = k.key ? `${k.where} "${k.key}"` : k.where;
  return {
    severity: 'warning',
    code: 'mesh/operator-value-kept',
    file: k.in === 'values' ? (instance.app.values ?? instance.app.file) : instance.app.file,
    message: `kept your value ${JSON.stringify(k.kept)} at ${where} where the mesh would set ${JSON.stringify(k.wanted)} (cluster '${instance.cluster.name}')`,
    hint: 'remove your value to get the mesh default, or keep it if it is deliberate',
  };
}
