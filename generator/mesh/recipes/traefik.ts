import type { MeshRecipe } from '../types.js';

/**
 * Traefik balances over endpoint IPs itself, so its proxy must run in ingress mode and route each
 * request by the `l5d-dst-override` header the Ingress middleware sets. Port 443 is skipped so
 * Traefik reaches the Kubernetes API directly (the ingress-mode proxy cannot route it).
 */
export const traefik: MeshRecipe = {
  id: 'traefik',
  keys: ['traefik'],
  summary: 'ingress mode through deployment.podAnnotations, outbound 443 skipped',
  defaultMode: 'ingress',
  allowedModes: ['ingress', 'off'],
  refusedModes: {
    workloads: 'Traefik picks endpoint IPs itself; only ingress mode routes its requests as services (by l5d-dst-override)',
    namespace: 'Traefik picks endpoint IPs itself; only ingress mode routes its requests as services (by l5d-dst-override)',
  },
  workloadsVia: 'values',
  podAnnotationPaths: [['deployment', 'podAnnotations']],
  requiredSkipOutboundPorts: ['443'],
  neverMesh: [],
  jobs: { createsJobs: false },
};
