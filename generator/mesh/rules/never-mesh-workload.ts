import { INJECT } from '../annotations.js';
import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { valueAt } from '../../core/value-at.js';
import { formatPath } from '../values.js';
import { finding, meshes } from './diagnostic.js';
import { neverMeshReason } from '../workload-checks.js';

/** The values turn injection on for a workload the recipe says must never be meshed. */
export const neverMeshWorkload: MeshRule = {
  id: 'never-mesh-workload',
  scope: 'instance',
  severity: 'error',
  title: 'values enable injection for a workload its recipe keeps out of the mesh (hook Jobs, hostNetwork DaemonSets)',
  hint: 'remove the value that injects the proxy',
  docs: 'meshing.md#rules',
  check({ instance, values, manifests }) {
    const { recipe } = meshFacts(instance, manifests);
    if (!recipe) return [];
    const out = [];
    for (const w of recipe.neverMesh) {
      if (!w.podAnnotationsPath) continue;
      const inject = valueAt(values, [...w.podAnnotationsPath, INJECT]);
      if (!meshes(inject)) continue;
      out.push(
        finding(
          this,
          instance,
          '/mesh',
          `${formatPath([...w.podAnnotationsPath, INJECT])} is '${String(inject)}', but ${neverMeshReason(recipe, w)}`,
          `remove that annotation from ${instance.app.values ?? 'the values template'}`,
        ),
      );
    }
    return out;
  },
};
