import type { MeshRecipe } from '../types.js';

/**
 * Grafana Tempo (tempo-distributed or the single-binary tempo chart). The distributor must be
 * meshed: the proxies export spans only to a collector that presents the mesh identity of the
 * configured ServiceAccount. The namespace is meshed; the charts run no Jobs by default.
 */
export const tempo: MeshRecipe = {
  id: 'tempo',
  keys: ['tempo-distributed', 'tempo'],
  summary: 'namespace meshed; the distributor must be in the mesh for Linkerd to export spans to it',
  defaultMode: 'namespace',
  allowedModes: ['namespace', 'off'],
  refusedModes: {
    workloads: 'every Tempo component has its own podAnnotations key; mesh the namespace',
    ingress: 'ingress mode is for ingress controllers only',
  },
  workloadsVia: 'none',
  podAnnotationPaths: [],
  neverMesh: [],
  jobs: { createsJobs: false },
};
