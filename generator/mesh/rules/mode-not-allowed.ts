import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { finding } from './diagnostic.js';

/** A mode the chart's recipe cannot deliver safely (e.g. ingress-nginx or Longhorn in namespace mode). */
export const modeNotAllowed: MeshRule = {
  id: 'mode-not-allowed',
  scope: 'instance',
  severity: 'error',
  title: 'the app asks for a mesh mode its chart recipe refuses (e.g. Traefik not in ingress mode, Longhorn or ingress-nginx in namespace mode)',
  hint: "use one of the recipe's allowed modes",
  docs: 'meshing.md#rules',
  check({ instance, manifests }) {
    const { recipe, mode, explicit } = meshFacts(instance, manifests);
    if (!recipe || !explicit || recipe.allowedModes.includes(mode)) return [];
    const why = recipe.refusedModes[mode] ?? 'the recipe does not support it';
    return [finding(this, instance, '/mesh', `mesh mode '${mode}' is not allowed for ${recipe.id}: ${why}`, `set mesh to one of: ${recipe.allowedModes.join(', ')}`)];
  },
};
