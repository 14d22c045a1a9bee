import { describe, expect, it } from 'vitest';
import { get, renderDefault } from './helpers.js';

const R = 'manifests/resources/pi/linkerd-viz';

describe('the viz dashboard Ingress, per ingress controller', () => {
  it('Traefik: enforcedHostRegexp, the l5d-dst-override Middleware and basic auth, in one middlewares annotation', async () => {
    const f = await renderDefault();
    expect(get(f, 'manifests/values/pi/linkerd-viz.yaml').dashboard.enforcedHostRegexp).toBe('^linkerd\\.pi\\.example\\.com$');
    const ing = get(f, `${R}/ingress-web.yaml`);
    expect(ing.spec.ingressClassName).toBe('traefik');
    expect(ing.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe('linkerd-viz-linkerd-viz-basic-auth@kubernetescrd,linkerd-viz-l5d-header-web@kubernetescrd');
    expect(ing.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('ca-issuer');
    expect(ing.spec.tls).toEqual([{ hosts: ['linkerd.pi.example.com'], secretName: 'web-tls' }]);
    expect(get(f, `${R}/middleware-l5d-header-web.yaml`).spec).toEqual({ headers: { customRequestHeaders: { 'l5d-dst-override': 'web.linkerd-viz.svc.cluster.local:8084' } } });
    expect(get(f, `${R}/middleware-linkerd-viz-basic-auth.yaml`).spec).toEqual({ basicAuth: { secret: 'linkerd-viz-basic-auth', removeHeader: true } });
    // The Secret is referenced, never written.
    expect([...f.values()].some((o) => o.kind === 'Secret')).toBe(false);
  });

  it('ingress-nginx: upstream-vhost, header clearing, service-upstream and basic auth from a referenced Secret', async () => {
    const f = await renderDefault({ ingress: { controller: 'nginx' } });
    const ing = get(f, `${R}/ingress-web.yaml`);
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/upstream-vhost': '$service_name.$namespace.svc.cluster.local:8084',
      'nginx.ingress.kubernetes.io/service-upstream': 'true',
      'nginx.ingress.kubernetes.io/auth-type': 'basic',
      'nginx.ingress.kubernetes.io/auth-secret': 'linkerd-viz-basic-auth',
      'cert-manager.io/cluster-issuer': 'ca-issuer',
    });
    expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/configuration-snippet']).toContain('proxy_hide_header l5d-remote-ip;');
    expect(get(f, 'manifests/values/pi/linkerd-viz.yaml').dashboard?.enforcedHostRegexp).toBeUndefined();
    expect(f.has(`${R}/middleware-l5d-header-web.yaml`)).toBe(false);
  });

  it('no host, no Ingress', async () => {
    const f = await renderDefault({ linkerd: { viz: { host: '' } } });
    expect(f.has(`${R}/ingress-web.yaml`)).toBe(false);
  });
});
