/** The pure pieces of the render: API versions per minor, Helm output parsing, the argv, Argo CD's matching. */
import { describe, expect, it } from 'vitest';
import { helmArgs } from '../../generator/hydrate/helm-args.js';
import { isApplied, parseHelmOutput, placeObjects } from '../../generator/hydrate/helm-output.js';
import type { HydrateSubject } from '../../generator/hydrate/types.js';
import { argoGlob, destinationPermitted, kindPermitted, sourcePermitted } from '../../generator/lint/argo-match.js';
import { covers, ignoreEntries, parseJqPath } from '../../generator/lint/ignore-differences.js';
import { differences } from '../../generator/lint/ignore-differences.js';
import { BUILT_IN_CLUSTER_SCOPED, builtInApiVersions } from '../../generator/model/api-versions.js';
import { CLUSTER_SCOPED_KINDS } from '../../generator/model/k8s.js';
import { tempDir } from '../helpers.js';

describe('built-in API versions', () => {
  it('follow the Kubernetes minor, in both forms Argo CD passes', () => {
    const v128 = builtInApiVersions(28);
    const v129 = builtInApiVersions(29);
    expect(v129).toContain('flowcontrol.apiserver.k8s.io/v1');
    expect(v129).toContain('flowcontrol.apiserver.k8s.io/v1/FlowSchema');
    expect(v128).not.toContain('flowcontrol.apiserver.k8s.io/v1');
    expect(v128).toContain('flowcontrol.apiserver.k8s.io/v1beta3');
    expect(builtInApiVersions(32)).not.toContain('flowcontrol.apiserver.k8s.io/v1beta3');
    expect(builtInApiVersions(24)).toContain('policy/v1beta1/PodDisruptionBudget');
    expect(builtInApiVersions(25)).not.toContain('policy/v1beta1');
    expect(builtInApiVersions(32)).toEqual(expect.arrayContaining(['v1', 'v1/ConfigMap', 'apps/v1/Deployment', 'autoscaling/v2', 'batch/v1/CronJob', 'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy']));
    expect(builtInApiVersions(29)).not.toContain('admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy');
    expect([...v129].sort()).toEqual(v129);
  });

  it('know every built-in cluster-scoped kind, and the kind list of the model holds them all', () => {
    for (const gk of ['/Namespace', '/Node', '/PersistentVolume', 'rbac.authorization.k8s.io/ClusterRole', 'storage.k8s.io/CSINode', 'node.k8s.io/RuntimeClass', 'flowcontrol.apiserver.k8s.io/FlowSchema', 'certificates.k8s.io/CertificateSigningRequest']) {
      expect(BUILT_IN_CLUSTER_SCOPED.has(gk), gk).toBe(true);
      expect(CLUSTER_SCOPED_KINDS.has(gk.slice(gk.indexOf('/') + 1)), gk).toBe(true);
    }
    expect(BUILT_IN_CLUSTER_SCOPED.has('rbac.authorization.k8s.io/RoleBinding')).toBe(false);
  });
});

describe('helm template output', () => {
  const out = [
    '---',
    '# Source: demo/crds/a.yaml',
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: as.example.com}',
    '---',
    '# Source: demo/templates/job.yaml',
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: t',
    '  annotations: {helm.sh/hook: "test, post-delete"}',
    'spec: {flag: yes}',
    '---',
    '# Source: demo/templates/list.yaml',
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: other}}',
    '  - {apiVersion: v1, kind: Namespace, metadata: {name: b, namespace: ignored}}',
    '---',
    '# Source: demo/templates/empty.yaml',
    '',
  ].join('\n');

  it('keeps each object with its # Source template, hook phases, and reads YAML 1.1', () => {
    const { objects, problems } = parseHelmOutput(out);
    expect(problems).toEqual([]);
    expect(objects.map((o) => [o.kind, o.name, o.template, o.hook])).toEqual([
      ['CustomResourceDefinition', 'as.example.com', 'demo/crds/a.yaml', undefined],
      ['Job', 't', 'demo/templates/job.yaml', ['test', 'post-delete']],
      ['ConfigMap', 'a', 'demo/templates/list.yaml', undefined],
      ['Namespace', 'b', 'demo/templates/list.yaml', undefined],
    ]);
    expect(objects[1]!.data['spec']).toEqual({ flag: true });
  });

  it('places namespaced objects in the release namespace unless they name one; cluster-scoped ones in none', () => {
    const placed = placeObjects(parseHelmOutput(out).objects, 'apps', (_g, k) => (k === 'Namespace' || k === 'CustomResourceDefinition' ? 'Cluster' : 'Namespaced'));
    expect(placed.map((o) => [o.kind, o.namespace, o.applied])).toEqual([
      ['CustomResourceDefinition', undefined, true],
      ['Job', 'apps', false],
      ['ConfigMap', 'other', true],
      ['Namespace', undefined, true],
    ]);
  });

  it('applies Helm hooks Argo CD maps, and Argo CD hooks but Skip', () => {
    const o = (annotations: Record<string, string>, hook?: string[]) => ({ data: { metadata: { annotations } }, ...(hook ? { hook } : {}) });
    expect(isApplied(o({}, ['pre-install']))).toBe(true);
    expect(isApplied(o({}, ['test']))).toBe(false);
    expect(isApplied(o({ 'argocd.argoproj.io/hook': 'PostDelete' }, ['post-delete']))).toBe(true);
    expect(isApplied(o({ 'argocd.argoproj.io/hook': 'Skip' }))).toBe(false);
  });

  it('reports invalid YAML with the template that produced it', () => {
    const { problems } = parseHelmOutput('---\n# Source: demo/templates/bad.yaml\nkey: [unclosed\n');
    expect(problems).toEqual([{ template: 'demo/templates/bad.yaml', message: expect.stringContaining('Helm rendered invalid YAML') }]);
  });
});

