/**
 * `check --render` and `generate --render` end to end through the CLI: the fixture charts packaged
 * with the real Helm, served on 127.0.0.1, rendered with the real Helm 4 as Argo CD would.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLock } from '../../generator/charts/index.js';
import type { Helm } from '../../generator/helm/index.js';
import { read, run, snapshot, writeFiles } from '../helpers.js';
import { startChartRepo, type ChartRepo } from '../helpers/chart-repo.js';
import { requireHelm, setupOnce } from '../helpers/helm.js';
import { renderRepo, UPSTREAM } from '../helpers/render-repo.js';

let helm: Helm;
let repo: ChartRepo;
setupOnce(async () => {
  helm = await requireHelm();
  repo = await startChartRepo(helm, ['other-namespace', 'cluster-scoped', 'hook-job']);
});
afterAll(async () => {
  await repo?.close();
});

/** Diagnostics of the text report as `[file:line, code]`. */
function findings(out: string): [string, string][] {
  return [...out.matchAll(/^(\S+?):(\d+):\d+: (?:error|warning) \[([^\]]+)\]/gm)].map((m) => [`${m[1]}:${m[2]}`, m[3]!]);
}

const lineOf = (root: string, file: string, text: string) => read(root, file).split('\n').findIndex((l) => l.includes(text)) + 1;

