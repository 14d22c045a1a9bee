import type { MeshConfig } from '../model/config.js';

/** Linkerd's injection switch on a namespace or pod template. */
export const INJECT = 'linkerd.io/inject';
export type InjectValue = 'enabled' | 'disabled' | 'ingress';

export const SKIP_INBOUND_PORTS = 'config.linkerd.io/skip-inbound-ports';
export const SKIP_OUTBOUND_PORTS = 'config.linkerd.io/skip-outbound-ports';
/** `mesh.proxy` keys are written under this prefix. */
export const PROXY_CONFIG_PREFIX = 'config.linkerd.io/';

/** Argo CD hook annotations (the Longhorn PostSync Job). */
export const ARGO_HOOK = 'argocd.argoproj.io/hook';
export const ARGO_HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';

/** Ingress annotations. */
export const CERT_MANAGER_CLUSTER_ISSUER = 'cert-manager.io/cluster-issuer';
export const NGINX_SERVICE_UPSTREAM = 'nginx.ingress.kubernetes.io/service-upstream';
export const TRAEFIK_MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';
export const TRAEFIK_ENTRYPOINTS = 'traefik.ingress.kubernetes.io/router.entrypoints';
export const TRAEFIK_TLS = 'traefik.ingress.kubernetes.io/router.tls';

/** Port lists as Linkerd reads them: comma-separated, duplicates dropped, first occurrence wins. */
export function joinPorts(...lists: readonly (readonly string[])[]): string {
  return [...new Set(lists.flat().map((p) => p.trim()).filter((p) => p !== ''))].join(',');
}

/** Whether a comma-separated list of ports and ranges (`"80,400-500"`) covers `port`. */
export function portsInclude(list: string, port: number): boolean {
  return list.split(',').some((item) => {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(item);
    if (!m) return false;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    return port >= lo && port <= hi;
  });
}

/**
 * What a meshed pod (or namespace) carries: the inject value, the skipped ports and the proxy
 * settings of `mesh:`. `requiredSkipOutbound` are ports the chart always needs skipped.
 */
export function meshAnnotations(inject: InjectValue, mesh: MeshConfig, requiredSkipOutbound: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = { [INJECT]: inject };
  const inbound = joinPorts(mesh.skipInboundPorts);
  const outbound = joinPorts(requiredSkipOutbound, mesh.skipOutboundPorts);
  if (inbound) out[SKIP_INBOUND_PORTS] = inbound;
  if (outbound) out[SKIP_OUTBOUND_PORTS] = outbound;
  for (const key of Object.keys(mesh.proxy).sort()) out[PROXY_CONFIG_PREFIX + key] = mesh.proxy[key]!;
  return out;
}
