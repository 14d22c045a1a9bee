import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { finding } from './diagnostic.js';

const CONTROLLERS = new Set(['traefik', 'ingress-nginx']);
/** Namespaces the proxy injector's namespaceSelector skips (the control plane's is labelled off). */
const SKIPPED = ['kube-system', 'cert-manager'];

/** A meshed ingress controller in a namespace the injector ignores would silently run unmeshed. */
export const ingressControllerNamespace: MeshRule = {
  id: 'ingress-controller-namespace',
  scope: 'instance',
  severity: 'error',
  title: 'a meshed ingress controller (Traefik, ingress-nginx) in kube-system, cert-manager or the Linkerd namespace, where the injector never injects',
  hint: 'move the controller to its own namespace',
  docs: 'meshing.md#rules',
  check({ instance, manifests }) {
    const { recipe, mode } = meshFacts(instance, manifests);
    if (!recipe || !CONTROLLERS.has(recipe.id) || mode === 'off') return [];
    const ns = instance.app.namespace;
    const skipped = [...SKIPPED, instance.cluster.settings.linkerd.namespace];
    if (!skipped.includes(ns)) return [];
    return [
      finding(
        this,
        instance,
        '/namespace',
        `${recipe.id} is meshed but runs in namespace '${ns}', which the Linkerd proxy injector skips: it would never get a proxy`,
        `deploy it in its own namespace (e.g. ${recipe.id === 'traefik' ? 'traefik' : 'ingress-nginx'}); on K3s disable the bundled Traefik in kube-system`,
      ),
    ];
  },
};
