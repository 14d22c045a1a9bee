import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { finding } from './diagnostic.js';

/**
 * A meshed namespace with chart Jobs that nothing keeps out of the mesh: without native sidecars
 * the proxy never exits, so the Jobs never complete (and hook Jobs block every sync).
 */
export const namespaceJobs: MeshRule = {
  id: 'namespace-jobs',
  scope: 'instance',
  severity: 'error',
  title: 'namespace mode for a chart that creates Jobs with no way to keep them out of the mesh, on a cluster without native sidecars',
  hint: 'use workloads mode, or a cluster with native sidecars',
  docs: 'meshing.md#rules',
  check({ instance, manifests }) {
    const { recipe, mode, nativeSidecar } = meshFacts(instance, manifests);
    if (!recipe || mode !== 'namespace' || !recipe.jobs.createsJobs || recipe.jobs.fix || nativeSidecar.available) return [];
    return [
      finding(
        this,
        instance,
        '/mesh',
        `namespace mode would mesh the ${recipe.jobs.jobs ?? 'Jobs'} of ${recipe.id}, and they would never finish: ${nativeSidecar.reason} and the chart has no values key to keep them unmeshed`,
        'use Linkerd >= 2.15 on Kubernetes >= 1.29 (native sidecars), or a workloads-mode recipe, or mesh: off',
      ),
    ];
  },
};
