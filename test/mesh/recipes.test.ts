import { describe, expect, it } from 'vitest';
import { RECIPES, RECIPE_TABLE, findRecipe } from '../../generator/mesh/index.js';
import { NOT_AN_INGRESS_CONTROLLER, simpleRecipe } from '../../generator/mesh/recipes/simple.js';
import { chart, codes, makeApp, mesh, run } from './helpers.js';

describe('recipe table', () => {
  it('keys every recipe by chart name', () => {
    expect([...RECIPE_TABLE.keys()].sort()).toEqual([
      'argo-cd',
      'argocd',
      'eck-operator',
      'fluent-bit',
      'ingress-nginx',
      'kube-prometheus-stack',
      'longhorn',
      'tempo',
      'tempo-distributed',
      'traefik',
      'velero',
    ]);
  });

  it('gives each recipe a default mode it allows and a reason for every mode it refuses', () => {
    for (const r of RECIPES) {
      expect(r.allowedModes).toContain(r.defaultMode);
      for (const m of ['namespace', 'workloads', 'ingress', 'off'] as const) {
        if (!r.allowedModes.includes(m)) expect(r.refusedModes[m], `${r.id} ${m}`).toBeTruthy();
      }
      if (r.workloadsVia === 'values') expect(r.podAnnotationPaths.length).toBeGreaterThan(0);
    }
  });

  it('fills the defaults of a data-only recipe', () => {
    const plain = simpleRecipe({ id: 'x', summary: 's', defaultMode: 'namespace', allowedModes: ['namespace', 'off'], workloadsVia: 'none' });
    expect(plain).toEqual({ id: 'x', keys: ['x'], summary: 's', defaultMode: 'namespace', allowedModes: ['namespace', 'off'], workloadsVia: 'none', podAnnotationPaths: [], neverMesh: [], jobs: { createsJobs: false }, refusedModes: { ingress: NOT_AN_INGRESS_CONTROLLER } });
    // An ingress controller is not told it is none; a recipe's own reason wins over the default.
    expect(simpleRecipe({ id: 'gw', summary: 's', defaultMode: 'ingress', allowedModes: ['ingress', 'off'], workloadsVia: 'values', podAnnotationPaths: [['p']] }).refusedModes).toEqual({});
    expect(simpleRecipe({ id: 'y', summary: 's', defaultMode: 'off', allowedModes: ['off'], workloadsVia: 'none', refusedModes: { ingress: 'mine' } }).refusedModes.ingress).toBe('mine');
  });

  it('prefers the component id over the chart name', () => {
    expect(findRecipe({ component: 'traefik', chart: chart('something-else') }, [])?.id).toBe('traefik');
    expect(findRecipe({ chart: chart('velero') }, [])?.id).toBe('velero');
    expect(findRecipe({ chart: chart('unknown') }, [])).toBeUndefined();
  });
});

