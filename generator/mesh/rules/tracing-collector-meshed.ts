import { INJECT } from '../annotations.js';
import { meshFacts, modeAllowed } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { valueAt } from '../../core/value-at.js';
import { finding } from './diagnostic.js';

/**
 * Linkerd proxies export spans only to a collector with the mesh identity of the configured
 * ServiceAccount; an unmeshed Tempo distributor receives nothing.
 */
export const tracingCollectorMeshed: MeshRule = {
  id: 'tracing-collector-meshed',
  scope: 'instance',
  severity: 'error',
  title: 'tracing is on but the Tempo app holding the collector (distributor) is not meshed',
  hint: 'mesh the Tempo app',
  docs: 'meshing.md#rules',
  check({ instance, values, manifests }) {
    const { recipe, mode } = meshFacts(instance, manifests);
    const tracing = instance.cluster.settings.tracing;
    if (recipe?.id !== 'tempo' || !tracing.enabled || instance.app.namespace !== tracing.collector.namespace) return [];
    const optedOut = valueAt(values, ['distributor', 'podAnnotations', INJECT]) === 'disabled';
    if (mode !== 'off' && modeAllowed(recipe, mode) && !optedOut) return [];
    return [
      finding(
        this,
        instance,
        '/mesh',
        `settings.tracing sends spans to ${tracing.collector.service}.${tracing.collector.namespace}, but ${optedOut ? 'the distributor opts out of the mesh' : 'this app is not meshed'}: Linkerd exports spans only to a meshed collector`,
        optedOut ? 'remove linkerd.io/inject: disabled from distributor.podAnnotations' : 'use mesh: namespace (the default for Tempo), or set settings.tracing.enabled: false',
      ),
    ];
  },
};
