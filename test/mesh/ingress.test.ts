import { describe, expect, it } from 'vitest';
import type { IngressRoute } from '../../generator/model/config.js';
import { renderIngresses } from '../../generator/mesh/index.js';
import { makeApp, makeInstance } from './helpers.js';

function route(p: Partial<IngressRoute> & { host: string; service: string; port: number }): IngressRoute {
  return { path: '/', annotations: {}, middlewares: [], tlsIssuer: '', ...p };
}

describe('renderIngresses with Traefik', () => {
  const app = makeApp({
    name: 'kube-prometheus-stack',
    namespace: 'monitoring',
    ingress: [
      route({ host: 'grafana.pi.example.com', service: 'grafana', port: 80, tlsIssuer: 'ca-issuer', middlewares: ['traefik-basic-auth@kubernetescrd'] }),
    ],
  });
  const { manifests, diagnostics } = renderIngresses(makeInstance(app));

  it('emits the Ingress with one joined middlewares annotation, entry point and TLS', () => {
    expect(diagnostics).toEqual([]);
    expect(manifests[0]).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'grafana',
        namespace: 'monitoring',
        annotations: {
          'cert-manager.io/cluster-issuer': 'ca-issuer',
          'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
          'traefik.ingress.kubernetes.io/router.middlewares': 'traefik-basic-auth@kubernetescrd,monitoring-l5d-header-grafana@kubernetescrd',
          'traefik.ingress.kubernetes.io/router.tls': 'true',
        },
      },
      spec: {
        ingressClassName: 'traefik',
        rules: [{ host: 'grafana.pi.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'grafana', port: { number: 80 } } } }] } }],
        tls: [{ hosts: ['grafana.pi.example.com'], secretName: 'grafana-tls' }],
      },
    });
  });

  it('emits the l5d-dst-override Middleware for the service', () => {
    expect(manifests[1]).toEqual({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'Middleware',
      metadata: { name: 'l5d-header-grafana', namespace: 'monitoring' },
      spec: { headers: { customRequestHeaders: { 'l5d-dst-override': 'grafana.monitoring.svc.cluster.local:80' } } },
    });
  });

  it('folds an operator router.middlewares annotation into the same list, without duplicates', () => {
    const a = makeApp({
      name: 'web',
      ingress: [
        route({
          host: 'web.example.com',
          service: 'web',
          port: 8080,
          annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': 'a-auth@kubernetescrd, b-ratelimit@kubernetescrd' },
          middlewares: ['a-auth@kubernetescrd'],
        }),
      ],
    });
    const [ing] = renderIngresses(makeInstance(a)).manifests as { metadata: { annotations: Record<string, string> } }[];
    expect(ing!.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe('a-auth@kubernetescrd,b-ratelimit@kubernetescrd,web-l5d-header-web@kubernetescrd');
    expect(ing!.metadata.annotations).not.toHaveProperty('traefik.ingress.kubernetes.io/router.tls');
    expect(ing!.metadata.annotations).not.toHaveProperty('cert-manager.io/cluster-issuer');
  });

  it('names Ingresses and Middlewares apart when one service has several entries', () => {
    const a = makeApp({
      name: 'web',
      ingress: [route({ host: 'a.example.com', service: 'web', port: 80 }), route({ host: 'b.example.com', service: 'web', port: 9090 }), route({ host: 'c.example.com', service: 'api', port: 80 })],
    });
    const names = renderIngresses(makeInstance(a)).manifests.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toEqual(['Ingress/web-1', 'Ingress/web-2', 'Ingress/api', 'Middleware/l5d-header-web-80', 'Middleware/l5d-header-web-9090', 'Middleware/l5d-header-api']);
  });

  it('rejects a host that still holds a template', () => {
    const a = makeApp({ name: 'web', ingress: [route({ host: 'web.{{settings.nope}}', service: 'web', port: 80 })] });
    const r = renderIngresses(makeInstance(a));
    expect(r.manifests).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['mesh/ingress-host-template', '/ingress/0/host']]);
  });
});

describe('renderIngresses with ingress-nginx', () => {
  it('sets service-upstream and uses the nginx class, no Middleware', () => {
    const a = makeApp({ name: 'logging', ingress: [route({ host: 'kibana.example.com', service: 'kibana-kb-http', port: 5601, tlsIssuer: 'ca-issuer' })] });
    const { manifests } = renderIngresses(makeInstance(a, { controller: 'nginx' }));
    expect(manifests).toHaveLength(1);
    expect(manifests[0]).toMatchObject({
      metadata: { annotations: { 'cert-manager.io/cluster-issuer': 'ca-issuer', 'nginx.ingress.kubernetes.io/service-upstream': 'true' } },
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['kibana.example.com'], secretName: 'kibana-kb-http-tls' }] },
    });
  });

  it('keeps an operator value for service-upstream (the rule then judges it)', () => {
    const a = makeApp({ name: 'web', ingress: [route({ host: 'w.example.com', service: 'web', port: 80, annotations: { 'nginx.ingress.kubernetes.io/service-upstream': 'false' } })] });
    const [ing] = renderIngresses(makeInstance(a, { controller: 'nginx' })).manifests;
    expect(ing!.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/service-upstream': 'false' });
  });
});
