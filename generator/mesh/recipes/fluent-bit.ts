import type { MeshRecipe } from '../types.js';

/** fluent-bit: a DaemonSet shipping logs to Elasticsearch over the mesh. It runs no Jobs. */
export const fluentBit: MeshRecipe = {
  id: 'fluent-bit',
  keys: ['fluent-bit'],
  summary: 'namespace meshed (or the DaemonSet through podAnnotations); no Jobs',
  defaultMode: 'namespace',
  allowedModes: ['namespace', 'workloads', 'off'],
  refusedModes: { ingress: 'ingress mode is for ingress controllers only' },
  workloadsVia: 'values',
  podAnnotationPaths: [['podAnnotations']],
  neverMesh: [],
  jobs: { createsJobs: false },
};
