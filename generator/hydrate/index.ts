/**
 * The hydrate stage: every Helm chart of the tree rendered as Argo CD's repo-server renders it, for
 * the rules on rendered objects, the render records of charts.lock.yaml and the hydrated output.
 */
export { mergedDefaults, readChartArchive } from './chart-archive.js';
export { crdFact, scopeIn } from './crds.js';
export { factsOf } from './facts.js';
export { HELM_HOOK, ARGO_HOOK, isApplied } from './helm-output.js';
export { hydrate, type HydrateOptions } from './hydrate.js';
export { HYDRATE_COMMAND, hydratedOutput, type HydratedFile } from './hydrated-output.js';
export { chartRefsOf, helmTargets, type Target } from './targets.js';
export * from './types.js';
