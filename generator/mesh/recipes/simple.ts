import type { MeshMode } from '../../model/config.js';
import { INJECT } from '../annotations.js';
import type { MeshRecipe, ValuesPath } from '../types.js';

/** Why every chart but an ingress controller refuses ingress mode. */
export const NOT_AN_INGRESS_CONTROLLER = 'ingress mode is for ingress controllers only';

/** What a data-only recipe must say; the rest has the usual defaults (see `simpleRecipe`). */
type SimpleRecipe = Pick<MeshRecipe, 'id' | 'summary' | 'defaultMode' | 'allowedModes' | 'workloadsVia'> & Partial<Omit<MeshRecipe, 'values' | 'editManifests' | 'manifests' | 'ignoreDifferences' | 'matchManifests'>>;

/**
 * A recipe that is only data. Defaults: keyed by its id, ingress mode refused unless allowed,
 * nothing kept out of the mesh, no Jobs.
 */
export function simpleRecipe(r: SimpleRecipe): MeshRecipe {
  const refusesIngress = !r.allowedModes.includes('ingress');
  return {
    keys: [r.id],
    podAnnotationPaths: [],
    neverMesh: [],
    jobs: { createsJobs: false },
    ...r,
    refusedModes: { ...(refusesIngress ? { ingress: NOT_AN_INGRESS_CONTROLLER } : {}), ...r.refusedModes },
  };
}

/** A chart with one pod-annotation map at `podAnnotations`: mesh the namespace, or its pods through that map. */
const NAMESPACE_OR_POD_ANNOTATIONS = {
  defaultMode: 'namespace',
  allowedModes: ['namespace', 'workloads', 'off'] as MeshMode[],
  workloadsVia: 'values',
  podAnnotationPaths: [['podAnnotations']],
} as const;

/** Where the Traefik chart takes the pod annotations of its Deployment (its rules read the final values there). */
export const TRAEFIK_POD_ANNOTATIONS: ValuesPath = ['deployment', 'podAnnotations'];

/** The admission-webhook certificate Jobs of ingress-nginx and kube-prometheus-stack, as they are named. */
export const ADMISSION_JOBS = { kinds: ['Job'], nameEndsWith: ['-admission-create', '-admission-patch'] } as const;

