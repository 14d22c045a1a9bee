import type { IgnoreDifference } from '../../model/config.js';
import type { Container, Job, K8sObject, Role, RoleBinding, ServiceAccount } from '../../model/k8s.js';
import { escapePointerSegment } from '../../model/source.js';
import { ARGO_HOOK, ARGO_HOOK_DELETE_POLICY, INJECT } from '../annotations.js';
import { kubeMinor } from '../../core/kube-version.js';
import type { MeshRecipe, RecipeContext } from '../types.js';

/** Longhorn's own names (chart templates daemonset-sa.yaml and deployment-ui.yaml). */
export const LONGHORN_MANAGER = 'longhorn-manager';
export const LONGHORN_UI = 'longhorn-ui';
/** Name of the hook Job and of its ServiceAccount, Role and RoleBinding. */
export const MESH_JOB = 'longhorn-linkerd-mesh';

/**
 * registry.k8s.io/kubectl is the Kubernetes project's own image: published for every release
 * since 1.28, multi-arch (amd64, arm64, ppc64le, s390x), kubectl on PATH and no shell. The tag
 * follows the cluster's minor so client and server stay within the supported skew; `.0` exists for
 * every minor. (bitnami/kubectl is no option: its version tags left Docker Hub in 2025.)
 */
export function kubectlImage(kubernetesVersion: string): string {
  const minor = Math.max(28, kubeMinor(kubernetesVersion) ?? 28);
  return `registry.k8s.io/kubectl:v1.${minor}.0`;
}

/**
 * Longhorn: only longhorn-manager and longhorn-ui are meshed, never the data plane (engine,
 * replica and instance-manager pods) nor the namespace.
 *
 * longhorn-manager must not be meshed at install time: its CSI driver then never deploys
 * (longhorn/longhorn#3809). So nothing goes into the chart values; instead an Argo CD PostSync
 * hook Job, which runs only once every resource of the sync is healthy (Longhorn fully up), patches
 * the two pod templates: the inject annotation, and `POD_IP=0.0.0.0` on longhorn-manager because
 * it listens on the pod IP only, where the proxy cannot forward to it. Argo CD would see the
 * patched templates as drift from the chart and undo them, hence the ignoreDifferences entries
 * (with RespectIgnoreDifferences so a sync keeps the live values).
 */
export const longhorn: MeshRecipe = {
  id: 'longhorn',
  keys: ['longhorn'],
  summary: 'longhorn-manager and longhorn-ui meshed after sync by a PostSync Job; data plane and namespace never',
  defaultMode: 'workloads',
  allowedModes: ['workloads', 'off'],
  refusedModes: {
    namespace: 'the namespace holds the data plane (engine, replica, instance-manager pods), which must never be meshed, and meshing longhorn-manager at install breaks its CSI driver (longhorn#3809)',
    ingress: 'ingress mode is for ingress controllers only',
  },
  workloadsVia: 'post-sync',
  podAnnotationPaths: [],
  neverMesh: [
    { workload: 'engine, replica and instance-manager pods', reason: 'the storage data plane: iSCSI/block traffic between nodes must not go through a proxy' },
    { workload: 'longhorn-manager at install time', reason: 'its CSI driver never deploys when it is meshed from the start (longhorn#3809)' },
  ],
  jobs: {
    createsJobs: true,
    jobs: 'pre-upgrade, post-upgrade and uninstall hook Jobs',
    // The chart has no pod-annotation key for them; they stay unmeshed because the namespace is.
  },
  manifests: (ctx) => meshJobObjects(ctx),
  ignoreDifferences: (ctx) => longhornIgnoreDifferences(ctx),
};

function managerPatch(podAnnotations: Record<string, string>): string {
  return JSON.stringify({
    spec: {
      template: {
        metadata: { annotations: podAnnotations },
        // Strategic merge: containers and env merge by name; valueFrom: null removes the fieldRef.
        spec: { containers: [{ name: LONGHORN_MANAGER, env: [{ name: 'POD_IP', value: '0.0.0.0', valueFrom: null }] }] },
      },
    },
  });
}

function uiPatch(podAnnotations: Record<string, string>): string {
  return JSON.stringify({ spec: { template: { metadata: { annotations: podAnnotations } } } });
}

function kubectlContainer(name: string, image: string, args: string[]): Container {
  return {
    name,
    image,
    command: ['kubectl', ...args],
    // kubectl writes its discovery cache under $HOME; the root filesystem is read-only.
    env: [{ name: 'HOME', value: '/tmp' }],
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

export function meshJobObjects(ctx: RecipeContext): K8sObject[] {
  const namespace = ctx.instance.app.namespace;
  const labels = { 'app.kubernetes.io/name': MESH_JOB, 'app.kubernetes.io/part-of': 'longhorn' };
  const meta = { name: MESH_JOB, namespace, labels };
  const image = kubectlImage(ctx.settings.kubernetesVersion);
  const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta };
  // Least privilege: read and patch exactly the two workloads, nothing else.
  const role: Role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta,
    rules: [
      { apiGroups: ['apps'], resources: ['daemonsets'], resourceNames: [LONGHORN_MANAGER], verbs: ['get', 'patch'] },
      { apiGroups: ['apps'], resources: ['deployments'], resourceNames: [LONGHORN_UI], verbs: ['get', 'patch'] },
    ],
  };
  const binding: RoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: MESH_JOB },
    subjects: [{ kind: 'ServiceAccount', name: MESH_JOB, namespace }],
  };
  const job: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...meta,
      annotations: {
        // PostSync runs after every resource of the sync is healthy; recreated on each sync,
        // deleted once it succeeded (the patches are idempotent).
        [ARGO_HOOK]: 'PostSync',
        [ARGO_HOOK_DELETE_POLICY]: 'BeforeHookCreation,HookSucceeded',
      },
    },
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 600,
      template: {
        metadata: {
          labels,
          // The Job itself must finish, so it never gets a proxy.
          annotations: { [INJECT]: 'disabled' },
        },
        spec: {
          serviceAccountName: MESH_JOB,
          restartPolicy: 'Never',
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
          // The image has no shell, so each patch is its own container, run in order.
          initContainers: [
            kubectlContainer('mesh-longhorn-manager', image, ['patch', 'daemonset', LONGHORN_MANAGER, '--namespace', namespace, '--type', 'strategic', '--patch', managerPatch(ctx.podAnnotations)]),
          ],
          containers: [
            kubectlContainer('mesh-longhorn-ui', image, ['patch', 'deployment', LONGHORN_UI, '--namespace', namespace, '--type', 'strategic', '--patch', uiPatch(ctx.podAnnotations)]),
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
  return [sa, role, binding, job];
}

export function longhornIgnoreDifferences(ctx: RecipeContext): IgnoreDifference[] {
  const namespace = ctx.instance.app.namespace;
  const annotationPointers = Object.keys(ctx.podAnnotations).map((k) => `/spec/template/metadata/annotations/${escapePointerSegment(k)}`);
  return [
    {
      group: 'apps',
      kind: 'DaemonSet',
      name: LONGHORN_MANAGER,
      namespace,
      jsonPointers: annotationPointers,
      // The env entry by name, not by index: an index pointer breaks when the chart reorders env.
      jqPathExpressions: [`.spec.template.spec.containers[] | select(.name == "${LONGHORN_MANAGER}") | .env[] | select(.name == "POD_IP")`],
    },
    { group: 'apps', kind: 'Deployment', name: LONGHORN_UI, namespace, jsonPointers: annotationPointers },
  ];
}
