import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTree, type BuiltTree } from '../../generator/pipeline.js';
import type { Plan } from '../../generator/plan/types.js';
import type { RenderResult } from '../../generator/render/types.js';
import type { Application } from '../../generator/model/k8s.js';

/** The shipped default config at the repository root, built and validated in memory (nothing is written). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MESHED_APPS = ['eck-operator', 'fluent-bit', 'ingress-nginx', 'kube-prometheus-stack', 'logging', 'longhorn', 'tempo', 'traefik', 'velero'];

let built: BuiltTree;
let plan: Plan;
let result: RenderResult;

beforeAll(async () => {
  built = await buildTree(ROOT);
  plan = built.plan;
  result = built.rendered;
});

/** The serialised file as it would be committed. */
function text(file: string): string {
  const f = built.files.find((x) => x.path === file);
  if (!f) throw new Error(`not generated: ${file}`);
  return f.content;
}

function doc<T = Record<string, unknown>>(file: string): T {
  const f = result.files.find((x) => x.path === file);
  if (!f?.documents) throw new Error(`not rendered: ${file}`);
  return f.documents[0] as T;
}

function application(app: string): Application {
  return doc<Application>(`manifests/apps/pi/${app}.yaml`);
}

function nsAnnotations(app: string): Record<string, string> {
  return application(app).spec.syncPolicy.managedNamespaceMetadata?.annotations ?? {};
}