/** The recipes that are only data, one entry per chart. */
export const SIMPLE_RECIPES: readonly MeshRecipe[] = [
  // Meshed so its calls to Elasticsearch and Kibana use mTLS.
  simpleRecipe({ id: 'eck-operator', summary: 'namespace meshed (or its StatefulSet through podAnnotations); no Jobs', ...NAMESPACE_OR_POD_ANNOTATIONS }),

  // A DaemonSet shipping logs to Elasticsearch over the mesh.
  simpleRecipe({ id: 'fluent-bit', summary: 'namespace meshed (or the DaemonSet through podAnnotations); no Jobs', ...NAMESPACE_OR_POD_ANNOTATIONS }),

  // The controller pods are meshed normally; every Ingress then needs `service-upstream: "true"`
  // so NGINX sends to the Service IP and the proxy can route and balance. The namespace is not
  // annotated, which keeps the admission-webhook Jobs unmeshed.
  simpleRecipe({
    id: 'ingress-nginx',
    summary: 'controller meshed through controller.podAnnotations; namespace (admission Jobs) left alone',
    defaultMode: 'workloads',
    allowedModes: ['workloads', 'off'],
    refusedModes: {
      namespace: 'the admission-webhook Jobs would be meshed and never finish; mesh the controller only',
      ingress: 'with service-upstream NGINX already targets Services, so the normal proxy mode is the right one',
    },
    workloadsVia: 'values',
    podAnnotationPaths: [['controller', 'podAnnotations']],
    neverMesh: [
      {
        workload: 'admission-webhook create/patch Jobs',
        reason: 'run-to-completion hook Jobs that only call the API server',
        podAnnotationsPath: ['controller', 'admissionWebhooks', 'patch', 'podAnnotations'],
        rendered: ADMISSION_JOBS,
      },
    ],
    jobs: {
      createsJobs: true,
      jobs: 'admission-webhook create/patch Jobs (Helm hooks)',
      fix: { controller: { admissionWebhooks: { patch: { podAnnotations: { [INJECT]: 'disabled' } } } } },
    },
  }),

  // Grafana Tempo: the single-binary `tempo` chart (shipped) or `tempo-distributed`. The pod that
  // receives OTLP (the tempo pod, or the distributor) must be meshed: the proxies export spans only
  // to a collector that presents the mesh identity of the configured ServiceAccount. The charts run
  // no Jobs by default.
  simpleRecipe({
    id: 'tempo',
    keys: ['tempo', 'tempo-distributed'],
    summary: 'namespace meshed; the pod receiving OTLP (tempo, or the distributor) must be in the mesh for Linkerd to export spans to it',
    defaultMode: 'namespace',
    allowedModes: ['namespace', 'off'],
    refusedModes: {
      workloads: 'the collector must be meshed and tempo-distributed has a podAnnotations key per component; mesh the namespace',
      ingress: 'ingress mode is for ingress controllers only',
    },
    workloadsVia: 'none',
  }),

  // Traefik balances over endpoint IPs itself, so its proxy must run in ingress mode and route
  // each request by the `l5d-dst-override` header the Ingress middleware sets. Port 443 is skipped
  // so Traefik reaches the Kubernetes API directly (the ingress-mode proxy cannot route it).
  simpleRecipe({
    id: 'traefik',
    summary: 'ingress mode through deployment.podAnnotations, outbound 443 skipped',
    defaultMode: 'ingress',
    allowedModes: ['ingress', 'off'],
    refusedModes: {
      workloads: 'Traefik picks endpoint IPs itself; only ingress mode routes its requests as services (by l5d-dst-override)',
      namespace: 'Traefik picks endpoint IPs itself; only ingress mode routes its requests as services (by l5d-dst-override)',
    },
    workloadsVia: 'values',
    podAnnotationPaths: [TRAEFIK_POD_ANNOTATIONS],
    requiredSkipOutboundPorts: ['443'],
  }),

  // Argo CD is installed by the bootstrap before Linkerd exists, so its pods start unmeshed and
  // would join the mesh only on a later restart; and it must keep syncing when the mesh is broken
  // (it deploys the fix). So it stays out, and its redis-secret-init PreSync Job finishes.
  simpleRecipe({
    id: 'argocd',
    keys: ['argocd', 'argo-cd'],
    summary: 'never meshed: installed before Linkerd, and it must sync the fix when the mesh is broken',
    defaultMode: 'off',
    allowedModes: ['off'],
    refusedModes: {
      namespace: 'Argo CD is installed before Linkerd and must keep working when the mesh does not; keep it off',
      workloads: 'Argo CD is installed before Linkerd and must keep working when the mesh does not; keep it off',
    },
    workloadsVia: 'none',
    jobs: { createsJobs: true, jobs: 'redis-secret-init (pre-install/pre-upgrade hook, a PreSync hook under Argo CD)' },
  }),

  // The server Deployment and the node-agent DaemonSet are meshed, through `podAnnotations`: the
  // chart has no separate pod annotations for the node agent, whose pods take the top-level ones.
  // The chart's CRD upgrade/clean-up hook Jobs take theirs from `kubectl.annotations`, and the
  // repository-maintenance and data-mover Jobs Velero starts carry none, so those stay out of the
  // mesh and can finish.
  simpleRecipe({
    id: 'velero',
    summary: 'server Deployment and node-agent DaemonSet meshed through podAnnotations; CRD hook Jobs and the Jobs Velero starts stay unmeshed',
    defaultMode: 'workloads',
    allowedModes: ['workloads', 'off'],
    refusedModes: { namespace: 'meshing the namespace would also inject the repository-maintenance and data-mover Jobs Velero starts, which would then never finish; mesh the server and node agent only' },
    workloadsVia: 'values',
    podAnnotationPaths: [['podAnnotations']],
    neverMesh: [
      {
        workload: 'upgrade-CRDs / clean-up-CRDs hook Jobs',
        reason: 'run-to-completion Jobs; a classic sidecar proxy would keep them running',
        podAnnotationsPath: ['kubectl', 'annotations'],
        rendered: { kinds: ['Job'], nameEndsWith: ['-upgrade-crds', '-cleanup-crds'] },
      },
    ],
    jobs: {
      createsJobs: true,
      jobs: 'upgrade-CRDs and clean-up-CRDs hook Jobs',
      fix: { kubectl: { annotations: { [INJECT]: 'disabled' } } },
    },
  }),
];
