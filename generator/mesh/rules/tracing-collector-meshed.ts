import { INJECT } from '../annotations.js';
import { tempoCollector } from '../recipes/tempo.js';
import { meshFacts, modeAllowed } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { valueAt } from '../../core/value-at.js';
import { finding } from './diagnostic.js';

/**
 * Linkerd proxies export spans only to a collector with the mesh identity of the configured
 * ServiceAccount; an unmeshed Tempo (or distributor) receives nothing.
 */
export const tracingCollectorMeshed: MeshRule = {
  id: 'tracing-collector-meshed',
  scope: 'instance',
  severity: 'error',
  title: 'tracing is on but the Tempo app holding the collector (the tempo pod, or the distributor) is not meshed',
  hint: 'mesh the Tempo app',
  docs: 'meshing.md#rules',
  check({ instance, values, manifests }) {
    const { recipe, mode } = meshFacts(instance, manifests);
    const tracing = instance.cluster.settings.tracing;
    if (recipe?.id !== 'tempo' || !tracing.enabled || instance.app.namespace !== tracing.collector.namespace) return [];
    const collector = tempoCollector(instance.app.chart?.name);
    const optOut = collector ? [...collector.podAnnotationsPath, INJECT] : undefined;
    const optedOut = optOut !== undefined && valueAt(values, optOut) === 'disabled';
    if (mode !== 'off' && modeAllowed(recipe, mode) && !optedOut) return [];
    return [
      finding(
        this,
        instance,
        '/mesh',
        `settings.tracing sends spans to ${tracing.collector.service}.${tracing.collector.namespace}, but ${optedOut ? `${collector!.pod} opts out of the mesh` : 'this app is not meshed'}: Linkerd exports spans only to a meshed collector`,
        optedOut ? `remove linkerd.io/inject: disabled from ${collector!.podAnnotationsPath.join('.')}` : 'use mesh: namespace (the default for Tempo), or set settings.tracing.enabled: false',
      ),
    ];
  },
};
