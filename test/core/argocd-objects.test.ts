import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTree } from '../../generator/pipeline.js';
import { HEALTH_DIR } from '../../generator/render/health-checks.js';
import { copyDefaultConfig, makeRepo, MINIMAL_CLUSTER } from '../helpers.js';

type Obj = Record<string, any>;

async function tree(root: string): Promise<Map<string, Obj>> {
  const t = await buildTree(root);
  return new Map(t.files.filter((f) => f.path.endsWith('.yaml')).map((f) => [f.path, parse(f.content) as Obj]));
}

describe('Argo CD objects', () => {
  it('emits the root app-of-apps, its least-privilege project, and Argo CD as an app with every health check in its configs.cm', async () => {
    const files = await tree(copyDefaultConfig());
    const root = files.get('manifests/bootstrap/root-app.yaml')!;
    expect(root.kind).toBe('Application');
    expect(root.spec.source).toMatchObject({ path: 'manifests', directory: { recurse: true, include: '{projects/*.yaml,apps/*/*.yaml,appsets/*.yaml}' } });
    expect(root.spec.project).toBe('bootstrap');
    const project = files.get('manifests/bootstrap/root-project.yaml')!;
    expect(project.spec.namespaceResourceWhitelist.map((k: Obj) => k.kind)).toEqual(['AppProject', 'Application', 'ApplicationSet']);
    expect(project.spec.clusterResourceWhitelist).toEqual([]);
    // No separate argocd-cm: the argo-cd chart renders it from the argocd app's values.
    expect(files.has('manifests/bootstrap/argocd-cm.yaml')).toBe(false);
    expect([...files.keys()].filter((p) => p.startsWith('manifests/bootstrap/'))).toEqual(['manifests/bootstrap/root-app.yaml', 'manifests/bootstrap/root-project.yaml']);
    const cm = files.get('manifests/values/pi/argocd.yaml')!.configs.cm;
    const lua = (gk: string) => readFileSync(path.join(HEALTH_DIR, gk, 'health.lua'), 'utf8');
    // Every check the tree needs on Argo CD 3.4: the app-of-apps kinds, then the custom kinds it lacks.
    expect(Object.keys(cm).filter((k) => k.startsWith('resource.customizations.health.')).sort()).toEqual([
      'resource.customizations.health.argoproj.io_Application',
      'resource.customizations.health.argoproj.io_ApplicationSet',
      'resource.customizations.health.kibana.k8s.elastic.co_Kibana',
      'resource.customizations.health.trust.cert-manager.io_Bundle',
    ]);
    expect(cm['resource.customizations.health.argoproj.io_Application']).toBe(lua('argoproj.io/Application'));
    expect(cm['resource.customizations.health.trust.cert-manager.io_Bundle']).toBe(lua('trust.cert-manager.io/Bundle'));
    expect(cm['resource.customizations.health.argoproj.io_Application']).toContain('obj.status.health.status');

    // The Application adopts the bootstrap release: release name argocd, the same values file.
    const app = files.get('manifests/apps/pi/argocd.yaml')!;
    expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('0');
    expect(app.metadata.finalizers).toBeUndefined();
    expect(app.spec.project).toBe('argocd');
    expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
    expect(app.spec.sources[0]).toEqual({
      repoURL: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-cd',
      targetRevision: '10.1.1',
      helm: { releaseName: 'argocd', valueFiles: ['$values/manifests/values/pi/argocd.yaml'] },
    });
    expect(app.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
    const values = files.get('manifests/values/pi/argocd.yaml')!;
    expect(values['redis-ha']).toEqual({ enabled: false });
    expect(values.dex).toEqual({ enabled: false });
    expect(values.configs.repositories).toBeUndefined();
    expect(values.configs.params).toBeUndefined();
    expect(files.get('manifests/projects/argocd.yaml')!.spec).toMatchObject({
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }],
      sourceRepos: ['https://argoproj.github.io/argo-helm', 'https://github.com/example/pi-cluster-gitops.git'],
    });
  });

  it('builds multi-source Applications whose $values path exists in the tree', async () => {
    const files = await tree(copyDefaultConfig());
    const app = files.get('manifests/apps/pi/linkerd-viz.yaml')!;
    expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    const wave = (f: Obj) => Number(f.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave(app)).toBeGreaterThan(wave(files.get('manifests/apps/pi/linkerd-control-plane.yaml')!));
    expect(wave(app)).toBeGreaterThan(wave(files.get('manifests/apps/pi/kube-prometheus-stack.yaml')!));
    const [chart, ref, dir] = app.spec.sources;
    expect(chart).toMatchObject({ chart: 'linkerd-viz', repoURL: 'https://helm.linkerd.io/edge', helm: { releaseName: 'linkerd-viz', valueFiles: ['$values/manifests/values/pi/linkerd-viz.yaml'] } });
    expect(ref).toEqual({ ref: 'values', repoURL: 'https://github.com/example/pi-cluster-gitops.git', targetRevision: 'main' });
    expect(dir).toMatchObject({ path: 'manifests/resources/pi/linkerd-viz' });
    expect(files.has('manifests/values/pi/linkerd-viz.yaml')).toBe(true);
    expect([...files.keys()].some((p) => p.startsWith('manifests/resources/pi/linkerd-viz/'))).toBe(true);
    expect(app.spec.syncPolicy).toMatchObject({ automated: { prune: true, selfHeal: true }, retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } });
    expect(app.spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
  });

  it('applies per-app sync options, managedNamespaceMetadata and ignoreDifferences', async () => {
    const root = makeRepo({
      'cluster.yaml': MINIMAL_CLUSTER,
      'apps/demo.yaml': `chart: {repoURL: https://charts.example.com, name: demo, version: 1.0.0}
namespace: demo-ns
namespaceMetadata:
  labels: {team: a}
  annotations: {owner: me}
sync:
  serverSideApply: true
  skipDryRunOnMissingResource: true
ignoreDifferences:
  - group: apps
    kind: Deployment
    name: demo
    jsonPointers: [/spec/replicas]
mesh: namespace
`,
    });
    const app = (await tree(root)).get('manifests/apps/pi/demo.yaml')!;
    expect(app.spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true', 'ServerSideApply=true', 'RespectIgnoreDifferences=true', 'SkipDryRunOnMissingResource=true']);
    expect(app.spec.syncPolicy.managedNamespaceMetadata).toMatchObject({ labels: { team: 'a' }, annotations: { 'linkerd.io/inject': 'enabled', owner: 'me' } });
    expect(app.spec.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', name: 'demo', jsonPointers: ['/spec/replicas'] }]);
    expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'demo-ns' });
    // A chart-only app without a values template still gets its (empty) values file.
    expect(app.spec.sources[0].helm.valueFiles).toEqual(['$values/manifests/values/pi/demo.yaml']);
  });

  it('gives AppProjects only the repos, destinations and cluster-scoped kinds their apps use', async () => {
    const files = await tree(copyDefaultConfig());
    const p = files.get('manifests/projects/platform.yaml')!;
    const text = JSON.stringify(p);
    expect(text).not.toContain('"*"');
    expect(p.spec.sourceRepos).toContain('https://charts.jetstack.io');
    expect(p.spec.sourceRepos).toContain('https://github.com/example/pi-cluster-gitops.git');
    expect(p.spec.destinations).toContainEqual({ namespace: 'linkerd', server: 'https://kubernetes.default.svc' });
    expect(p.spec.clusterResourceWhitelist).toContainEqual({ group: 'trust.cert-manager.io', kind: 'Bundle' });
    expect(p.spec.clusterResourceWhitelist).toContainEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer' });
    expect(p.spec.clusterResourceWhitelist).not.toContainEqual({ group: 'storage.k8s.io', kind: 'StorageClass' });
  });

  it('writes the sync-wave table and a Mermaid graph into manifests/README.md', async () => {
    const t = await buildTree(copyDefaultConfig());
    const readme = t.files.find((f) => f.path === 'manifests/README.md')!.content;
    expect(readme).toMatch(/\| 0 \| cert-manager \| cert-manager \| cert-manager v1\.21\.1 \| pi \| — \|/);
    expect(readme).toContain('```mermaid\nflowchart LR');
    expect(readme).toContain('app_linkerd_crds --> app_linkerd_control_plane');
  });

  it('renders an app with zero apps as just the bootstrap', async () => {
    const t = await buildTree(makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER }));
    expect(t.files.map((f) => f.path)).toEqual([
      'manifests/README.md',
      'manifests/bootstrap/argocd-cm.yaml',
      'manifests/bootstrap/root-app.yaml',
      'manifests/bootstrap/root-project.yaml',
    ]);
  });
});
