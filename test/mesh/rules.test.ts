import { describe, expect, it } from 'vitest';
import type { IngressRoute } from '../../generator/model/config.js';
import { applyMesh, MESH_RULES, renderIngresses } from '../../generator/mesh/index.js';
import type { K8sObject } from '../../generator/model/k8s.js';
import { chart, codes, fixture, makeApp, makeInstance, mesh, run, type ClusterOptions } from './helpers.js';

const values = (name: string) => fixture<Record<string, unknown>>(name)[0]!;

describe('rule table', () => {
  it('has unique ids, a severity and a title for each rule', () => {
    const ids = MESH_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of MESH_RULES) {
      expect(r.id).toMatch(/^[a-z0-9-]+$/);
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.scope).toBe('instance');
      expect(r.title.length).toBeGreaterThan(20);
    }
  });
});

describe('mesh/mode-not-allowed', () => {
  it.each([
    ['ingress-nginx', 'namespace'],
    ['traefik', 'workloads'],
    ['traefik', 'namespace'],
    ['longhorn', 'namespace'],
    ['velero', 'namespace'],
    ['kube-prometheus-stack', 'ingress'],
  ] as const)('rejects %s in %s mode and applies nothing', (name, mode) => {
    const out = run(makeApp({ name, chart: chart(name), mesh: mesh(mode) }));
    expect(codes(out)).toContain('mesh/mode-not-allowed');
    const d = out.diagnostics.find((x) => x.code === 'mesh/mode-not-allowed')!;
    expect(d).toMatchObject({ file: `apps/${name}.yaml`, pointer: '/mesh' });
    expect(d.hint).toMatch(/^set mesh to one of: /);
    expect(out.namespaceAnnotations).toEqual({});
    expect(out.manifests).toEqual([]);
  });

  it('accepts the allowed modes and the defaults', () => {
    expect(codes(run(makeApp({ name: 'ingress-nginx', chart: chart('ingress-nginx'), mesh: mesh('workloads') })))).toEqual([]);
    expect(codes(run(makeApp({ name: 'traefik', chart: chart('traefik'), mesh: mesh('off') })))).toEqual([]);
    expect(codes(run(makeApp({ name: 'longhorn', chart: chart('longhorn') })))).toEqual([]);
  });
});

describe('mesh/unknown-chart-mode', () => {
  it('rejects workloads or ingress mode on a chart without a recipe', () => {
    expect(codes(run(makeApp({ name: 'grafana', chart: chart('grafana'), mesh: mesh('workloads') })))).toEqual(['mesh/unknown-chart-mode']);
    expect(codes(run(makeApp({ name: 'gw', chart: chart('contour'), mesh: mesh('ingress') })))).toEqual(['mesh/unknown-chart-mode']);
  });

  it('accepts namespace mode, and workloads mode on plain manifests', () => {
    expect(codes(run(makeApp({ name: 'grafana', chart: chart('grafana'), mesh: mesh('namespace') })))).toEqual([]);
    expect(codes(run(makeApp({ name: 'web', mesh: mesh('workloads') })))).toEqual([]);
  });
});

describe('mesh/namespace-jobs', () => {
  const app = makeApp({ name: 'longhorn', chart: chart('longhorn'), mesh: mesh('namespace') });

  it('rejects chart Jobs with no fix on a cluster without native sidecars', () => {
    const out = run(app, { linkerd: '2.14', kubernetes: '1.28' });
    expect(codes(out)).toContain('mesh/namespace-jobs');
    expect(out.diagnostics.find((d) => d.code === 'mesh/namespace-jobs')!.message).toMatch(/no native sidecar support/);
  });

  it('accepts the same chart where native sidecars let Jobs finish', () => {
    expect(codes(run(app, { linkerd: '2.18', kubernetes: '1.30' }))).not.toContain('mesh/namespace-jobs');
  });

  it('accepts a chart whose recipe has a Job fix, even without native sidecars', () => {
    const kps = makeApp({ name: 'kube-prometheus-stack', chart: chart('kube-prometheus-stack') });
    expect(codes(run(kps, { linkerd: '2.14', kubernetes: '1.28' }))).toEqual([]);
  });
});