describe('the helm template argv', () => {
  const subject = (helm: Record<string, unknown>, extra: Partial<HydrateSubject> = {}): HydrateSubject => ({
    kind: 'Application',
    object: { file: 'manifests/apps/pi/demo.yaml', index: 1 },
    name: 'pi-demo',
    app: 'demo',
    cluster: 'pi',
    specPointer: '/spec',
    spec: { destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' } },
    sources: [
      { source: { repoURL: 'https://charts.example.org', chart: 'demo', targetRevision: '1.0.0', helm }, pointer: '/spec/sources/0' },
      { source: { repoURL: 'https://github.com/example/gitops.git', targetRevision: 'main', ref: 'values' }, pointer: '/spec/sources/1' },
    ],
    destinationNamespace: 'demo',
    unresolved: [],
    ...extra,
  });
  const input = (s: HydrateSubject) => ({
    subject: s,
    sourceIndex: 0,
    archiveFile: '/cache/demo-1.0.0.tgz',
    chartName: 'demo',
    kubeVersion: '1.32',
    apiVersions: ['v1', 'v1/ConfigMap'],
    repoURL: 'https://github.com/example/gitops',
    files: new Map([['manifests/values/pi/demo.yaml', 'a: 1\n']]),
    scratch: tempDir('argv-'),
  });

  it('is what Argo CD builds: release, namespace, kube version, --set, value files, inline values, API versions, CRDs', async () => {
    const i = input(subject({ releaseName: 'demo', valueFiles: ['$values/manifests/values/pi/demo.yaml'], values: 'b: 2\n', parameters: [{ name: 'x.y', value: 'a,b' }, { name: 's', value: '1', forceString: true }] }));
    const r = await helmArgs(i);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.argv).toEqual([
      'template', '/cache/demo-1.0.0.tgz', '--name-template', 'demo', '--namespace', 'demo', '--kube-version', '1.32',
      '--set', 'x.y=a\\,b', '--set-string', 's=1',
      '--values', `${i.scratch}/values-0.yaml`, '--values', `${i.scratch}/values-inline.yaml`,
      '--api-versions', 'v1', '--api-versions', 'v1/ConfigMap', '--include-crds',
    ]);
    // The digest covers the values given, not the scratch paths.
    const again = await helmArgs({ ...input(subject({ releaseName: 'demo', valueFiles: ['$values/manifests/values/pi/demo.yaml'], values: 'b: 2\n', parameters: [{ name: 'x.y', value: 'a,b' }, { name: 's', value: '1', forceString: true }] })) });
    expect(again.ok && again.valuesDigest).toBe(r.valuesDigest);
  });

  it('uses the Application name without releaseName, helm.namespace/kubeVersion/apiVersions when set, skipCrds and skipTests', async () => {
    const r = await helmArgs(input(subject({ namespace: 'other', kubeVersion: '1.30.1', apiVersions: ['x/v1'], skipCrds: true, skipTests: true })));
    expect(r.ok && r.argv).toEqual(['template', '/cache/demo-1.0.0.tgz', '--name-template', 'pi-demo', '--namespace', 'other', '--kube-version', '1.30.1', '--api-versions', 'x/v1', '--skip-tests']);
  });

  it('says why a value file cannot be had: no such ref, another repository, missing from the tree', async () => {
    expect(await helmArgs(input(subject({ valueFiles: ['$nope/x.yaml'] })))).toMatchObject({ ok: false, reason: expect.stringContaining('no source of the Application has ref: nope'), pointer: '/spec/sources/0/helm/valueFiles/0' });
    expect(await helmArgs(input(subject({ valueFiles: ['$values/manifests/values/pi/gone.yaml'] })))).toMatchObject({ ok: false, reason: expect.stringContaining('is not in the tree') });
    const s = subject({ valueFiles: ['$values/manifests/values/pi/demo.yaml'] });
    s.sources[1]!.source['repoURL'] = 'https://github.com/someone/else.git';
    expect(await helmArgs(input(s))).toMatchObject({ ok: false, reason: expect.stringContaining('not this repository') });
    expect(await helmArgs(input(subject({ valueFiles: ['$values/manifests/values/pi/gone.yaml'], ignoreMissingValueFiles: true })))).toMatchObject({ ok: true });
  });
});

