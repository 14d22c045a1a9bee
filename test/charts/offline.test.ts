import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, parseLock, pullCharts, type ChartRef } from '../../generator/charts/index.js';
import type { Helm } from '../../generator/helm/index.js';
import { tempDir } from '../helpers.js';
import { packageFixture, startChartRepo, type ChartRepo } from '../helpers/chart-repo.js';
import { helm as runHelm, requireHelm, setupOnce } from '../helpers/helm.js';
import { startOciRegistry, type OciRegistry } from '../helpers/oci-registry.js';

const CHARTS = ['cluster-scoped', 'other-namespace', 'hook-job', 'random-value', 'workloads', 'default-password'];

let helm: Helm;
let repo: ChartRepo;
let registry: OciRegistry;
setupOnce(async () => {
  helm = await requireHelm();
  [repo, registry] = await Promise.all([startChartRepo(helm, CHARTS), startOciRegistry()]);
  await runHelm(helm, ['push', await packageFixture(helm, 'parent-with-alias', tempDir('pkg-')), `${registry.url}/charts`, '--plain-http']);
});
afterAll(async () => {
  await repo?.close();
  await registry?.close();
});

const ref = (name: string): ChartRef => ({ repoURL: repo.url, name, version: '0.1.0' });

describe('offline mode', () => {
  it('uses the verified cache without Helm or network', async () => {
    const root = tempDir('offline-cached-');
    await pullCharts([ref('hook-job')], { root, helm });
    const before = repo.requests.length;
    // No Helm at all: offline with a full cache must not need it.
    const result = await pullCharts([ref('hook-job')], { root, offline: true, env: { ...process.env, HELM: '/nonexistent/helm', PATH: '' } });
    expect(result.diagnostics).toEqual([]);
    expect(result.charts).toEqual([expect.objectContaining({ action: 'cached' })]);
    expect(repo.requests.length).toBe(before);
  });

  it('names a chart missing from the cache and the command that would fetch it', async () => {
    const root = tempDir('offline-empty-');
    const result = await pullCharts([ref('hook-job')], { root, helm, offline: true });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'charts/not-cached',
        message: expect.stringContaining(`chart hook-job 0.1.0 (${repo.url}) is not in the chart cache`),
        hint: expect.stringContaining('`gitops-generator charts pull`'),
      }),
    ]);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses a cached archive that no longer matches the lock', async () => {
    const root = tempDir('offline-tampered-');
    const first = await pullCharts([ref('hook-job')], { root, helm });
    appendFileSync(first.charts[0]!.file!, 'x');
    const result = await pullCharts([ref('hook-job')], { root, offline: true });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'charts/cache-mismatch', file: LOCK_FILE, line: 5 })]);
  });
});

describe('isolation and concurrency', () => {
  it("writes nothing under HOME: Helm's folders live in the cache (GITOPS_GENERATOR_CACHE)", async () => {
    const home = tempDir('fake-home-');
    const root = tempDir('isolated-');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, GITOPS_GENERATOR_CACHE: 'ci-cache' };
    for (const k of ['XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME']) delete env[k];
    const result = await pullCharts([ref('other-namespace'), { repoURL: `${registry.url}/charts`, name: 'parent-with-alias', version: '0.1.0' }], { root, env });
    expect(result.diagnostics).toEqual([]);
    expect(readdirSync(home)).toEqual([]);
    expect(readdirSync(path.join(root, 'ci-cache')).sort()).toEqual(['charts', 'helm']);
    expect(result.charts.every((c) => c.file?.startsWith(path.join(root, 'ci-cache', 'charts')))).toBe(true);
  });

  it('two runs pulling the same charts at once into one cache leave whole archives and one right lock', async () => {
    const root = tempDir('concurrent-');
    const refs = CHARTS.map(ref);
    const [a, b] = await Promise.all([pullCharts(refs, { root, helm }), pullCharts([...refs].reverse(), { root, helm })]);
    expect(a.diagnostics).toEqual([]);
    expect(b.diagnostics).toEqual([]);

    const lock = parseLock(readFileSync(path.join(root, LOCK_FILE), 'utf8'));
    expect(lock.diagnostics).toEqual([]);
    expect([...lock.entries.values()].map((e) => e.name)).toEqual([...CHARTS].sort());
    for (const c of a.charts) {
      expect(readFileSync(c.file!)).toEqual(readFileSync(path.join(repo.dir, `${c.name}-0.1.0.tgz`)));
      expect(lock.entries.get(JSON.stringify([c.repoURL, c.name, c.version]))?.digest).toBe(c.digest);
    }
    // Nothing left half-done: no staging folders, no partial lock files.
    expect(readdirSync(path.join(root, '.cache', 'gitops-generator', 'charts', '.staging'))).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['.cache', LOCK_FILE]);

    // Then a third run finds all of it verified.
    const c = await pullCharts(refs, { root, offline: true });
    expect(c.diagnostics).toEqual([]);
    expect(c.charts.every((x) => x.action === 'cached')).toBe(true);
  });

  it('two runs pulling different charts at once both end up in the lock', async () => {
    const root = tempDir('concurrent-different-');
    const [a, b] = await Promise.all([pullCharts([ref('hook-job')], { root, helm }), pullCharts([ref('workloads')], { root, helm })]);
    expect([...a.diagnostics, ...b.diagnostics]).toEqual([]);
    const lock = parseLock(readFileSync(path.join(root, LOCK_FILE), 'utf8'));
    expect([...lock.entries.values()].map((e) => e.name)).toEqual(['hook-job', 'workloads']);
  });
});
