import { describe, expect, it } from 'vitest';
import { kubectlImage } from '../../generator/mesh/recipes/longhorn.js';
import { chart, codes, makeApp, mesh, run } from './helpers.js';

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [k: string]: unknown;
}

const app = makeApp({ name: 'longhorn', namespace: 'longhorn-system', chart: chart('longhorn', '1.12.1') });

function byKind(objects: readonly unknown[], kind: string): Obj {
  const o = (objects as Obj[]).find((x) => x.kind === kind);
  if (!o) throw new Error(`no ${kind}`);
  return o;
}

describe('longhorn', () => {
  const out = run(app);

  it('meshes nothing at install: no values, no namespace annotation', () => {
    expect(out.mode).toBe('workloads');
    expect(out.values).toEqual({});
    expect(out.namespaceAnnotations).toEqual({});
    expect(codes(out)).toEqual([]);
  });

  it('adds a least-privilege ServiceAccount, Role and RoleBinding in longhorn-system', () => {
    expect((out.manifests as Obj[]).map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/longhorn-system/longhorn-linkerd-mesh',
      'Role/longhorn-system/longhorn-linkerd-mesh',
      'RoleBinding/longhorn-system/longhorn-linkerd-mesh',
      'Job/longhorn-system/longhorn-linkerd-mesh',
    ]);
    expect(byKind(out.manifests, 'Role')['rules']).toEqual([
      { apiGroups: ['apps'], resources: ['daemonsets'], resourceNames: ['longhorn-manager'], verbs: ['get', 'patch'] },
      { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['longhorn-ui'], verbs: ['get', 'patch'] },
    ]);
    expect(byKind(out.manifests, 'RoleBinding')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'longhorn-linkerd-mesh' },
      subjects: [{ kind: 'ServiceAccount', name: 'longhorn-linkerd-mesh', namespace: 'longhorn-system' }],
    });
  });

  it('runs a PostSync hook Job, itself unmeshed, that patches both pod templates', () => {
    const job = byKind(out.manifests, 'Job');
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PostSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded',
    });
    const tpl = (job['spec'] as { template: { metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> } }).template;
    expect(tpl.metadata.annotations).toEqual({ 'linkerd.io/inject': 'disabled' });
    expect(tpl.spec['serviceAccountName']).toBe('longhorn-linkerd-mesh');
    const [manager] = tpl.spec['initContainers'] as { image: string; command: string[] }[];
    const [ui] = tpl.spec['containers'] as { image: string; command: string[] }[];
    expect(manager!.image).toBe('registry.k8s.io/kubectl:v1.32.0');
    expect(manager!.command.slice(0, 8)).toEqual(['kubectl', 'patch', 'daemonset', 'longhorn-manager', '--namespace', 'longhorn-system', '--type', 'strategic']);
    expect(JSON.parse(manager!.command[9]!)).toEqual({
      spec: {
        template: {
          metadata: { annotations: { 'linkerd.io/inject': 'enabled' } },
          spec: { containers: [{ name: 'longhorn-manager', env: [{ name: 'POD_IP', value: '0.0.0.0', valueFrom: null }] }] },
        },
      },
    });
    expect(ui!.command.slice(0, 4)).toEqual(['kubectl', 'patch', 'deployment', 'longhorn-ui']);
    expect(JSON.parse(ui!.command[9]!)).toEqual({ spec: { template: { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } } } });
  });

  it('tells Argo CD to ignore and keep the patched fields', () => {
    expect(out.respectIgnoreDifferences).toBe(true);
    expect(out.ignoreDifferences).toEqual([
      {
        group: 'apps',
        kind: 'DaemonSet',
        name: 'longhorn-manager',
        namespace: 'longhorn-system',
        jsonPointers: ['/spec/template/metadata/annotations/linkerd.io~1inject'],
        jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "longhorn-manager") | .env[] | select(.name == "POD_IP")'],
      },
      { group: 'apps', kind: 'Deployment', name: 'longhorn-ui', namespace: 'longhorn-system', jsonPointers: ['/spec/template/metadata/annotations/linkerd.io~1inject'] },
    ]);
  });

  it('patches and ignores the operator\u2019s proxy settings too', () => {
    const o = run({ ...app, mesh: mesh('workloads', { proxy: { 'proxy-memory-limit': '64Mi' } }) });
    expect(o.ignoreDifferences[1]!.jsonPointers).toEqual([
      '/spec/template/metadata/annotations/linkerd.io~1inject',
      '/spec/template/metadata/annotations/config.linkerd.io~1proxy-memory-limit',
    ]);
  });

  it('adds nothing when off', () => {
    const o = run({ ...app, mesh: mesh('off') });
    expect(o.manifests).toEqual([]);
    expect(o.ignoreDifferences).toEqual([]);
    expect(o.respectIgnoreDifferences).toBe(false);
  });

  it('pins kubectl to the cluster minor (images exist from 1.28)', () => {
    expect(kubectlImage('1.30')).toBe('registry.k8s.io/kubectl:v1.30.0');
    expect(kubectlImage('v1.31.4')).toBe('registry.k8s.io/kubectl:v1.31.0');
    expect(kubectlImage('1.26')).toBe('registry.k8s.io/kubectl:v1.28.0');
  });
});
