import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archivePath, LOCK_FILE, listCharts, pullCharts, type ChartRef } from '../../generator/charts/index.js';
import type { Helm } from '../../generator/helm/index.js';
import { tempDir } from '../helpers.js';
import { startChartRepo, type ChartRepo } from '../helpers/chart-repo.js';
import { requireHelm, setupOnce } from '../helpers/helm.js';

let helm: Helm;
let repo: ChartRepo;
setupOnce(async () => {
  helm = await requireHelm();
  repo = await startChartRepo(helm, ['cluster-scoped', 'hook-job', 'workloads', 'with-schema']);
});
afterAll(() => repo?.close());

const ref = (name: string): ChartRef => ({ repoURL: repo.url, name, version: '0.1.0' });

describe('listCharts', () => {
  it('gives every chart its status: verified, unlocked, missing, mismatch; and the unused lock entries', async () => {
    const root = tempDir('list-');
    const cacheDir = path.join(root, '.cache', 'gitops-generator');
    await pullCharts([ref('cluster-scoped'), ref('hook-job'), ref('with-schema')], { root, helm });
    // workloads: cached by hand, never locked. hook-job: cache changed after the pull.
    mkdirSync(path.dirname(archivePath(cacheDir, ref('workloads'))), { recursive: true });
    copyFileSync(path.join(repo.dir, 'workloads-0.1.0.tgz'), archivePath(cacheDir, ref('workloads')));
    appendFileSync(archivePath(cacheDir, ref('hook-job')), 'changed');
    const before = repo.requests.length;

    const missing = { ...ref('cluster-scoped'), version: '0.3.0' };
    const result = await listCharts([ref('workloads'), ref('hook-job'), ref('cluster-scoped'), missing], { root });
    expect(result.charts.map((c) => [c.name, c.version, c.status])).toEqual([
      ['cluster-scoped', '0.1.0', 'verified'],
      ['cluster-scoped', '0.3.0', 'missing'],
      ['hook-job', '0.1.0', 'mismatch'],
      ['workloads', '0.1.0', 'unlocked'],
    ]);
    expect(result.charts[2]?.digest).not.toBe(result.charts[2]?.lockedDigest);
    expect(result.unused.map((e) => e.name)).toEqual(['with-schema']);
    expect(result.lines).toEqual([
      `verified cluster-scoped 0.1.0 (${repo.url})`,
      `missing  cluster-scoped 0.3.0 (${repo.url})`,
      `mismatch hook-job 0.1.0 (${repo.url})`,
      `unlocked workloads 0.1.0 (${repo.url})`,
      `unused   with-schema 0.1.0 (${repo.url}): in ${LOCK_FILE} but not used; \`gitops-generator charts pull\` removes it`,
    ]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'charts/cache-mismatch', message: expect.stringContaining('chart hook-job 0.1.0') })]);
    // Listing reads only: no request, no lock change.
    expect(repo.requests.length).toBe(before);
  });

  it('a pull locks a cached-but-unlocked archive without fetching it again', async () => {
    const root = tempDir('list-unlocked-');
    const cacheDir = path.join(root, '.cache', 'gitops-generator');
    mkdirSync(path.dirname(archivePath(cacheDir, ref('workloads'))), { recursive: true });
    copyFileSync(path.join(repo.dir, 'workloads-0.1.0.tgz'), archivePath(cacheDir, ref('workloads')));
    const before = repo.requests.length;
    const pulled = await pullCharts([ref('workloads')], { root, helm });
    expect(repo.requests.length).toBe(before);
    expect(pulled.added).toHaveLength(1);
    expect((await listCharts([ref('workloads')], { root })).charts[0]?.status).toBe('verified');
  });

  it('reports a broken lock file with its line and column instead of listing', async () => {
    const root = tempDir('list-bad-lock-');
    writeFileSync(path.join(root, LOCK_FILE), 'charts:\n  - repoURL: https://x.example\n    name: a\n    version: 1.0.0\n    digest: md5:abc\n');
    const result = await listCharts([ref('workloads')], { root });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'charts/bad-lock', file: LOCK_FILE, line: 5, col: 13, pointer: '/charts/0/digest' }),
    ]);
    expect(readFileSync(path.join(root, LOCK_FILE), 'utf8')).toContain('md5:abc');
  });
});
