/**
 * The API group/versions a Kubernetes API server serves out of the box, per minor version, with the
 * kinds of each and their scope. Argo CD hands a chart the cluster's served versions as Helm
 * `--api-versions` (both `group/version` and `group/version/Kind`), and decides what an AppProject
 * must permit by a kind's scope; offline, this table stands in for the cluster's discovery.
 *
 * Only what a default API server serves: GA versions, and beta versions from the time betas were on
 * by default (before 1.24). Alpha versions and later betas need feature gates, so they are absent.
 */

/** One built-in kind: served in `[since, until)` minors (until: the minor that stopped serving it). */
export interface BuiltInKind {
  kind: string;
  /** Cluster-scoped (no namespace); namespaced otherwise. */
  cluster?: true;
  since?: number;
  until?: number;
}

export interface BuiltInGroupVersion {
  /** `v1` for the core group, else `group/version`. */
  groupVersion: string;
  since?: number;
  until?: number;
  kinds: readonly BuiltInKind[];
}

const c = (kind: string, since?: number, until?: number): BuiltInKind => ({ kind, cluster: true, ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) });
const n = (kind: string, since?: number, until?: number): BuiltInKind => ({ kind, ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) });

export const BUILT_IN_API: readonly BuiltInGroupVersion[] = [
  {
    groupVersion: 'v1',
    kinds: [
      n('Binding'),
      c('ComponentStatus'),
      n('ConfigMap'),
      n('Endpoints'),
      n('Event'),
      n('LimitRange'),
      c('Namespace'),
      c('Node'),
      n('PersistentVolumeClaim'),
      c('PersistentVolume'),
      n('Pod'),
      n('PodTemplate'),
      n('ReplicationController'),
      n('ResourceQuota'),
      n('Secret'),
      n('ServiceAccount'),
      n('Service'),
    ],
  },
  { groupVersion: 'admissionregistration.k8s.io/v1', kinds: [c('MutatingWebhookConfiguration'), c('ValidatingWebhookConfiguration'), c('ValidatingAdmissionPolicy', 30), c('ValidatingAdmissionPolicyBinding', 30)] },
  { groupVersion: 'admissionregistration.k8s.io/v1beta1', until: 22, kinds: [c('MutatingWebhookConfiguration'), c('ValidatingWebhookConfiguration')] },
  { groupVersion: 'apiextensions.k8s.io/v1', kinds: [c('CustomResourceDefinition')] },
  { groupVersion: 'apiextensions.k8s.io/v1beta1', until: 22, kinds: [c('CustomResourceDefinition')] },
  { groupVersion: 'apiregistration.k8s.io/v1', kinds: [c('APIService')] },
  { groupVersion: 'apps/v1', kinds: [n('ControllerRevision'), n('DaemonSet'), n('Deployment'), n('ReplicaSet'), n('StatefulSet')] },
  { groupVersion: 'authentication.k8s.io/v1', kinds: [c('TokenReview'), c('SelfSubjectReview', 28)] },
  { groupVersion: 'authorization.k8s.io/v1', kinds: [n('LocalSubjectAccessReview'), c('SelfSubjectAccessReview'), c('SelfSubjectRulesReview'), c('SubjectAccessReview')] },
  { groupVersion: 'autoscaling/v1', kinds: [n('HorizontalPodAutoscaler')] },
  { groupVersion: 'autoscaling/v2', since: 23, kinds: [n('HorizontalPodAutoscaler')] },
  { groupVersion: 'autoscaling/v2beta1', until: 25, kinds: [n('HorizontalPodAutoscaler')] },
  { groupVersion: 'autoscaling/v2beta2', until: 26, kinds: [n('HorizontalPodAutoscaler')] },
  { groupVersion: 'batch/v1', kinds: [n('CronJob', 21), n('Job')] },
  { groupVersion: 'batch/v1beta1', until: 25, kinds: [n('CronJob')] },
  { groupVersion: 'certificates.k8s.io/v1', since: 19, kinds: [c('CertificateSigningRequest')] },
  { groupVersion: 'coordination.k8s.io/v1', kinds: [n('Lease')] },
  { groupVersion: 'discovery.k8s.io/v1', since: 21, kinds: [n('EndpointSlice')] },
  { groupVersion: 'discovery.k8s.io/v1beta1', until: 25, kinds: [n('EndpointSlice')] },
  { groupVersion: 'events.k8s.io/v1', since: 19, kinds: [n('Event')] },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1', since: 29, kinds: [c('FlowSchema'), c('PriorityLevelConfiguration')] },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', since: 23, until: 29, kinds: [c('FlowSchema'), c('PriorityLevelConfiguration')] },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: 26, until: 32, kinds: [c('FlowSchema'), c('PriorityLevelConfiguration')] },
  { groupVersion: 'networking.k8s.io/v1', kinds: [c('IngressClass', 19), n('Ingress', 19), n('NetworkPolicy'), c('IPAddress', 33), c('ServiceCIDR', 33)] },
  { groupVersion: 'networking.k8s.io/v1beta1', until: 22, kinds: [c('IngressClass'), n('Ingress')] },
  { groupVersion: 'node.k8s.io/v1', since: 20, kinds: [c('RuntimeClass')] },
  { groupVersion: 'policy/v1', since: 21, kinds: [n('PodDisruptionBudget')] },
  { groupVersion: 'policy/v1beta1', until: 25, kinds: [n('PodDisruptionBudget'), c('PodSecurityPolicy')] },
  { groupVersion: 'rbac.authorization.k8s.io/v1', kinds: [c('ClusterRoleBinding'), c('ClusterRole'), n('RoleBinding'), n('Role')] },
  { groupVersion: 'resource.k8s.io/v1', since: 34, kinds: [c('DeviceClass'), n('ResourceClaim'), n('ResourceClaimTemplate'), c('ResourceSlice')] },
  { groupVersion: 'scheduling.k8s.io/v1', kinds: [c('PriorityClass')] },
  {
    groupVersion: 'storage.k8s.io/v1',
    kinds: [c('CSIDriver', 18), c('CSINode', 17), n('CSIStorageCapacity', 24), c('StorageClass'), c('VolumeAttachment'), c('VolumeAttributesClass', 34)],
  },
  { groupVersion: 'storage.k8s.io/v1beta1', until: 27, kinds: [n('CSIStorageCapacity', 21)] },
];

