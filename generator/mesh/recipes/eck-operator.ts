import type { MeshRecipe } from '../types.js';

/** The ECK operator: meshed so its calls to Elasticsearch and Kibana use mTLS. It runs no Jobs. */
export const eckOperator: MeshRecipe = {
  id: 'eck-operator',
  keys: ['eck-operator'],
  summary: 'namespace meshed (or its StatefulSet through podAnnotations); no Jobs',
  defaultMode: 'namespace',
  allowedModes: ['namespace', 'workloads', 'off'],
  refusedModes: { ingress: 'ingress mode is for ingress controllers only' },
  workloadsVia: 'values',
  podAnnotationPaths: [['podAnnotations']],
  neverMesh: [],
  jobs: { createsJobs: false },
};