describe('default config: the meshed platform apps', () => {
  it('builds and validates without mesh errors or warnings', () => {
    expect(built.diagnostics.filter((d) => d.code.startsWith('mesh/'))).toEqual([]);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('gives no warning at all: the shipped config is what a clean config looks like', () => {
    expect(built.diagnostics).toEqual([]);
  });

  it('deploys every meshed app after linkerd-control-plane', () => {
    const wave = (name: string) => plan.apps.find((a) => a.app.name === name)!.wave;
    for (const app of MESHED_APPS) expect(wave(app), app).toBeGreaterThan(wave('linkerd-control-plane'));
  });

  it('app files carry the schema header, values templates none', () => {
    for (const app of MESHED_APPS) {
      expect(readFileSync(path.join(ROOT, 'apps', `${app}.yaml`), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/config/app.schema.json');
    }
    for (const app of MESHED_APPS.filter((a) => a !== 'logging')) {
      expect(readFileSync(path.join(ROOT, 'values', app, 'values.yaml'), 'utf8')).not.toContain('yaml-language-server');
    }
  });

  it('annotates the namespaces of namespace-mode apps only', () => {
    for (const app of ['kube-prometheus-stack', 'tempo', 'eck-operator', 'logging']) {
      expect(nsAnnotations(app), app).toMatchObject({ 'linkerd.io/inject': 'enabled' });
    }
    for (const app of ['traefik', 'ingress-nginx', 'velero', 'longhorn']) {
      expect(nsAnnotations(app), app).not.toHaveProperty('linkerd.io/inject');
    }
    // fluent-bit shares the logging namespace, which the logging app creates and annotates.
    expect(application('fluent-bit').spec.syncPolicy.syncOptions ?? []).not.toContain('CreateNamespace=true');
  });

  it('Traefik: ingress mode, 443 skipped, own namespace', () => {
    const v = doc<{ deployment: { podAnnotations: Record<string, string> } }>('manifests/values/pi/traefik.yaml');
    expect(v.deployment.podAnnotations).toEqual({ 'linkerd.io/inject': 'ingress', 'config.linkerd.io/skip-outbound-ports': '443' });
    // Written as a string, so Helm passes the annotation value through unchanged.
    expect(text('manifests/values/pi/traefik.yaml')).toContain('config.linkerd.io/skip-outbound-ports: "443"');
    expect(application('traefik').spec.destination.namespace).toBe('traefik');
    // Chart 39+ shape; the old ports.web.redirectTo fails the chart's values schema.
    const web = doc<{ ports: { web: Record<string, unknown> } }>('manifests/values/pi/traefik.yaml').ports.web;
    expect(web).toEqual({ http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } } });
  });

  it('ingress-nginx, Velero: pod annotations at the chart paths', () => {
    expect(doc<{ controller: { podAnnotations: unknown } }>('manifests/values/pi/ingress-nginx.yaml').controller.podAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(doc<{ podAnnotations: unknown }>('manifests/values/pi/velero.yaml').podAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
  });

  it('Velero backs up the volumes: the node agent runs, file-system backup is the default, and both its pods and the server are meshed', () => {
    const v = doc<Record<string, any>>('manifests/values/pi/velero.yaml');
    expect(v['deployNodeAgent']).toBe(true);
    expect(v['configuration'].defaultVolumesToFsBackup).toBe(true);
    expect(v['nodeAgent'].resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '1Gi' } });
    // The chart has no nodeAgent.podAnnotations: the DaemonSet's pods take the top-level
    // podAnnotations, like the server Deployment, so one inject annotation meshes both.
    expect(v['nodeAgent'].podAnnotations).toBeUndefined();
    expect(v['podAnnotations']).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(v['credentials']).toEqual({ useSecret: true, existingSecret: 'velero-s3-credentials' });
  });

  it('kube-prometheus-stack: admission Jobs unmeshed, Linkerd dashboards by grafana.com id', () => {
    const v = doc<Record<string, any>>('manifests/values/pi/kube-prometheus-stack.yaml');
    expect(v['fullnameOverride']).toBeUndefined();
    expect(v['prometheusOperator'].admissionWebhooks.patch.podAnnotations).toEqual({ 'linkerd.io/inject': 'disabled' });
    expect(v['prometheus'].prometheusSpec.podMonitorSelectorNilUsesHelmValues).toBe(false);
    expect(v['grafana'].sidecar.dashboards.searchNamespace).toBe('ALL');
    const dashboards = v['grafana'].dashboards.linkerd as Record<string, { gnetId: number; revision: number; datasource: string }>;
    expect(Object.keys(dashboards)).toHaveLength(18);
    expect(dashboards['top-line']).toEqual({ gnetId: 15474, revision: 4, datasource: 'Prometheus' });
    expect(dashboards['deployment']).toEqual({ gnetId: 15475, revision: 6, datasource: 'Prometheus' });
    expect(dashboards['replicationcontroller']).toEqual({ gnetId: 15492, revision: 4, datasource: 'Prometheus' });
    expect(v['grafana'].dashboardProviders['dashboardproviders.yaml'].providers[0].options.path).toBe('/var/lib/grafana/dashboards/linkerd');
    expect(application('kube-prometheus-stack').spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
  });

  it('kube-prometheus-stack: Grafana admin from an existing Secret, so no random password is rendered', () => {
    const grafana = doc<Record<string, any>>('manifests/values/pi/kube-prometheus-stack.yaml')['grafana'];
    expect(grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(grafana).not.toHaveProperty('adminPassword');
  });

  it('Tempo: the single binary on a Longhorn volume, names matching settings.tracing.collector', () => {
    expect(plan.apps.find((p) => p.app.name === 'tempo')!.app.chart).toEqual({ repoURL: 'https://grafana-community.github.io/helm-charts', name: 'tempo', version: '2.2.4' });
    const v = doc<Record<string, any>>('manifests/values/pi/tempo.yaml');
    expect(v['fullnameOverride']).toBe('tempo');
    expect(v['serviceAccount']).toEqual({ name: 'tempo' });
    expect(v['tempo'].receivers.otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
    // One volume for WAL and blocks: what the querier reads is what the ingester flushed.
    expect(v['tempo'].storage.trace).toEqual({ backend: 'local', local: { path: '/var/tempo/traces' }, wal: { path: '/var/tempo/wal' } });
    expect(v['persistence']).toMatchObject({ enabled: true, storageClassName: 'longhorn' });
    const cp = doc<Record<string, any>>('manifests/values/pi/linkerd-control-plane.yaml');
    expect(cp['proxy'].tracing.collector).toEqual({ endpoint: 'tempo.tracing:4317', meshIdentity: { serviceAccountName: 'tempo', namespace: 'tracing' } });
    const grafana = doc<Record<string, any>>('manifests/values/pi/kube-prometheus-stack.yaml')['grafana'];
    expect(grafana.additionalDataSources).toEqual([{ name: 'Tempo', type: 'tempo', uid: 'tempo', access: 'proxy', url: 'http://tempo.tracing.svc.cluster.local:3200' }]);
  });

  it('Longhorn: nothing at install, a PostSync Job after', () => {
    const values = doc<Record<string, unknown>>('manifests/values/pi/longhorn.yaml');
    expect(values).not.toHaveProperty('annotations');
    // The chart's internal NetworkPolicies (1.12.1) would shut the mesh out of the meshed manager.
    expect(values['networkPolicies']).toEqual({ restrictInternalTraffic: false });
    const job = doc<{ metadata: { annotations: Record<string, string> } }>('manifests/resources/pi/longhorn/job-longhorn-linkerd-mesh.yaml');
    expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PostSync');
    for (const kind of ['serviceaccount', 'role', 'rolebinding']) expect(result.files.some((f) => f.path === `manifests/resources/pi/longhorn/${kind}-longhorn-linkerd-mesh.yaml`)).toBe(true);
  });

  it('Longhorn: the Application ignores the patched annotation and POD_IP, with RespectIgnoreDifferences=true', () => {
    const app = application('longhorn');
    expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    const ignores = app.spec.ignoreDifferences ?? [];
    const ds = ignores.find((i) => i.kind === 'DaemonSet' && i.name === 'longhorn-manager');
    const dep = ignores.find((i) => i.kind === 'Deployment' && i.name === 'longhorn-ui');
    expect(ds?.group).toBe('apps');
    expect(JSON.stringify(ds)).toContain('linkerd.io~1inject');
    expect(JSON.stringify(ds)).toContain('POD_IP');
    expect(dep?.jsonPointers).toEqual(['/spec/template/metadata/annotations/linkerd.io~1inject']);
  });

  it('logging: ECK resources ready for the mesh, Kibana behind Traefik', () => {
    const es = doc<{ spec: { nodeSets: { podTemplate: { spec: Record<string, unknown> } }[]; http: unknown } }>('manifests/resources/pi/logging/elasticsearch-elasticsearch.yaml');
    expect(es.spec.nodeSets[0]!.podTemplate.spec['automountServiceAccountToken']).toBe(true);
    expect(es.spec.http).toEqual({ tls: { selfSignedCertificate: { disabled: true } } });
    const ing = doc<{ metadata: { annotations: Record<string, string> } }>('manifests/resources/pi/logging/ingress-kibana-kb-http.yaml');
    expect(ing.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe('logging-l5d-header-kibana-kb-http@kubernetescrd');
    const mw = doc<{ spec: unknown }>('manifests/resources/pi/logging/middleware-l5d-header-kibana-kb-http.yaml');
    expect(mw.spec).toEqual({ headers: { customRequestHeaders: { 'l5d-dst-override': 'kibana-kb-http.logging.svc.cluster.local:5601' } } });
  });

  it('pins the chart versions', () => {
    const versions = Object.fromEntries(MESHED_APPS.filter((a) => a !== 'logging').map((a) => [a, plan.apps.find((p) => p.app.name === a)!.app.chart!.version]));
    expect(versions).toEqual({
      'eck-operator': '3.5.0',
      'fluent-bit': '0.58.1',
      'ingress-nginx': '4.15.1',
      'kube-prometheus-stack': '88.5.3',
      longhorn: '1.12.1',
      tempo: '2.2.4',
      traefik: '41.3.0',
      velero: '12.1.0',
    });
  });
});
