import { INJECT, SKIP_OUTBOUND_PORTS } from '../annotations.js';
import { unskippedPorts } from '../workload-checks.js';
import { meshFacts } from '../resolve.js';
import { TRAEFIK_POD_ANNOTATIONS } from '../recipes/simple.js';
import type { MeshRule } from '../types.js';
import { valueAt } from '../../core/value-at.js';
import { finding, meshes } from './diagnostic.js';

/** An ingress-mode proxy cannot route Traefik's calls to the Kubernetes API; port 443 must bypass it. */
export const traefikSkipApiPort: MeshRule = {
  id: 'traefik-skip-api-port',
  scope: 'instance',
  severity: 'error',
  title: 'Traefik is meshed without skipping outbound port 443, so it cannot reach the Kubernetes API',
  hint: 'add 443 to the skipped outbound ports',
  docs: 'meshing.md#rules',
  check({ instance, values, manifests }) {
    const { recipe, mode } = meshFacts(instance, manifests);
    if (recipe?.id !== 'traefik' || mode === 'off' || !meshes(valueAt(values, [...TRAEFIK_POD_ANNOTATIONS, INJECT]))) return [];
    const skipped = valueAt(values, [...TRAEFIK_POD_ANNOTATIONS, SKIP_OUTBOUND_PORTS]);
    if (unskippedPorts(recipe.requiredSkipOutboundPorts ?? [], skipped).length === 0) return [];
    return [
      finding(
        this,
        instance,
        '/mesh',
        `Traefik is meshed but ${SKIP_OUTBOUND_PORTS} is '${String(skipped ?? '')}', without 443: the ingress-mode proxy cannot route its watch calls to the Kubernetes API`,
        `add 443 to ${SKIP_OUTBOUND_PORTS} in deployment.podAnnotations (or remove your value: the generator sets "443")`,
      ),
    ];
  },
};
