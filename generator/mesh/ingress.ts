import type { Diagnostic } from '../model/diagnostics.js';
import type { IngressRoute } from '../model/config.js';
import type { AppInstance } from '../plan/types.js';
import type { Ingress, K8sObject, Middleware } from '../model/k8s.js';
import {
  CERT_MANAGER_CLUSTER_ISSUER,
  NGINX_SERVICE_UPSTREAM,
  TRAEFIK_ENTRYPOINTS,
  TRAEFIK_MIDDLEWARES,
  TRAEFIK_TLS,
} from './annotations.js';

/** Header Linkerd's ingress-mode proxy routes by. */
export const L5D_DST_OVERRIDE = 'l5d-dst-override';

/**
 * One Ingress per `ingress:` entry of the app, in the app's namespace, wired for the meshed
 * ingress controller of the cluster:
 * - ingress-nginx: `service-upstream: "true"`, so NGINX sends to the Service IP and the controller's
 *   proxy routes and balances like any meshed client.
 * - Traefik (ingress mode): a Middleware per service that sets `l5d-dst-override` to the service's
 *   cluster name, referenced together with the entry's own middlewares in one annotation.
 * Hosts arrive rendered (the renderer expands `{{ }}` in `host` before calling this).
 */
export function buildIngresses(instance: AppInstance): { manifests: K8sObject[]; diagnostics: Diagnostic[] } {
  const { app, cluster } = instance;
  const settings = cluster.settings;
  const namespace = app.namespace;
  const diagnostics: Diagnostic[] = [];
  const manifests: K8sObject[] = [];
  const middlewares = new Map<string, Middleware>();
  const ingressNames = names(app.ingress);

  app.ingress.forEach((entry, i) => {
    if (entry.host.includes('{{')) {
      diagnostics.push({
        severity: 'error',
        code: 'mesh/ingress-host-template',
        file: app.file,
        pointer: `/ingress/${i}/host`,
        message: `ingress host '${entry.host}' still holds a template`,
        hint: 'hosts may use {{settings.*}}, {{vars.*}} and {{cluster.*}}; check the variable names',
      });
      return;
    }
    const name = ingressNames[i]!;
    const tls = entry.tlsIssuer !== '';
    const generated: Record<string, string> = {};
    if (tls) generated[CERT_MANAGER_CLUSTER_ISSUER] = entry.tlsIssuer;
    if (settings.ingress.controller === 'nginx') generated[NGINX_SERVICE_UPSTREAM] = 'true';
    let middlewareList: string | undefined;
    if (settings.ingress.controller === 'traefik') {
      const mw = headerMiddleware(entry, namespace, app.ingress);
      middlewares.set(mw.metadata.name, mw);
      generated[TRAEFIK_ENTRYPOINTS] = settings.ingress.entryPoint;
      if (tls) generated[TRAEFIK_TLS] = 'true';
      // One annotation for all middlewares: a repeated key would keep only the last one.
      const own = (entry.annotations[TRAEFIK_MIDDLEWARES] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      middlewareList = [...new Set([...own, ...entry.middlewares, `${namespace}-${mw.metadata.name}@kubernetescrd`])].join(',');
    }
    // The operator's annotations win (the rules report the unsafe ones), except the joined list.
    const annotations = sortKeys({ ...generated, ...entry.annotations, ...(middlewareList ? { [TRAEFIK_MIDDLEWARES]: middlewareList } : {}) });
    const ingress: Ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace, annotations },
      spec: {
        ingressClassName: settings.ingress.className,
        rules: [
          {
            host: entry.host,
            http: { paths: [{ path: entry.path, pathType: 'Prefix', backend: { service: { name: entry.service, port: { number: entry.port } } } }] },
          },
        ],
        ...(tls ? { tls: [{ hosts: [entry.host], secretName: `${name}-tls` }] } : {}),
      },
    };
    manifests.push(ingress);
  });
  manifests.push(...middlewares.values());
  return { manifests, diagnostics };
}

/** `l5d-header-<service>`, with the port appended when the app routes to several ports of that service. */
function headerMiddleware(entry: IngressRoute, namespace: string, all: readonly IngressRoute[]): Middleware {
  const ports = new Set(all.filter((r) => r.service === entry.service).map((r) => r.port));
  const name = ports.size > 1 ? `l5d-header-${entry.service}-${entry.port}` : `l5d-header-${entry.service}`;
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: { name, namespace },
    spec: { headers: { customRequestHeaders: { [L5D_DST_OVERRIDE]: `${entry.service}.${namespace}.svc.cluster.local:${entry.port}` } } },
  };
}

/** Ingress names: the service name, numbered when the app has several entries for one service. */
function names(entries: readonly IngressRoute[]): string[] {
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.service, (count.get(e.service) ?? 0) + 1);
  const seen = new Map<string, number>();
  return entries.map((e) => {
    if (count.get(e.service) === 1) return e.service;
    const n = (seen.get(e.service) ?? 0) + 1;
    seen.set(e.service, n);
    return `${e.service}-${n}`;
  });
}

function sortKeys(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
