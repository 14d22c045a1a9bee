/**
 * Which Services the tree exposes to outside the cluster: every backend of an Ingress and every
 * Service of a Traefik IngressRoute's routes, from the tree's own objects and the rendered charts.
 */
import { deployerOf } from './blame.js';
import type { RenderedApp } from './rendered.js';
import { list, namespaceIn, obj, str, treeOf } from './tree.js';
import type { LintContext } from './types.js';

const INGRESS_GROUPS = new Set(['networking.k8s.io', 'extensions']);
const TRAEFIK_GROUPS = new Set(['traefik.io', 'traefik.containo.us']);

export interface Exposure {
  /** The Service, as `<namespace>/<name>`. */
  service: string;
  /** The Ingress or IngressRoute, for messages: `Ingress <ns>/<name> (<file or template>)`. */
  by: string;
}

interface Route {
  group: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  data: Record<string, unknown>;
  from: string;
}

/** Every exposure of a Service by the tree's objects and the rendered apps' applied objects. */
export function exposures(ctx: LintContext, apps: readonly RenderedApp[]): Exposure[] {
  const routes: Route[] = treeOf(ctx).objects.map((o) => ({ group: o.group, kind: o.kind, name: o.name, namespace: namespaceIn(o, deployerOf(ctx, o)), data: o.data, from: o.file }));
  for (const h of apps) for (const o of h.objects) if (o.applied) routes.push({ group: o.group, kind: o.kind, name: o.name, namespace: o.namespace, data: o.data, from: o.template });
  return routes.flatMap((r) => servicesOf(r).map((service) => ({ service, by: `${r.kind} ${r.namespace ?? ''}/${r.name} (${r.from})` })));
}

function servicesOf(r: Route): string[] {
  if (r.namespace === undefined) return [];
  if (INGRESS_GROUPS.has(r.group) && r.kind === 'Ingress') return ingressBackends(r.data).map((n) => `${r.namespace}/${n}`);
  if (TRAEFIK_GROUPS.has(r.group) && r.kind === 'IngressRoute') return routeServices(r.data, r.namespace);
  return [];
}

/** `spec.defaultBackend` and every rule path's backend (`service.name`, or v1beta1's `serviceName`). */
function ingressBackends(data: Record<string, unknown>): string[] {
  const spec = obj(data['spec']);
  const nameOf = (backend: unknown) => str(obj(obj(backend)['service'])['name']) ?? str(obj(backend)['serviceName']);
  const backends = [spec['defaultBackend'], spec['backend'], ...list(spec['rules']).flatMap((r) => list(obj(obj(r)['http'])['paths']).map((p) => obj(p)['backend']))];
  return backends.map(nameOf).filter((n): n is string => n !== undefined);
}

/** Services of the routes (kind Service, the default; `namespace` defaults to the IngressRoute's). */
function routeServices(data: Record<string, unknown>, namespace: string): string[] {
  const out: string[] = [];
  for (const route of list(obj(data['spec'])['routes'])) {
    for (const s of list(obj(route)['services'])) {
      const name = str(obj(s)['name']);
      if (name !== undefined && (str(obj(s)['kind']) ?? 'Service') === 'Service') out.push(`${str(obj(s)['namespace']) ?? namespace}/${name}`);
    }
  }
  return out;
}
