/** Label and annotation keys the generator puts on the objects it emits. */
export const LABEL_PREFIX = 'gitops.generator';
export const LABEL_APP = `${LABEL_PREFIX}/app`;
export const LABEL_CLUSTER = `${LABEL_PREFIX}/cluster`;
/** The dependency layer of an app: RollingSync steps and humans can select on it. */
export const LABEL_WAVE = `${LABEL_PREFIX}/wave`;
export const LABEL_STAGE = `${LABEL_PREFIX}/stage`;
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'argocd-gitops-generator' } as const;

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
export const IN_CLUSTER = 'https://kubernetes.default.svc';
