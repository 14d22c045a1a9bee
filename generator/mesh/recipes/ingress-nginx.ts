import { INJECT } from '../annotations.js';
import type { MeshRecipe } from '../types.js';

/**
 * ingress-nginx: the controller pods are meshed normally; every Ingress then needs
 * `service-upstream: "true"` so NGINX sends to the Service IP and the proxy can route and balance.
 * The namespace is not annotated, which keeps the admission-webhook Jobs unmeshed.
 */
export const ingressNginx: MeshRecipe = {
  id: 'ingress-nginx',
  keys: ['ingress-nginx'],
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
    },
  ],
  jobs: {
    createsJobs: true,
    jobs: 'admission-webhook create/patch Jobs (Helm hooks)',
    fix: { controller: { admissionWebhooks: { patch: { podAnnotations: { [INJECT]: 'disabled' } } } } },
  },
};
