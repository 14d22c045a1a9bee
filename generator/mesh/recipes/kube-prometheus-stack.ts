import { INJECT, SKIP_OUTBOUND_PORTS } from '../annotations.js';
import type { MeshRecipe } from '../types.js';
import { ADMISSION_JOBS } from './simple.js';

/**
 * kube-prometheus-stack: the whole namespace is meshed, so Prometheus scrapes and Grafana queries
 * go over mTLS and show up in viz. Its admission-webhook certificate Jobs (Helm hooks) only talk to
 * the API server; they are kept out of the mesh because a classic sidecar proxy never exits and
 * would leave them NotReady forever (prometheus-community/helm-charts#479).
 */
export const kubePrometheusStack: MeshRecipe = {
  id: 'kube-prometheus-stack',
  keys: ['kube-prometheus-stack'],
  summary: 'namespace meshed; admission-webhook Jobs kept out; node-exporter (hostNetwork) never injected',
  defaultMode: 'namespace',
  allowedModes: ['namespace', 'off'],
  refusedModes: {
    workloads: 'the chart has one pod-annotation key per component (operator, Prometheus, Alertmanager, Grafana, kube-state-metrics); mesh the namespace instead',
    ingress: 'ingress mode is for ingress controllers only',
  },
  workloadsVia: 'none',
  podAnnotationPaths: [],
  neverMesh: [
    {
      workload: 'prometheus-node-exporter DaemonSet',
      reason: 'it runs with hostNetwork: the injector skips such pods, and a proxy there would intercept the node\u2019s own traffic',
      podAnnotationsPath: ['prometheus-node-exporter', 'podAnnotations'],
      rendered: { kinds: ['DaemonSet'], nameEndsWith: ['prometheus-node-exporter'] },
    },
    {
      workload: 'admission-webhook create/patch Jobs',
      reason: 'run-to-completion hook Jobs that only call the API server',
      podAnnotationsPath: ['prometheusOperator', 'admissionWebhooks', 'patch', 'podAnnotations'],
      rendered: ADMISSION_JOBS,
    },
  ],
  jobs: {
    createsJobs: true,
    jobs: 'admission-webhook create/patch Jobs (Helm hooks, PreSync/PostSync in Argo CD)',
    fix: { prometheusOperator: { admissionWebhooks: { patch: { podAnnotations: { [INJECT]: 'disabled' } } } } },
  },
  values(ctx) {
    // Grafana's init container downloads the grafana.com dashboards. Without native sidecars it
    // runs after linkerd-init but before the proxy is up, so its HTTPS calls must bypass the proxy.
    if (ctx.nativeSidecar.available) return {};
    return { grafana: { podAnnotations: { [SKIP_OUTBOUND_PORTS]: '443' } } };
  },
};
