import type { Diagnostic } from '../../model/diagnostics.js';
import { VIZ_WEB } from '../../components/linkerd-viz.js';
import { at, atSetting, deployerOf, finding, fromTemplate, preferConfigIfIdentical, type Where } from '../blame.js';
import { annotationsOf, appConfig, appsOn, list, namespaceIn, obj, str, treeOf, type ArgoApp, type TreeObject } from '../tree.js';
import type { LintContext, LintRule } from '../types.js';

const NGINX_AUTH = ['nginx.ingress.kubernetes.io/auth-type', 'nginx.ingress.kubernetes.io/auth-url'];
const TRAEFIK_MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';
const TRAEFIK_GROUPS = new Set(['traefik.io', 'traefik.containo.us']);
const AUTH_MIDDLEWARES = ['basicAuth', 'digestAuth', 'forwardAuth'];

/**
 * The viz dashboard has no login of its own and offers tap (live request data) for the whole
 * mesh; exposed through an Ingress it must sit behind ingress-level authentication.
 */
export const vizDashboardAuth: LintRule = {
  id: 'viz-dashboard-auth',
  scope: 'tree',
  severity: 'error',
  title: 'the linkerd-viz dashboard is exposed by an Ingress or IngressRoute without authentication',
  hint: 'set settings.linkerd.viz.basicAuthSecret (an htpasswd Secret created in the cluster), or add an nginx auth-type/auth-url annotation or a Traefik basicAuth/forwardAuth middleware',
  docs: 'lint-rules.md#viz-dashboard-auth',
  check(ctx) {
    const t = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const viz of t.apps.filter((a) => a.chart === 'linkerd-viz')) {
      const ns = viz.destinationNamespace ?? 'linkerd-viz';
      const onCluster = appsOn(t, viz.cluster);
      const placed = onCluster.flatMap((a) => a.deployed.map((o) => ({ o, ns: namespaceIn(o, a) })));
      const middlewares = placed.filter(({ o }) => TRAEFIK_GROUPS.has(o.group) && o.kind === 'Middleware');
      const findMiddleware = (name: string, namespace: string | undefined) => middlewares.find((m) => m.o.name === name && m.ns === namespace)?.o;

      for (const { o, ns: objNs } of placed) {
        if ((o.group === 'networking.k8s.io' || o.group === 'extensions') && o.kind === 'Ingress' && objNs === ns && ingressToWeb(o)) {
          const an = annotationsOf(o);
          if (NGINX_AUTH.some((k) => an[k] !== undefined)) continue;
          const refs = (an[TRAEFIK_MIDDLEWARES] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
          const resolved = refs.map((ref) => middlewares.find((m) => `${m.ns}-${m.o.name}@kubernetescrd` === ref || `${m.ns}-${m.o.name}` === ref)?.o);
          if (resolved.some((m) => m !== undefined && authenticates(m, findMiddleware))) continue;
          out.push(finding(this, where(ctx, viz, o, '/metadata/annotations'), `Ingress ${objNs}/${o.name} (${o.file}) exposes the Linkerd dashboard (service ${VIZ_WEB.service}) without authentication${unresolvedNote(refs, resolved)}`));
        }
        if (TRAEFIK_GROUPS.has(o.group) && o.kind === 'IngressRoute') {
          list(obj(o.data['spec'])['routes']).forEach((r, i) => {
            const route = obj(r);
            const toWeb = list(route['services']).some((s) => str(obj(s)['name']) === VIZ_WEB.service && (str(obj(s)['namespace']) ?? objNs) === ns && (str(obj(s)['kind']) ?? 'Service') === 'Service');
            if (!toWeb) return;
            const refs = list(route['middlewares']).map((m) => ({ name: str(obj(m)['name']) ?? '', namespace: str(obj(m)['namespace']) ?? objNs }));
            const resolved = refs.map((m) => findMiddleware(m.name, m.namespace));
            if (resolved.some((m) => m !== undefined && authenticates(m, findMiddleware))) return;
            out.push(
              finding(
                this,
                where(ctx, viz, o, `/spec/routes/${i}`),
                `IngressRoute ${objNs}/${o.name} (${o.file}) routes to the Linkerd dashboard (service ${VIZ_WEB.service}) without an authenticating middleware${unresolvedNote(
                  refs.map((m) => `${m.namespace}/${m.name}`),
                  resolved,
                )}`,
              ),
            );
          });
        }
      }
    }
    return out;
  },
};

function ingressToWeb(o: TreeObject): boolean {
  const spec = obj(o.data['spec']);
  const isWeb = (backend: unknown) => str(obj(obj(backend)['service'])['name']) === VIZ_WEB.service || str(obj(backend)['serviceName']) === VIZ_WEB.service;
  if (isWeb(spec['defaultBackend']) || isWeb(spec['backend'])) return true;
  return list(spec['rules']).some((r) => list(obj(obj(r)['http'])['paths']).some((p) => isWeb(obj(p)['backend'])));
}

/** basicAuth, digestAuth or forwardAuth, directly or through a chain. */
function authenticates(m: TreeObject, find: (name: string, ns: string | undefined) => TreeObject | undefined, seen = new Set<TreeObject>()): boolean {
  if (seen.has(m)) return false;
  seen.add(m);
  const spec = obj(m.data['spec']);
  if (AUTH_MIDDLEWARES.some((k) => spec[k] !== undefined)) return true;
  return list(obj(spec['chain'])['middlewares']).some((c) => {
    const ref = find(str(obj(c)['name']) ?? '', str(obj(c)['namespace']) ?? m.namespace);
    return ref !== undefined && authenticates(ref, find, seen);
  });
}

function unresolvedNote(refs: string[], resolved: (TreeObject | undefined)[]): string {
  const missing = refs.filter((_, i) => resolved[i] === undefined);
  return missing.length ? ` (middleware ${missing.join(', ')} is not in the tree, so its authentication cannot be verified)` : '';
}

/** The built-in dashboard Ingress follows settings.linkerd.viz; an operator's own one its template. */
function where(ctx: LintContext, viz: ArgoApp, o: TreeObject, pointer: string): Where {
  const by = deployerOf(ctx, o);
  const settings = ctx.plan.clusters.find((c) => c.name === viz.cluster)?.settings;
  const hosts = list(obj(o.data['spec'])['rules']).map((r) => str(obj(r)['host']));
  const builtIn = by === viz && appConfig(ctx, viz.app)?.component === 'linkerd-viz' && settings !== undefined && settings.linkerd.viz.host !== '' && (hosts.includes(settings.linkerd.viz.host) || o.kind === 'IngressRoute');
  return preferConfigIfIdentical(ctx, at(ctx, o, pointer), fromTemplate(ctx, o, pointer), builtIn ? atSetting(ctx, viz.cluster, ['linkerd', 'viz', 'basicAuthSecret']) : undefined);
}
