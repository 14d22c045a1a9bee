/**
 * The fixture charts are inputs for later rules (rendering, cluster-scoped objects, hooks, mesh,
 * credentials): prove with the real Helm that each, once packaged, renders what it claims.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Helm } from '../../generator/helm/index.js';
import { tempDir } from '../helpers.js';
import { packageFixture } from '../helpers/chart-repo.js';
import { helm as runHelm, requireHelm, setupOnce } from '../helpers/helm.js';

interface Obj {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [k: string]: unknown;
}

let helm: Helm;
const archives = new Map<string, string>();
const CHARTS = ['cluster-scoped', 'other-namespace', 'hook-job', 'random-value', 'parent-with-alias', 'with-schema', 'crd-and-cr', 'workloads', 'default-password', 'capabilities'];

setupOnce(async () => {
  helm = await requireHelm();
  const dir = tempDir('fixture-pkgs-');
  await Promise.all(CHARTS.map(async (c) => archives.set(c, await packageFixture(helm, c, dir))));
});

async function render(chart: string, ...args: string[]): Promise<Obj[]> {
  const out = await runHelm(helm, ['template', 'rel', archives.get(chart)!, '--namespace', 'apps', ...args]);
  return parseAllDocuments(out).map((d) => d.toJS() as Obj).filter((o) => o !== null);
}
const kinds = (objs: Obj[]) => objs.map((o) => o.kind).sort();

describe('fixture charts, packaged and rendered with Helm', () => {
  it('all package as version 0.1.0 under their folder name', () => {
    for (const [c, file] of archives) expect(path.basename(file)).toBe(`${c}-0.1.0.tgz`);
  });

  it('cluster-scoped: ClusterRole and ClusterRoleBinding beside a Deployment', async () => {
    expect(kinds(await render('cluster-scoped'))).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Deployment', 'ServiceAccount']);
  });

  it('other-namespace: a RoleBinding in kube-system, a ConfigMap in the release namespace', async () => {
    const objs = await render('other-namespace');
    expect(objs.map((o) => [o.kind, o.metadata.namespace])).toEqual(
      expect.arrayContaining([
        ['RoleBinding', 'kube-system'],
        ['ConfigMap', 'apps'],
      ]),
    );
  });

  it('hook-job: pre-install, test and post-delete hook Jobs', async () => {
    const hooks = (await render('hook-job')).map((o) => [o.kind, o.metadata.annotations?.['helm.sh/hook']]);
    expect(hooks.sort()).toEqual([
      ['Job', 'post-delete'],
      ['Job', 'pre-install'],
      ['Job', 'test'],
    ]);
  });

  it('random-value: two renders differ (randAlphaNum, now)', async () => {
    const [a, b] = [await render('random-value'), await render('random-value')];
    const secret = (objs: Obj[]) => objs.find((o) => o.kind === 'Secret')?.['data'];
    const stamp = (objs: Obj[]) => objs.find((o) => o.kind === 'ConfigMap')?.['data'];
    expect(secret(a)).not.toEqual(secret(b));
    expect(stamp(a)).not.toEqual(stamp(b));
  });

  it('parent-with-alias: the packaged subchart renders under its alias with the values given there', async () => {
    const objs = await render('parent-with-alias');
    expect(objs.find((o) => o.metadata.name === 'rel-sidecar')?.['data']).toEqual({ greeting: 'hello-from-parent' });
    const changed = await render('parent-with-alias', '--set', 'sidecar.greeting=hi');
    expect(changed.find((o) => o.metadata.name === 'rel-sidecar')?.['data']).toEqual({ greeting: 'hi' });
  });

  it('with-schema: Helm refuses values without host or with an unknown key', async () => {
    await expect(render('with-schema')).rejects.toThrow(/missing property 'host'/);
    await expect(render('with-schema', '--set', 'host=a.example', '--set', 'colour=red')).rejects.toThrow(/additional properties 'colour' not allowed/);
    expect(kinds(await render('with-schema', '--set', 'host=a.example'))).toEqual(['ConfigMap']);
  });

  it('crd-and-cr: the CRD comes from crds/ (only with --include-crds), the Widget from templates/', async () => {
    expect(kinds(await render('crd-and-cr'))).toEqual(['Widget']);
    const objs = await render('crd-and-cr', '--include-crds');
    expect(kinds(objs)).toEqual(['CustomResourceDefinition', 'Widget']);
    const crd = objs.find((o) => o.kind === 'CustomResourceDefinition') as unknown as { spec: { versions: { schema: { openAPIV3Schema: unknown } }[] } };
    expect(crd.spec.versions[0]?.schema.openAPIV3Schema).toMatchObject({ properties: { spec: { required: ['size'] } } });
  });

  it('workloads: each kind takes its pod annotations from values; the DaemonSet uses the host network', async () => {
    const objs = await render('workloads', '--set', 'cronjob.podAnnotations.linkerd\\.io/inject=enabled');
    expect(kinds(objs)).toEqual(['CronJob', 'DaemonSet', 'Deployment', 'Job']);
    const cron = objs.find((o) => o.kind === 'CronJob') as unknown as { spec: { jobTemplate: { spec: { template: { metadata: { annotations?: unknown } } } } } };
    expect(cron.spec.jobTemplate.spec.template.metadata.annotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    const ds = objs.find((o) => o.kind === 'DaemonSet') as unknown as { spec: { template: { spec: { hostNetwork: boolean }; metadata: { annotations?: unknown } } } };
    expect(ds.spec.template.spec.hostNetwork).toBe(true);
    expect(ds.spec.template.metadata.annotations).toBeUndefined();
  });

  it('default-password: the Secret carries the well-known default from values; a Service beside it', async () => {
    const objs = await render('default-password');
    expect(kinds(objs)).toEqual(['Secret', 'Service']);
    const data = objs.find((o) => o.kind === 'Secret')?.['data'] as Record<string, string>;
    expect(Buffer.from(data['admin-password']!, 'base64').toString()).toBe('prom-operator');
    // With existingSecret the operator brings the Secret, and the chart renders none.
    expect(kinds(await render('default-password', '--set', 'existingSecret=admin'))).toEqual(['Service']);
  });

  it('capabilities: the ConfigMap says whether the Gadget kind is among the API versions Helm was given', async () => {
    const data = (objs: Obj[]) => objs.find((o) => o.kind === 'ConfigMap')?.['data'];
    const first = await render('capabilities');
    expect(kinds(first)).toEqual(['ConfigMap', 'CustomResourceDefinition']);
    expect(data(first)).toEqual({ gadgets: 'false' });
    expect(data(await render('capabilities', '--api-versions', 'fixtures.example.com/v1/Gadget'))).toEqual({ gadgets: 'true' });
  });
});
