import { meshFacts, modeAllowed } from '../resolve.js';
import { tokenlessEckPods } from '../workload-checks.js';
import type { MeshRule } from '../types.js';
import { finding } from './diagnostic.js';

/** ECK pods without a service-account token: the proxy cannot get an identity, so it is not injected. */
export const eckAutomount: MeshRule = {
  id: 'eck-automount',
  scope: 'instance',
  severity: 'error',
  title: 'a meshed Elasticsearch or Kibana resource sets automountServiceAccountToken: false, so its pods get no proxy',
  hint: 'remove automountServiceAccountToken: false',
  docs: 'meshing.md#rules',
  check({ instance, manifests }) {
    const { mode, recipe } = meshFacts(instance, manifests);
    if (mode === 'off' || !modeAllowed(recipe, mode)) return [];
    const out = [];
    for (const o of manifests) {
      for (const pointer of tokenlessEckPods(o)) {
        out.push(
          finding(
            this,
            instance,
            '/resources',
            `${o.kind} ${o.metadata.name} sets ${pointer}/automountServiceAccountToken: false; the Linkerd proxy needs the token for its identity, so these pods would not be meshed`,
            'remove the setting (the generator sets true) or set mesh: off for this app',
          ),
        );
      }
    }
    return out;
  },
};