describe('kube-prometheus-stack', () => {
  const app = makeApp({ name: 'kube-prometheus-stack', namespace: 'monitoring', chart: chart('kube-prometheus-stack', '66.2.1') });

  it('meshes the namespace by default and keeps the admission Jobs out', () => {
    const out = run(app);
    expect(out.mode).toBe('namespace');
    expect(out.recipe).toBe('kube-prometheus-stack');
    // 2.20 runs native sidecars by default: nothing else on the namespace.
    expect(out.namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(out.values).toEqual({ prometheusOperator: { admissionWebhooks: { patch: { podAnnotations: { 'linkerd.io/inject': 'disabled' } } } } });
    expect(codes(out)).toEqual([]);
  });

  it('lets Grafana download dashboards past the proxy when there are no native sidecars', () => {
    const out = run(app, { linkerd: '2.14', kubernetes: '1.28' });
    expect(out.values['grafana']).toEqual({ podAnnotations: { 'config.linkerd.io/skip-outbound-ports': '443' } });
    expect(out.namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
  });

  it('keeps the operator values and merges next to them', () => {
    const values = { prometheusOperator: { admissionWebhooks: { patch: { podAnnotations: { team: 'obs' } } } } };
    const out = run(app, { values });
    expect(out.values).toEqual({ prometheusOperator: { admissionWebhooks: { patch: { podAnnotations: { team: 'obs', 'linkerd.io/inject': 'disabled' } } } } });
    expect(values.prometheusOperator.admissionWebhooks.patch.podAnnotations).toEqual({ team: 'obs' });
  });
});

describe('ECK', () => {
  it('eck-operator: namespace mode, or podAnnotations in workloads mode', () => {
    const app = makeApp({ name: 'eck-operator', namespace: 'elastic-system', chart: chart('eck-operator') });
    expect(run(app).namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    const w = run({ ...app, mesh: mesh('workloads') });
    expect(w.namespaceAnnotations).toEqual({});
    expect(w.values).toEqual({ podAnnotations: { 'linkerd.io/inject': 'enabled' } });
  });

  it('Elasticsearch and Kibana among plain manifests: token mounted, self-signed HTTP TLS off', () => {
    const es = { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', metadata: { name: 'es', namespace: 'logging' }, spec: { version: '8.17.0', nodeSets: [{ name: 'a', count: 1 }, { name: 'b', count: 1, podTemplate: { spec: { containers: [] } } }] } };
    const kb = { apiVersion: 'kibana.k8s.elastic.co/v1', kind: 'Kibana', metadata: { name: 'kb', namespace: 'logging' }, spec: { version: '8.17.0', count: 1 } };
    const app = makeApp({ name: 'logging', namespace: 'logging' });
    const out = run(app, { manifests: [es, kb] });
    expect(out.recipe).toBe('eck-resources');
    expect(out.mode).toBe('namespace');
    expect(out.namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    const [esOut, kbOut] = out.manifests as unknown as [typeof es & { spec: Record<string, unknown> }, typeof kb & { spec: Record<string, unknown> }];
    expect(esOut.spec['nodeSets']).toEqual([
      { name: 'a', count: 1, podTemplate: { spec: { automountServiceAccountToken: true } } },
      { name: 'b', count: 1, podTemplate: { spec: { containers: [], automountServiceAccountToken: true } } },
    ]);
    expect(esOut.spec['http']).toEqual({ tls: { selfSignedCertificate: { disabled: true } } });
    expect(kbOut.spec['podTemplate']).toEqual({ spec: { automountServiceAccountToken: true } });
    expect(kbOut.spec['http']).toEqual({ tls: { selfSignedCertificate: { disabled: true } } });
    // The input objects are not modified.
    expect(kb.spec).toEqual({ version: '8.17.0', count: 1 });
  });

  it('leaves a resource whose spec is not a map to the schema check instead of crashing', () => {
    const es = { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', metadata: { name: 'es' }, spec: 'oops' };
    const out = run(makeApp({ name: 'logging' }), { manifests: [es] });
    expect(out.manifests).toEqual([es]);
  });

  it('leaves an operator TLS certificate alone', () => {
    const kb = { apiVersion: 'kibana.k8s.elastic.co/v1', kind: 'Kibana', metadata: { name: 'kb' }, spec: { http: { tls: { certificate: { secretName: 'kb-cert' } } } } };
    const out = run(makeApp({ name: 'logging' }), { manifests: [kb] });
    expect((out.manifests[0] as unknown as typeof kb).spec.http).toEqual({ tls: { certificate: { secretName: 'kb-cert' } } });
  });

  it('fluent-bit: namespace mode, or podAnnotations', () => {
    const app = makeApp({ name: 'fluent-bit', namespace: 'logging', chart: chart('fluent-bit', '0.48.3') });
    expect(run(app).namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(run({ ...app, mesh: mesh('workloads') }).values).toEqual({ podAnnotations: { 'linkerd.io/inject': 'enabled' } });
  });
});

describe('argocd', () => {
  it('keeps Argo CD out of the mesh: off by default, every other mode refused with the reason', () => {
    const app = makeApp({ name: 'argocd', component: 'argocd', chart: chart('argo-cd', '10.1.1') });
    const out = run(app);
    expect(out.mode).toBe('off');
    expect(out.values).toEqual({});
    expect(out.namespaceAnnotations).toEqual({});
    for (const m of ['namespace', 'workloads'] as const) {
      const refused = run({ ...app, mesh: mesh(m) });
      expect(codes(refused)).toContain('mesh/mode-not-allowed');
      expect(refused.diagnostics.find((d) => d.code === 'mesh/mode-not-allowed')!.message).toMatch(/installed before Linkerd/);
    }
  });
});

describe('velero', () => {
  it('meshes the server and node agent through podAnnotations and leaves the namespace and the hook Jobs alone', () => {
    const out = run(makeApp({ name: 'velero', chart: chart('velero', '8.1.0') }));
    expect(out.mode).toBe('workloads');
    expect(out.namespaceAnnotations).toEqual({});
    expect(out.values).toEqual({ podAnnotations: { 'linkerd.io/inject': 'enabled' } });
    expect(codes(out)).toEqual([]);
  });

  it('adds skipped ports and proxy settings next to the inject annotation', () => {
    const app = makeApp({ name: 'velero', chart: chart('velero'), mesh: mesh('workloads', { skipOutboundPorts: ['9000', '443'], proxy: { 'proxy-cpu-request': '20m' } }) });
    expect(run(app).values).toEqual({
      podAnnotations: {
        'linkerd.io/inject': 'enabled',
        'config.linkerd.io/skip-outbound-ports': '9000,443',
        'config.linkerd.io/proxy-cpu-request': '20m',
      },
    });
  });
});

describe('traefik', () => {
  it('runs in ingress mode with outbound 443 skipped', () => {
    const out = run(makeApp({ name: 'traefik', chart: chart('traefik', '33.2.1') }));
    expect(out.mode).toBe('ingress');
    expect(out.namespaceAnnotations).toEqual({});
    expect(out.values).toEqual({ deployment: { podAnnotations: { 'linkerd.io/inject': 'ingress', 'config.linkerd.io/skip-outbound-ports': '443' } } });
    expect(codes(out)).toEqual([]);
  });

  it('joins extra skipped ports after 443 without duplicates', () => {
    const app = makeApp({ name: 'traefik', chart: chart('traefik'), mesh: mesh('ingress', { skipOutboundPorts: ['6443', '443'], skipInboundPorts: ['8080'] }) });
    expect(run(app).values).toEqual({
      deployment: {
        podAnnotations: {
          'linkerd.io/inject': 'ingress',
          'config.linkerd.io/skip-inbound-ports': '8080',
          'config.linkerd.io/skip-outbound-ports': '443,6443',
        },
      },
    });
  });
});

describe('ingress-nginx', () => {
  it('meshes the controller only; the namespace stays unannotated', () => {
    const out = run(makeApp({ name: 'ingress-nginx', chart: chart('ingress-nginx', '4.13.9') }));
    expect(out.mode).toBe('workloads');
    expect(out.namespaceAnnotations).toEqual({});
    expect(out.values).toEqual({ controller: { podAnnotations: { 'linkerd.io/inject': 'enabled' } } });
  });
});

describe('tempo', () => {
  it.each([
    ['tempo', 'tempo', { fullnameOverride: 'tempo' }],
    ['tempo-distributed', 'tempo-distributor', { fullnameOverride: 'tempo', traces: { otlp: { grpc: { enabled: true } } } }],
  ])('%s: the namespace (and so the pod receiving spans) is meshed', (name, service, values) => {
    const out = run(makeApp({ name: 'tempo', namespace: 'tracing', chart: chart(name) }), { values, collector: { service } });
    expect(out.recipe).toBe('tempo');
    expect(out.namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(codes(out)).toEqual([]);
  });
});

describe('apps without a recipe', () => {
  it('stay unmeshed unless they ask', () => {
    const out = run(makeApp({ name: 'grafana', chart: chart('grafana') }));
    expect(out).toMatchObject({ mode: 'off', namespaceAnnotations: {}, values: {}, ignoreDifferences: [] });
    expect(out.recipe).toBeUndefined();
  });

  it('namespace mode works for any chart', () => {
    const out = run(makeApp({ name: 'grafana', chart: chart('grafana'), mesh: mesh('namespace', { proxy: { 'proxy-memory-limit': '64Mi' } }) }));
    expect(out.namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled', 'config.linkerd.io/proxy-memory-limit': '64Mi' });
  });

  it('plain manifests in workloads mode get the annotation on their long-running pod templates', () => {
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: {} } } };
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { template: { spec: {} } } };
    const out = run(makeApp({ name: 'web', mesh: mesh('workloads') }), { manifests: [deploy, job] });
    expect((out.manifests[0] as unknown as typeof deploy).spec.template.metadata).toEqual({ labels: { app: 'web' }, annotations: { 'linkerd.io/inject': 'enabled' } });
    expect((out.manifests[1] as unknown as typeof job).spec.template).toEqual({ spec: {} });
  });
});
