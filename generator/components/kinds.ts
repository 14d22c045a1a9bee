import type { GroupKind } from '../model/k8s.js';

/** Cluster-scoped kinds charts create, for components' `clusterResources`. */
export const CRD: GroupKind = { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' };
export const MUTATING_WEBHOOK: GroupKind = { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' };
export const VALIDATING_WEBHOOK: GroupKind = { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' };
export const API_SERVICE: GroupKind = { group: 'apiregistration.k8s.io', kind: 'APIService' };
/** ClusterRole and ClusterRoleBinding: nearly every chart with a controller has both. */
export const CLUSTER_RBAC: readonly GroupKind[] = [
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
];
