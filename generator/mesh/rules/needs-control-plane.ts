import type { AppConfig } from '../../model/config.js';
import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { finding } from './diagnostic.js';

const CONTROL_PLANE = 'linkerd-control-plane';

/**
 * Injection happens when a pod is created, by the control plane's proxy injector. A meshed app
 * with no dependency path to the app deploying the control plane may sync first (waves order only
 * what `dependsOn` connects), and its pods then run without a proxy until they are restarted.
 */
export const needsControlPlane: MeshRule = {
  id: 'needs-control-plane',
  scope: 'instance',
  severity: 'warning',
  title: 'a meshed app has no dependency path to the app that deploys linkerd-control-plane on its cluster, so its pods may start unmeshed',
  hint: 'add dependsOn: [linkerd-control-plane]',
  docs: 'meshing.md#rules',
  check({ instance, manifests }) {
    const { mode } = meshFacts(instance, manifests);
    if (mode === 'off') return [];
    const apps = instance.ctx.appsOnCluster;
    const cp = [...apps.values()].find((a) => a.component === CONTROL_PLANE || a.chart?.name === CONTROL_PLANE);
    if (!cp || cp.name === instance.app.name || reaches(instance.app, cp.name, apps)) return [];
    return [
      finding(
        this,
        instance,
        '/dependsOn',
        `app is meshed (mode ${mode}) but has no dependency path to '${cp.name}': it may sync before the proxy injector exists, and its pods would start unmeshed`,
        `add dependsOn: [${cp.name}] (depending on an app that depends on it is enough)`,
      ),
    ];
  },
};

/** Whether `target` is among the transitive dependencies of `app` on this cluster. */
function reaches(app: AppConfig, target: string, apps: ReadonlyMap<string, AppConfig>): boolean {
  const seen = new Set<string>();
  const todo = [...app.dependsOn];
  while (todo.length) {
    const name = todo.pop()!;
    if (name === target) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    todo.push(...(apps.get(name)?.dependsOn ?? []));
  }
  return false;
}
