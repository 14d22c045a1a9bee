import { isPlainObject } from '../../core/merge.js';
import { INJECT } from '../annotations.js';
import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { formatPath } from '../values.js';
import { finding, meshes } from './diagnostic.js';

/** Every values path that sets linkerd.io/inject to enabled or ingress. */
function injectingPaths(v: unknown, path: string[] = []): string[] {
  if (!isPlainObject(v)) return [];
  const out: string[] = [];
  for (const [k, child] of Object.entries(v)) {
    if (k === INJECT && meshes(child)) out.push(formatPath([...path, k]));
    else out.push(...injectingPaths(child, [...path, k]));
  }
  return out;
}

/**
 * Longhorn meshed at install time: through a namespace annotation (the data plane gets proxies) or
 * through chart values (longhorn-manager meshed before its CSI driver deployed, longhorn#3809).
 * The recipe meshes it only after sync, from the PostSync Job.
 */
export const longhornInstallTime: MeshRule = {
  id: 'longhorn-install-time',
  scope: 'instance',
  severity: 'error',
  title: 'Longhorn pods meshed at install time (namespace annotation or chart values) instead of by the PostSync Job',
  hint: 'leave meshing Longhorn to the generated PostSync Job',
  docs: 'meshing.md#rules',
  check({ instance, values, manifests }) {
    const { recipe } = meshFacts(instance, manifests);
    if (recipe?.id !== 'longhorn') return [];
    const out = [];
    if (meshes(instance.app.namespaceMetadata.annotations[INJECT])) {
      out.push(
        finding(
          this,
          instance,
          '/namespaceMetadata/annotations',
          `the ${instance.app.namespace} namespace is annotated linkerd.io/inject: enabled, which meshes the Longhorn data plane (engine, replica, instance-manager pods)`,
          'remove the annotation; the generator meshes longhorn-manager and longhorn-ui after sync',
        ),
      );
    }
    for (const path of injectingPaths(values)) {
      out.push(
        finding(
          this,
          instance,
          '/mesh',
          `the Longhorn values set ${path}, which meshes Longhorn at install time: longhorn-manager's CSI driver then never deploys (longhorn#3809)`,
          `remove it from ${instance.app.values ?? 'the values template'}; use mesh: workloads, which patches longhorn-manager and longhorn-ui in a PostSync hook`,
        ),
      );
    }
    return out;
  },
};
