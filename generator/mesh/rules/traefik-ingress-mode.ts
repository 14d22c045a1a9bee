import { INJECT } from '../annotations.js';
import { meshFacts } from '../resolve.js';
import { TRAEFIK_POD_ANNOTATIONS } from '../recipes/simple.js';
import type { MeshRule } from '../types.js';
import { valueAt } from '../../core/value-at.js';
import { finding } from './diagnostic.js';

/** Traefik's pods must end up with `linkerd.io/inject: ingress`, whatever the values template says. */
export const traefikIngressMode: MeshRule = {
  id: 'traefik-ingress-mode',
  scope: 'instance',
  severity: 'error',
  title: 'Traefik is meshed but its pods do not get linkerd.io/inject: ingress (an operator value overrides it)',
  hint: 'remove the value that overrides linkerd.io/inject on the Traefik pods',
  docs: 'meshing.md#rules',
  check({ instance, values, manifests }) {
    const { recipe, mode } = meshFacts(instance, manifests);
    if (recipe?.id !== 'traefik' || mode !== 'ingress') return [];
    const inject = valueAt(values, [...TRAEFIK_POD_ANNOTATIONS, INJECT]);
    if (inject === 'ingress') return [];
    return [
      finding(
        this,
        instance,
        '/mesh',
        `Traefik must run its proxy in ingress mode, but deployment.podAnnotations sets linkerd.io/inject to '${String(inject)}'; a normal proxy cannot route requests Traefik sends to endpoint IPs`,
        `remove linkerd.io/inject from deployment.podAnnotations in ${instance.app.values ?? 'the values template'}; the generator sets 'ingress'`,
      ),
    ];
  },
};