function served(x: { since?: number; until?: number }, minor: number): boolean {
  return (x.since === undefined || minor >= x.since) && (x.until === undefined || minor < x.until);
}

/**
 * The `--api-versions` Argo CD passes for a cluster of this minor: every served `group/version`
 * and every `group/version/Kind`, sorted.
 */
export function builtInApiVersions(minor: number): string[] {
  const out = new Set<string>();
  for (const gv of BUILT_IN_API) {
    if (!served(gv, minor)) continue;
    const kinds = gv.kinds.filter((k) => served(k, minor));
    if (kinds.length === 0) continue;
    out.add(gv.groupVersion);
    for (const k of kinds) out.add(`${gv.groupVersion}/${k.kind}`);
  }
  return [...out].sort();
}

/** `group/kind` (core group empty: `/Namespace`) of every built-in cluster-scoped kind, any minor. */
export const BUILT_IN_CLUSTER_SCOPED: ReadonlySet<string> = new Set(
  BUILT_IN_API.flatMap((gv) => gv.kinds.filter((k) => k.cluster).map((k) => `${groupOfVersion(gv.groupVersion)}/${k.kind}`)),
);

/** `group/kind` of every built-in namespaced kind, any minor. */
export const BUILT_IN_NAMESPACED: ReadonlySet<string> = new Set(
  BUILT_IN_API.flatMap((gv) => gv.kinds.filter((k) => !k.cluster).map((k) => `${groupOfVersion(gv.groupVersion)}/${k.kind}`)),
);

function groupOfVersion(gv: string): string {
  const i = gv.indexOf('/');
  return i < 0 ? '' : gv.slice(0, i);
}