describe('check --render and generate --render', () => {
  it('fail where a chart renders what its project does not permit, then pass once generate --render recorded it', async () => {
    const root = renderRepo(repo, {
      demo: { chart: 'other-namespace' },
      web: { chart: 'cluster-scoped', project: 'apps' },
      hooks: { chart: 'hook-job', project: 'apps' },
    });
    expect((await run(['generate', '--root', root])).code).toBe(0);

    // Nothing pinned yet: the check pulls what it needs into the cache but never writes the lock.
    const first = await run(['check', '--render', '--root', root]);
    expect(first.code, first.out).toBe(1);
    expect(existsSync(path.join(root, 'charts.lock.yaml'))).toBe(false);
    expect(first.out).toContain('[charts/not-locked] chart other-namespace 0.1.0 (https://charts.example.org) is not pinned in charts.lock.yaml');
    expect(first.out.match(/^note: helm v4\.\d+\.\d+/gm)).toHaveLength(1);

    expect((await run(['charts', 'pull', '--root', root])).code).toBe(0);
    const bad = await run(['check', '--render', '--root', root]);
    expect(bad.code, bad.out).toBe(1);
    const f = findings(bad.out);
    // The kube-system RoleBinding: at the app's namespace line, naming the object and its template.
    expect(f).toContainEqual(['apps/demo.yaml:1', 'rendered/project-permits']);
    expect(bad.out).toMatch(/renders into namespace kube-system, which AppProject platform has no destination for: RoleBinding kube-system\/demo-auth-reader from other-namespace\/templates\/rolebinding\.yaml/);
    expect(bad.out).toMatch(/cluster-scoped objects AppProject apps does not permit: ClusterRole web-reader from cluster-scoped\/templates\/rbac\.yaml/);
    expect(f.filter(([, c]) => c === 'rendered/stale-record').map(([w]) => w).sort()).toEqual(['apps/demo.yaml:2', 'apps/hooks.yaml:2', 'apps/web.yaml:2']);
    expect(f).toContainEqual(['apps/hooks.yaml:2', 'rendered/hook-not-run']);
    expect(bad.out).toMatch(/Job hooks\/hooks-test from hook-job\/templates\/job-test\.yaml \(test\)/);

    const gen = await run(['generate', '--render', '--root', root]);
    expect(gen.code, gen.err).toBe(0);
    const lock = parseLock(read(root, 'charts.lock.yaml'));
    expect(lock.diagnostics).toEqual([]);
    expect([...lock.renders.keys()]).toEqual(['pi/demo', 'pi/hooks', 'pi/web']);
    expect(lock.renders.get('pi/demo')).toMatchObject({ chart: 'other-namespace', version: '0.1.0', clusterResources: [], namespaces: ['kube-system'] });
    expect(lock.renders.get('pi/web')?.clusterResources).toEqual([
      { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
      { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
    ]);
    // kube-system only in the project whose app renders into it.
    expect(read(root, 'manifests/projects/platform.yaml')).toContain('namespace: kube-system');
    expect(read(root, 'manifests/projects/apps.yaml')).not.toContain('kube-system');
    expect(read(root, 'manifests/projects/apps.yaml')).toContain('kind: ClusterRoleBinding');

    const good = await run(['check', '--render', '--root', root]);
    expect(good.code, good.out).toBe(0);
    expect(findings(good.out)).toEqual([['apps/hooks.yaml:2', 'rendered/hook-not-run']]);

    // Without Helm, plain generate builds the same projects from the records.
    const before = snapshot(path.join(root, 'manifests'));
    const plain = await run(['generate', '--root', root]);
    expect(plain.code).toBe(0);
    expect(snapshot(path.join(root, 'manifests'))).toEqual(before);

    // Other values: the record is stale, and the project does not permit the new namespace.
    // And an app removed: its record belongs to nothing.
    writeFiles(root, { 'values/demo/values.yaml': 'foreignNamespace: kube-public\n' });
    rmSync(path.join(root, 'apps/hooks.yaml'));
    expect((await run(['generate', '--root', root])).code).toBe(0);
    const stale = await run(['check', '--render', '--root', root]);
    expect(stale.code, stale.out).toBe(1);
    expect(findings(stale.out)).toContainEqual([`charts.lock.yaml:${lineOf(root, 'charts.lock.yaml', 'pi/demo:')}`, 'rendered/stale-record']);
    expect(stale.out).toMatch(/the render record for pi\/demo is stale: recorded for other values .*; the chart now renders into namespace\(s\) kube-public; the chart no longer renders into kube-system/);
    expect(stale.out).toMatch(/renders into namespace kube-public, which AppProject platform has no destination for/);
    expect(findings(stale.out)).toContainEqual([`charts.lock.yaml:${lineOf(root, 'charts.lock.yaml', 'pi/hooks:')}`, 'rendered/stale-record']);
    expect(stale.out).toContain('the render record for pi/hooks belongs to no app of the tree with a chart');
  });

  it('--render=available renders what it can and notes the chart it could not get; --render fails naming it and charts pull', async () => {
    const root = renderRepo(repo, { demo: { chart: 'other-namespace' }, gone: { chart: 'hook-job', repoURL: 'https://gone.example.org' } }, { mirrors: { 'https://gone.example.org': 'http://127.0.0.1:1/charts' } });
    const partial = await run(['generate', '--render=available', '--root', root]);
    expect(partial.code, partial.err).toBe(0);
    expect(partial.out).toMatch(/^skipped: chart hook-job 0\.1\.0 \(https:\/\/gone\.example\.org\) of pi-gone was not rendered: .*neither in the chart cache nor reachable/m);
    const lock = parseLock(read(root, 'charts.lock.yaml'));
    expect([...lock.renders.keys()]).toEqual(['pi/demo']);
    expect([...lock.entries.values()].map((e) => e.name)).toEqual(['other-namespace']);

    const all = await run(['check', '--render', '--root', root]);
    expect(all.code).toBe(1);
    expect(all.out).toMatch(/apps\/gone\.yaml:2:3: error \[rendered\/not-rendered\] chart hook-job 0\.1\.0 \(https:\/\/gone\.example\.org\) of pi-gone was not rendered/);
    expect(all.out).toContain('run `gitops-generator charts pull` where https://gone.example.org (or a mirror of it) is reachable');
  });

  it('without Helm, --render fails with a clear error naming the chart, and writes nothing', async () => {
    const root = renderRepo(repo, { demo: { chart: 'other-namespace' } });
    const saved = { HELM: process.env['HELM'], PATH: process.env['PATH'] };
    process.env['HELM'] = '/nonexistent/helm';
    process.env['PATH'] = '';
    let gen, plain, chk, wrote;
    try {
      gen = await run(['generate', '--render', '--root', root]);
      wrote = existsSync(path.join(root, 'manifests'));
      // A plain generate needs no Helm; a check of what it wrote does, with --render.
      plain = await run(['generate', '--root', root]);
      chk = await run(['check', '--render', '--root', root]);
    } finally {
      process.env['HELM'] = saved.HELM;
      process.env['PATH'] = saved.PATH;
    }
    expect(gen.code).toBe(1);
    expect(gen.err).toMatch(/apps\/demo\.yaml:2:3: error \[rendered\/not-rendered\] chart other-namespace 0\.1\.0 \(https:\/\/charts\.example\.org\) of pi-demo was not rendered: Helm 4 is needed to render it: HELM is set to "\/nonexistent\/helm", which is not a file/);
    expect(gen.err).toContain('set HELM to the path of a Helm 4 binary');
    expect(gen.err).not.toContain('internal error');
    expect(wrote).toBe(false);
    expect(gen.err).toContain('generate: failed; nothing was written');
    expect(plain.code).toBe(0);
    expect(chk.code).toBe(1);
    expect(chk.out).toContain('[rendered/not-rendered]');
  });

  it('charts pull and list cover every chart the tree deploys; --chart-mirror wins over cluster.yaml; --offline downloads nothing', async () => {
    // cluster.yaml's mirror points nowhere; the flag points at the served repository.
    const root = renderRepo(repo, { demo: { chart: 'other-namespace' }, web: { chart: 'cluster-scoped' } }, { mirrors: { [UPSTREAM]: 'http://127.0.0.1:1/charts' } });
    const listed = await run(['charts', 'list', '--root', root]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^note: missing +cluster-scoped 0\.1\.0 \(https:\/\/charts\.example\.org\)$/m);

    const offline = await run(['charts', 'pull', '--offline', '--root', root]);
    expect(offline.code).toBe(1);
    expect(offline.out).toContain('[charts/not-cached] chart cluster-scoped 0.1.0 (https://charts.example.org) is not in the chart cache');

    const viaFile = await run(['charts', 'pull', '--root', root]);
    expect(viaFile.code).toBe(1);
    expect(viaFile.out).toContain('[charts/unreachable]');

    const pulled = await run(['charts', 'pull', '--chart-mirror', `${UPSTREAM}=${repo.url}`, '--root', root]);
    expect(pulled.code, pulled.out).toBe(0);
    expect(pulled.out.match(/^note: helm v4\./gm)).toHaveLength(1);
    expect(pulled.out).toContain(`pulled other-namespace 0.1.0 from ${repo.url} (mirror of ${UPSTREAM})`);
    expect([...parseLock(read(root, 'charts.lock.yaml')).entries.values()].map((e) => `${e.repoURL} ${e.name}`)).toEqual([`${UPSTREAM} cluster-scoped`, `${UPSTREAM} other-namespace`]);
    const after = await run(['charts', 'list', '--root', root]);
    expect(after.out).toMatch(/^note: verified +cluster-scoped 0\.1\.0/m);
    expect(after.out).toMatch(/^note: verified +other-namespace 0\.1\.0/m);
  });

  it('refuses a chart whose digest is not the one the lock pins, and leaves the lock as it is', async () => {
    const root = renderRepo(repo, { demo: { chart: 'other-namespace' } });
    expect((await run(['generate', '--root', root])).code).toBe(0);
    expect((await run(['charts', 'pull', '--root', root])).code).toBe(0);
    const lock = read(root, 'charts.lock.yaml').replace(/sha256:[0-9a-f]{64}/, `sha256:${'0'.repeat(64)}`);
    writeFiles(root, { 'charts.lock.yaml': lock });
    const r = await run(['check', '--render', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/charts\.lock\.yaml:\d+:\d+: error \[charts\/digest-mismatch\] chart other-namespace 0\.1\.0/);
    expect(read(root, 'charts.lock.yaml')).toBe(lock);
  });

  it('reports a bad mirror in cluster.yaml at its line, with or without --render', async () => {
    const root = renderRepo(repo, { demo: { chart: 'other-namespace' } }, { mirrors: { 'https://bad.example.org': 'ftp://nowhere' } });
    const r = await run(['generate', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cluster\.yaml:9:30: error \[charts\/bad-mirror\] mirror for "https:\/\/bad\.example\.org": "ftp:\/\/nowhere" is not a mirror URL/);
    expect(readFileSync(path.join(root, 'cluster.yaml'), 'utf8').split('\n')[8]).toContain('https://bad.example.org: ftp://nowhere');
  });
});
