import { INJECT } from '../annotations.js';
import type { MeshRecipe } from '../types.js';

/**
 * Velero: only the server Deployment is meshed, through `podAnnotations`. The chart's CRD
 * upgrade/clean-up hook Jobs take their pod annotations from `kubectl.annotations`, so they stay
 * out of the mesh and can finish.
 */
export const velero: MeshRecipe = {
  id: 'velero',
  keys: ['velero'],
  summary: 'server Deployment meshed through podAnnotations; CRD hook Jobs stay unmeshed',
  defaultMode: 'workloads',
  allowedModes: ['workloads', 'off'],
  refusedModes: {
    namespace: 'meshing the namespace would also inject the node-agent DaemonSet and the pods Velero starts for backups; mesh the server only',
    ingress: 'ingress mode is for ingress controllers only',
  },
  workloadsVia: 'values',
  podAnnotationPaths: [['podAnnotations']],
  neverMesh: [
    {
      workload: 'upgrade-CRDs / clean-up-CRDs hook Jobs',
      reason: 'run-to-completion Jobs; a classic sidecar proxy would keep them running',
      podAnnotationsPath: ['kubectl', 'annotations'],
    },
  ],
  jobs: {
    createsJobs: true,
    jobs: 'upgrade-CRDs and clean-up-CRDs hook Jobs',
    fix: { kubectl: { annotations: { [INJECT]: 'disabled' } } },
  },
};
