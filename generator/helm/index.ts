/** Helm 4 as a component of the generator: find it, check its version, run it with its folders in the cache. */
export { findHelm, HELM_INSTALL_HINT, HELM_MAJOR, PINNED_HELM, type FindHelmOptions, type FindHelmResult, type Helm } from './find-helm.js';
export { helmDirs, helmEnv, type HelmDirs } from './helm-env.js';
export { helmReason, runHelm, type HelmRun, type RunHelmOptions } from './run-helm.js';
