/**
 * Every kind the generated tree may contain (and the common kinds charts render), and the npm module whose TypeScript interface and
 * runtime model describe it. The interface is always `I<Kind>` and the model class `<Kind>`, the
 * naming convention of the kubernetes-models family.
 */
export interface KindSource {
  apiVersion: string;
  kind: string;
  /** npm package that ships the model. */
  pkg: string;
  /** Module specifier of the model inside `pkg` (resolvable under NodeNext). */
  module: string;
  /** Core Kubernetes API (optional fields accept null there, as the API server and yannh's schemas do). */
  core: boolean;
  /**
   * Set for kinds no npm package describes: the interface is written in this repository (`module`
   * is then a path from schemas-build/), from the upstream source named here. Such kinds have no
   * runtime model to probe for integer, format and pattern constraints.
   */
  local?: { upstream: string };
}

const core = (apiVersion: string, kind: string, dir: string): KindSource => ({
  apiVersion,
  kind,
  pkg: 'kubernetes-models',
  module: `kubernetes-models/${dir}/${kind}`,
  core: true,
});

const crd = (pkg: string, apiVersion: string, kind: string): KindSource => ({
  apiVersion,
  kind,
  pkg,
  module: `${pkg}/${apiVersion}/${kind}`,
  core: false,
});

/** External Secrets Operator: no npm types package; `model/external-secrets.ts` follows its Go types. */
const eso = (apiVersion: string, kind: string, upstreamDir: string): KindSource => ({
  apiVersion,
  kind,
  pkg: 'argocd-gitops-generator',
  module: '../model/external-secrets.js',
  core: false,
  local: { upstream: `external-secrets/external-secrets v2.9.0 ${upstreamDir} (Go types), as generator/model/external-secrets.ts` },
});

export const KINDS: readonly KindSource[] = [
  core('v1', 'Namespace', 'v1'),
  core('v1', 'ConfigMap', 'v1'),
  core('v1', 'Secret', 'v1'),
  core('v1', 'Service', 'v1'),
  core('v1', 'ServiceAccount', 'v1'),
  core('rbac.authorization.k8s.io/v1', 'Role', 'rbac.authorization.k8s.io/v1'),
  core('rbac.authorization.k8s.io/v1', 'ClusterRole', 'rbac.authorization.k8s.io/v1'),
  core('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rbac.authorization.k8s.io/v1'),
  core('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1'),
  core('batch/v1', 'Job', 'batch/v1'),
  core('batch/v1', 'CronJob', 'batch/v1'),
  core('apps/v1', 'Deployment', 'apps/v1'),
  core('apps/v1', 'DaemonSet', 'apps/v1'),
  core('apps/v1', 'StatefulSet', 'apps/v1'),
  core('networking.k8s.io/v1', 'Ingress', 'networking.k8s.io/v1'),
  // What charts commonly render besides the kinds above (so `check --render` validates them too).
  core('v1', 'Pod', 'v1'),
  core('v1', 'PersistentVolumeClaim', 'v1'),
  core('v1', 'PersistentVolume', 'v1'),
  core('v1', 'Endpoints', 'v1'),
  core('v1', 'LimitRange', 'v1'),
  core('v1', 'ResourceQuota', 'v1'),
  core('apps/v1', 'ReplicaSet', 'apps/v1'),
  core('policy/v1', 'PodDisruptionBudget', 'policy/v1'),
  core('autoscaling/v2', 'HorizontalPodAutoscaler', 'autoscaling/v2'),
  core('networking.k8s.io/v1', 'NetworkPolicy', 'networking.k8s.io/v1'),
  core('networking.k8s.io/v1', 'IngressClass', 'networking.k8s.io/v1'),
  core('scheduling.k8s.io/v1', 'PriorityClass', 'scheduling.k8s.io/v1'),
  core('storage.k8s.io/v1', 'StorageClass', 'storage.k8s.io/v1'),
  core('storage.k8s.io/v1', 'CSIDriver', 'storage.k8s.io/v1'),
  core('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1'),
  core('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'),
  core('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'),
  core('apiregistration.k8s.io/v1', 'APIService', 'apiregistration.k8s.io/v1'),
  crd('@kubernetes-models/argo-cd', 'argoproj.io/v1alpha1', 'Application'),
  crd('@kubernetes-models/argo-cd', 'argoproj.io/v1alpha1', 'ApplicationSet'),
  crd('@kubernetes-models/argo-cd', 'argoproj.io/v1alpha1', 'AppProject'),
  crd('@kubernetes-models/cert-manager', 'cert-manager.io/v1', 'Certificate'),
  crd('@kubernetes-models/cert-manager', 'cert-manager.io/v1', 'Issuer'),
  crd('@kubernetes-models/cert-manager', 'cert-manager.io/v1', 'ClusterIssuer'),
  crd('@kubernetes-models/cert-manager', 'trust.cert-manager.io/v1alpha1', 'Bundle'),
  crd('@kubernetes-models/prometheus-operator', 'monitoring.coreos.com/v1', 'PodMonitor'),
  crd('@kubernetes-models/prometheus-operator', 'monitoring.coreos.com/v1', 'ServiceMonitor'),
  crd('@kubernetes-models/traefik', 'traefik.io/v1alpha1', 'Middleware'),
  crd('@kubernetes-models/traefik', 'traefik.io/v1alpha1', 'IngressRoute'),
  eso('external-secrets.io/v1', 'ExternalSecret', 'apis/externalsecrets/v1'),
  eso('external-secrets.io/v1', 'SecretStore', 'apis/externalsecrets/v1'),
  eso('external-secrets.io/v1', 'ClusterSecretStore', 'apis/externalsecrets/v1'),
  eso('generators.external-secrets.io/v1alpha1', 'Password', 'apis/generators/v1alpha1'),
  eso('generators.external-secrets.io/v1alpha1', 'ClusterGenerator', 'apis/generators/v1alpha1'),
];

/** Where a kind's schema goes: the same function the validator uses to find it. */
export { schemaPath as schemaRelPath } from '../schema/kind-schemas.js';