describe('mesh/traefik-ingress-mode', () => {
  const app = makeApp({ name: 'traefik', chart: chart('traefik') });

  it('rejects an operator value that turns the ingress proxy into a normal one', () => {
    const out = run(app, { values: values('traefik-inject-enabled.values.yaml') });
    expect(codes(out)).toEqual(['mesh/traefik-ingress-mode']);
    // The operator's value was kept, and said so.
    expect(codes(out, 'warning')).toEqual(['mesh/operator-value-kept']);
  });

  it('accepts the generated annotation', () => {
    expect(codes(run(app))).toEqual([]);
  });
});

describe('mesh/traefik-skip-api-port', () => {
  const app = makeApp({ name: 'traefik', chart: chart('traefik') });

  it('rejects a skip list without 443', () => {
    expect(codes(run(app, { values: values('traefik-skip-8443.values.yaml') }))).toEqual(['mesh/traefik-skip-api-port']);
  });

  it('accepts a range that covers 443', () => {
    expect(codes(run(app, { values: values('traefik-skip-range.values.yaml') }))).toEqual([]);
  });
});

describe('mesh/ingress-controller-namespace', () => {
  it.each([
    ['traefik', 'kube-system'],
    ['ingress-nginx', 'cert-manager'],
    ['traefik', 'linkerd'],
  ])('rejects a meshed %s in %s', (name, namespace) => {
    const out = run(makeApp({ name, namespace, chart: chart(name) }));
    expect(codes(out)).toEqual(['mesh/ingress-controller-namespace']);
    expect(out.diagnostics[0]!.pointer).toBe('/namespace');
  });

  it('accepts its own namespace, and an unmeshed controller anywhere', () => {
    expect(codes(run(makeApp({ name: 'traefik', namespace: 'traefik', chart: chart('traefik') })))).toEqual([]);
    expect(codes(run(makeApp({ name: 'traefik', namespace: 'kube-system', chart: chart('traefik'), mesh: mesh('off') })))).toEqual([]);
  });
});

describe('mesh/longhorn-install-time', () => {
  const app = makeApp({ name: 'longhorn', namespace: 'longhorn-system', chart: chart('longhorn') });

  it('rejects the inject annotation in the chart values', () => {
    const out = run(app, { values: values('longhorn-annotations.values.yaml') });
    expect(codes(out)).toEqual(['mesh/longhorn-install-time']);
    expect(out.diagnostics[0]!.message).toContain('annotations."linkerd.io/inject"');
  });

  it('rejects an injecting namespace annotation', () => {
    const annotated = { ...app, namespaceMetadata: { labels: {}, annotations: { 'linkerd.io/inject': 'enabled' } } };
    expect(codes(run(annotated))).toEqual(['mesh/longhorn-install-time']);
  });

  it('accepts the PostSync approach', () => {
    expect(codes(run(app))).toEqual([]);
  });
});