describe("Argo CD's AppProject matching", () => {
  it('globs like gobwas without separators, with classes and alternatives', () => {
    expect(argoGlob('*', 'a/b.c')).toBe(true);
    expect(argoGlob('*.k8s.io', 'rbac.authorization.k8s.io')).toBe(true);
    expect(argoGlob('{Role,RoleBinding}', 'RoleBinding')).toBe(true);
    expect(argoGlob('[a-c]x', 'dx')).toBe(false);
    expect(argoGlob('kube-?ystem', 'kube-system')).toBe(true);
  });

  it('destinations: server or name, namespace globs, and ! denies', () => {
    const spec = { destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'apps-*' }, { server: '*', namespace: '!kube-system' }] };
    expect(destinationPermitted(spec, { server: 'https://kubernetes.default.svc', namespace: 'apps-1' })).toBe(true);
    expect(destinationPermitted(spec, { server: 'https://kubernetes.default.svc', namespace: 'kube-system' })).toBe(false);
    expect(destinationPermitted({ destinations: [{ name: 'lab', namespace: 'x' }] }, { name: 'lab', namespace: 'x' })).toBe(true);
    expect(destinationPermitted({ destinations: [{ name: 'lab', namespace: 'x' }] }, { server: 'https://lab', namespace: 'x' })).toBe(false);
  });

  it('kinds: cluster whitelist and blacklist; namespaced whitelist only when set', () => {
    const spec = { clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: '*' }], clusterResourceBlacklist: [{ group: '*', kind: 'ClusterRoleBinding' }] };
    expect(kindPermitted(spec, 'rbac.authorization.k8s.io', 'ClusterRole', 'x', false)).toEqual({ ok: true });
    expect(kindPermitted(spec, 'rbac.authorization.k8s.io', 'ClusterRoleBinding', 'x', false)).toEqual({ ok: false, why: 'in clusterResourceBlacklist' });
    expect(kindPermitted(spec, '', 'Namespace', 'x', false)).toEqual({ ok: false, why: 'not in clusterResourceWhitelist' });
    expect(kindPermitted({}, 'apps', 'Deployment', 'x', true)).toEqual({ ok: true });
    expect(kindPermitted({ namespaceResourceWhitelist: [] }, 'apps', 'Deployment', 'x', true)).toEqual({ ok: false, why: 'not in namespaceResourceWhitelist' });
  });

  it('sourceRepos: any match, a trailing slash or .git does not count, ! denies', () => {
    expect(sourcePermitted({ sourceRepos: ['https://charts.example.org/'] }, 'https://charts.example.org')).toBe(true);
    expect(sourcePermitted({ sourceRepos: ['https://github.com/example/*', '!https://github.com/example/secret'] }, 'https://github.com/example/secret.git')).toBe(false);
    expect(sourcePermitted({ sourceRepos: [] }, 'https://x')).toBe(false);
  });
});

describe('ignoreDifferences coverage', () => {
  it('parses the jq path forms Argo CD users write, and nothing else', () => {
    expect(parseJqPath('.data.password')).toEqual([{ key: 'data' }, { key: 'password' }]);
    expect(parseJqPath('.spec.containers[].image')).toEqual([{ key: 'spec' }, { key: 'containers' }, { any: true }, { key: 'image' }]);
    expect(parseJqPath('.webhooks[]?.clientConfig.caBundle')).toEqual([{ key: 'webhooks' }, { any: true }, { key: 'clientConfig' }, { key: 'caBundle' }]);
    expect(parseJqPath('.metadata.annotations["a/b"]')).toEqual([{ key: 'metadata' }, { key: 'annotations' }, { key: 'a/b' }]);
    expect(parseJqPath('.items[0]')).toEqual([{ key: 'items' }, { index: 0 }]);
    expect(parseJqPath('.spec.containers[] | select(.name == "x")')).toBeUndefined();
  });

  it('covers a pointer by a parent jsonPointer or a matching jq path', () => {
    const [e] = ignoreEntries([{ kind: 'Secret', jsonPointers: ['/data'], jqPathExpressions: ['.metadata.annotations["a/b"]'] }]);
    expect(covers(e!, '/data/password')).toBe(true);
    expect(covers(e!, '/datax')).toBe(false);
    expect(covers(e!, '/metadata/annotations/a~1b')).toBe(true);
    expect(differences({ a: [1, 2], b: { c: 1 } }, { a: [1], b: { c: 2, d: 1 } }, '')).toEqual(['/a/1', '/b/c', '/b/d']);
  });
});
