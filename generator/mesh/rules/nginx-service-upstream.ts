import { escapePointerSegment } from '../../model/source.js';
import { NGINX_SERVICE_UPSTREAM } from '../annotations.js';
import { controllerOfClass, meshFacts, modeAllowed } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { isIngress, serviceUpstream } from '../workloads.js';
import { finding } from './diagnostic.js';

/**
 * ingress-nginx picks endpoint IPs itself unless told `service-upstream: "true"`; the meshed
 * controller's proxy then sees pod IPs and cannot apply the service's routing and balancing.
 */
export const nginxServiceUpstream: MeshRule = {
  id: 'nginx-service-upstream',
  scope: 'instance',
  severity: 'error',
  title: 'an ingress-nginx Ingress to a meshed app sets nginx.ingress.kubernetes.io/service-upstream to something other than "true"',
  hint: 'remove the overriding service-upstream annotation',
  docs: 'meshing.md#rules',
  check({ instance, manifests }) {
    const { mode, recipe } = meshFacts(instance, manifests);
    if (mode === 'off' || !modeAllowed(recipe, mode)) return [];
    const settings = instance.cluster.settings;
    const out = [];
    for (const o of manifests) {
      if (!isIngress(o) || controllerOfClass(o.spec?.ingressClassName, settings) !== 'nginx') continue;
      const value = serviceUpstream(o);
      if (value === undefined || value === 'true') continue;
      // Point at the app's ingress entry when the Ingress came from one.
      const index = instance.app.ingress.findIndex((r) => r.annotations[NGINX_SERVICE_UPSTREAM] === value);
      const pointer = index >= 0 ? `/ingress/${index}/annotations/${escapePointerSegment(NGINX_SERVICE_UPSTREAM)}` : '/resources';
      out.push(
        finding(
          this,
          instance,
          pointer,
          `Ingress ${o.metadata.name} routes to the meshed app ${instance.app.name} but sets ${NGINX_SERVICE_UPSTREAM}: "${value}"; NGINX would send to pod IPs and bypass the service's mesh routing`,
          `remove the annotation (the generator sets "true") or set it to "true"`,
        ),
      );
    }
    return out;
  },
};