describe('mesh/nginx-service-upstream', () => {
  const entry = (annotations: Record<string, string>): IngressRoute => ({ host: 'web.example.com', service: 'web', port: 80, path: '/', annotations, middlewares: [], tlsIssuer: '' });

  /** What the renderer does: generated Ingresses join the manifests before meshing. */
  function render(app: ReturnType<typeof makeApp>, o: ClusterOptions, manifests: K8sObject[] = []) {
    const instance = makeInstance(app, o);
    const ing = renderIngresses(instance);
    return applyMesh({ instance, values: {}, manifests: [...manifests, ...ing.manifests] });
  }

  it('rejects an ingress entry of a meshed app that sets it to "false"', () => {
    const app = makeApp({ name: 'web', chart: chart('web'), mesh: mesh('namespace'), ingress: [entry({ 'nginx.ingress.kubernetes.io/service-upstream': 'false' })] });
    const out = render(app, { controller: 'nginx' });
    expect(codes(out)).toEqual(['mesh/nginx-service-upstream']);
    expect(out.diagnostics[0]!.pointer).toBe('/ingress/0/annotations/nginx.ingress.kubernetes.io~1service-upstream');
  });

  it('rejects an Ingress of the resources templates that sets it to "false"', () => {
    const app = makeApp({ name: 'web', mesh: mesh('namespace') });
    const out = render(app, { controller: 'traefik' }, fixture<K8sObject>('nginx-upstream-false.yaml'));
    expect(codes(out)).toEqual(['mesh/nginx-service-upstream']);
    expect(out.diagnostics[0]!.pointer).toBe('/resources');
  });

  it('accepts the generated "true", and adds it to template Ingresses that lack it', () => {
    const app = makeApp({ name: 'web', chart: chart('web'), mesh: mesh('namespace'), ingress: [entry({})] });
    expect(codes(render(app, { controller: 'nginx' }))).toEqual([]);
    const tpl = fixture<K8sObject>('nginx-upstream-false.yaml')[0]!;
    delete tpl.metadata.annotations;
    const out = render(makeApp({ name: 'web', mesh: mesh('namespace') }), {}, [tpl]);
    expect(out.manifests[0]!.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/service-upstream': 'true' });
  });

  it('accepts "false" for an app outside the mesh', () => {
    const app = makeApp({ name: 'web', chart: chart('web'), ingress: [entry({ 'nginx.ingress.kubernetes.io/service-upstream': 'false' })] });
    expect(codes(render(app, { controller: 'nginx' }))).toEqual([]);
  });
});

describe('mesh/never-mesh-workload', () => {
  it('rejects injection on the Velero CRD hook Jobs', () => {
    const out = run(makeApp({ name: 'velero', chart: chart('velero') }), { values: values('velero-kubectl-meshed.values.yaml') });
    expect(codes(out)).toEqual(['mesh/never-mesh-workload']);
    expect(out.diagnostics[0]!.message).toContain('kubectl.annotations."linkerd.io/inject"');
  });

  it('accepts the recipe output', () => {
    expect(codes(run(makeApp({ name: 'velero', chart: chart('velero') })))).toEqual([]);
  });
});

describe('mesh/eck-automount', () => {
  it('rejects an explicit automountServiceAccountToken: false in a meshed app', () => {
    const out = run(makeApp({ name: 'logging' }), { manifests: fixture<K8sObject>('eck-automount-false.yaml') });
    expect(codes(out)).toEqual(['mesh/eck-automount']);
    expect(out.diagnostics[0]!.message).toContain('/spec/nodeSets/0/podTemplate/spec/automountServiceAccountToken');
  });

  it('accepts it when the app is not meshed', () => {
    expect(codes(run(makeApp({ name: 'logging', mesh: mesh('off') }), { manifests: fixture<K8sObject>('eck-automount-false.yaml') }))).toEqual([]);
  });
});

describe('mesh/tracing-collector-meshed', () => {
  const app = makeApp({ name: 'tempo', namespace: 'tracing', chart: chart('tempo') });
  const good = values('tempo-good.values.yaml');

  it('rejects an unmeshed Tempo while tracing is on', () => {
    expect(codes(run({ ...app, mesh: mesh('off') }, { values: good }))).toEqual(['mesh/tracing-collector-meshed']);
  });

  it('rejects a tempo pod that opts out', () => {
    const out = run(app, { values: values('tempo-optout.values.yaml') });
    expect(codes(out)).toEqual(['mesh/tracing-collector-meshed']);
    expect(out.diagnostics[0]!.message).toContain('the tempo pod opts out of the mesh');
    expect(out.diagnostics[0]!.hint).toBe('remove linkerd.io/inject: disabled from podAnnotations');
  });

  it('rejects a tempo-distributed distributor that opts out', () => {
    const distributed = { ...app, chart: chart('tempo-distributed') };
    const out = run(distributed, { values: values('tempo-distributor-optout.values.yaml'), collector: { service: 'tempo-distributor' } });
    expect(codes(out)).toEqual(['mesh/tracing-collector-meshed']);
    expect(out.diagnostics[0]!.message).toContain('the distributor opts out of the mesh');
  });

  it('accepts a meshed Tempo, or an unmeshed one with tracing off', () => {
    expect(codes(run(app, { values: good }))).toEqual([]);
    expect(codes(run({ ...app, mesh: mesh('off') }, { values: good, tracing: false }))).toEqual([]);
  });
});

describe('mesh/tempo-collector-names', () => {
  const app = makeApp({ name: 'tempo', namespace: 'tracing', chart: chart('tempo') });

  it('rejects names and receivers that do not match settings.tracing.collector', () => {
    const out = run(app, { values: values('tempo-wrong-names.values.yaml') });
    expect(codes(out)).toEqual(['mesh/tempo-collector-names']);
    const msg = out.diagnostics[0]!.message;
    expect(msg).toContain("the Service of the tempo pod is 'tracing', not 'tempo'");
    expect(msg).toContain("the ServiceAccount is 'tracing', not 'tempo'");
    expect(msg).toContain('tempo.receivers.otlp.protocols.grpc is null, so no OTLP gRPC receiver runs');
    expect(out.diagnostics[0]!.hint).toContain("set fullnameOverride so that the fullname is 'tempo'");
  });

  it("rejects a receiver moved off the port the chart's Service forwards to", () => {
    const msg = run(app, { values: values('tempo-moved-port.values.yaml') }).diagnostics[0]!.message;
    expect(msg).toContain("listens on 0.0.0.0:5317, but the chart's Service forwards to container port 4317");
  });

  it('rejects a collector port the chart does not receive OTLP gRPC on', () => {
    const out = run(app, { values: values('tempo-good.values.yaml'), collector: { port: 55678 } });
    expect(codes(out)).toEqual(['mesh/tempo-collector-names']);
    expect(out.diagnostics[0]!.message).toContain('the Service receives OTLP gRPC on port 4317, not 55678');
  });

  it('accepts the release name tempo with the OTLP receiver on, set or by the chart default', () => {
    expect(codes(run(app, { values: values('tempo-good.values.yaml') }))).toEqual([]);
    expect(codes(run(app, { values: { fullnameOverride: 'tempo' } }))).toEqual([]);
  });

  it('derives the names like the chart does', () => {
    const other = makeApp({ name: 'tracing', namespace: 'tracing', chart: chart('tempo') });
    const msg = run(other, { values: {} }).diagnostics[0]!.message;
    expect(msg).toContain("the Service of the tempo pod is 'tracing-tempo'");
  });

  describe('tempo-distributed', () => {
    const distributed = { ...app, chart: chart('tempo-distributed') };
    const collector = { service: 'tempo-distributor' };

    it('rejects names and receivers that do not match', () => {
      const out = run(distributed, { values: values('tempo-distributed-wrong-names.values.yaml'), collector });
      expect(codes(out)).toEqual(['mesh/tempo-collector-names']);
      const msg = out.diagnostics[0]!.message;
      expect(msg).toContain("the Service of the distributor is 'tracing-distributor', not 'tempo-distributor'");
      expect(msg).toContain("the ServiceAccount is 'tracing', not 'tempo'");
      expect(msg).toContain('traces.otlp.grpc.enabled is not true');
      expect(out.diagnostics[0]!.hint).toContain("<fullname>-distributor is 'tempo-distributor'");
    });

    it('accepts the release name tempo with the OTLP receiver on', () => {
      expect(codes(run(distributed, { values: values('tempo-distributed-good.values.yaml'), collector }))).toEqual([]);
    });

    it('derives the names like the chart does', () => {
      const other = makeApp({ name: 'tracing', namespace: 'tracing', chart: chart('tempo-distributed') });
      const msg = run(other, { values: { traces: { otlp: { grpc: { enabled: true } } } }, collector }).diagnostics[0]!.message;
      expect(msg).toContain("'tracing-tempo-distributor'");
    });
  });
});

describe('mesh/job-proxy-shutdown', () => {
  const job = (annotations: Record<string, string>): K8sObject =>
    ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { metadata: { annotations }, spec: { containers: [{ name: 'c' }] } } } }) as K8sObject;

  it('warns about a meshed Job that cannot stop its proxy', () => {
    const out = run(makeApp({ name: 'web', mesh: mesh('workloads') }), { linkerd: '2.18', kubernetes: '1.30', manifests: [job({ 'linkerd.io/inject': 'enabled' })] });
    expect(codes(out, 'warning')).toEqual(['mesh/job-proxy-shutdown']);
  });

  it('accepts the pod-level native sidecar opt-in', () => {
    const j = job({ 'linkerd.io/inject': 'enabled', 'config.alpha.linkerd.io/proxy-enable-native-sidecar': 'true' });
    expect(codes(run(makeApp({ name: 'web', mesh: mesh('workloads') }), { linkerd: '2.18', kubernetes: '1.30', manifests: [j] }), 'warning')).toEqual([]);
  });
});

describe('mesh/operator-value-kept', () => {
  it('keeps the operator namespace annotation and warns once', () => {
    const app = makeApp({ name: 'web', chart: chart('web'), mesh: mesh('namespace'), namespaceMetadata: { labels: {}, annotations: { 'linkerd.io/inject': 'disabled' } } });
    const out = run(app);
    expect(out.namespaceAnnotations).toEqual({});
    expect(out.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'mesh/operator-value-kept', file: 'apps/web.yaml' })]);
  });
});
