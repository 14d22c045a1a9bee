import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archivePath, LOCK_FILE, parseLock, pullCharts, type ChartRef } from '../../generator/charts/index.js';
import type { Helm } from '../../generator/helm/index.js';
import { tempDir } from '../helpers.js';
import { startChartRepo, type ChartRepo } from '../helpers/chart-repo.js';
import { requireHelm, setupOnce } from '../helpers/helm.js';

let helm: Helm;
let repo: ChartRepo;
setupOnce(async () => {
  helm = await requireHelm();
  repo = await startChartRepo(helm, ['cluster-scoped', 'hook-job', 'workloads']);
});
afterAll(() => repo?.close());

const ref = (name: string, version = '0.1.0'): ChartRef => ({ repoURL: repo.url, name, version });
const lockOf = (root: string) => parseLock(readFileSync(path.join(root, LOCK_FILE), 'utf8'));
const sha256 = (file: string) => `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;

/** Requests the repository got while `fn` ran. */
async function requestsDuring<T>(fn: () => Promise<T>): Promise<{ value: T; requests: string[] }> {
  const before = repo.requests.length;
  const value = await fn();
  return { value, requests: repo.requests.slice(before) };
}

describe('pullCharts from a Helm repository over HTTP', () => {
  it('pulls into the cache and pins each archive digest in a sorted lock', async () => {
    const root = tempDir('pull-');
    const { value: result, requests } = await requestsDuring(() => pullCharts([ref('workloads'), ref('cluster-scoped')], { root, helm }));

    expect(result.diagnostics).toEqual([]);
    expect(requests).toEqual(expect.arrayContaining(['GET /charts/index.yaml', 'GET /charts/cluster-scoped-0.1.0.tgz', 'GET /charts/workloads-0.1.0.tgz']));
    const cached = archivePath(path.join(root, '.cache', 'gitops-generator'), ref('cluster-scoped'));
    expect(result.charts.map((c) => [c.name, c.action, c.file])).toEqual([
      ['cluster-scoped', 'pulled', cached],
      ['workloads', 'pulled', expect.stringMatching(/workloads-0\.1\.0\.tgz$/)],
    ]);
    // The archive is byte-identical to what the repository serves, and its digest is the one locked.
    expect(readFileSync(cached)).toEqual(readFileSync(path.join(repo.dir, 'cluster-scoped-0.1.0.tgz')));
    const text = readFileSync(path.join(root, LOCK_FILE), 'utf8');
    expect(text).toBe(
      [
        '# Chart archive digests, written by `gitops-generator charts pull`. Commit this file; do not edit it.',
        '# A pulled archive whose sha256 differs from its entry here is refused.',
        '',
        'charts:',
        `  - repoURL: ${repo.url}`,
        '    name: cluster-scoped',
        '    version: 0.1.0',
        `    digest: ${sha256(cached)}`,
        `  - repoURL: ${repo.url}`,
        '    name: workloads',
        '    version: 0.1.0',
        `    digest: ${sha256(path.join(repo.dir, 'workloads-0.1.0.tgz'))}`,
        '',
      ].join('\n'),
    );
    expect(result.lockWritten).toBe(true);
    expect(result.added.map((e) => e.name)).toEqual(['cluster-scoped', 'workloads']);
    // Nothing lands in manifests/ or beside the lock but the cache.
    expect(readdirSync(root).sort()).toEqual(['.cache', LOCK_FILE]);
  });

  it('uses the verified cache on the second pull: no request reaches the repository', async () => {
    const root = tempDir('pull-cached-');
    await pullCharts([ref('hook-job')], { root, helm });
    const lockBefore = readFileSync(path.join(root, LOCK_FILE), 'utf8');

    const { value: second, requests } = await requestsDuring(() => pullCharts([ref('hook-job')], { root, helm }));
    expect(requests).toEqual([]);
    expect(second.diagnostics).toEqual([]);
    expect(second.charts).toEqual([expect.objectContaining({ name: 'hook-job', action: 'cached' })]);
    expect(second.lockWritten).toBe(false);
    expect(readFileSync(path.join(root, LOCK_FILE), 'utf8')).toBe(lockBefore);
  });

  it('refuses a re-published version whose digest differs: error, lock unchanged, archive not kept', async () => {
    const republished = await startChartRepo(helm, ['cluster-scoped']);
    try {
      const root = tempDir('pull-mismatch-');
      const r = { repoURL: republished.url, name: 'cluster-scoped', version: '0.1.0' };
      await pullCharts([r], { root, helm });
      const lockBefore = readFileSync(path.join(root, LOCK_FILE), 'utf8');
      const locked = lockOf(root).entries.values().next().value!.digest;

      // Same name and version, different bytes, and a cache that no longer has the archive.
      const file = await republished.publish('cluster-scoped', { variant: 'tampered' });
      const cacheDir = path.join(root, 'other-cache');
      const result = await pullCharts([r], { root, helm, cacheDir });

      const fresh = sha256(file);
      expect(fresh).not.toBe(locked);
      expect(result.charts).toEqual([expect.objectContaining({ action: 'failed' })]);
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'charts/digest-mismatch',
          file: LOCK_FILE,
          line: 5,
          col: 5,
          message: expect.stringContaining(`chart cluster-scoped 0.1.0 (${republished.url}) has digest ${fresh}, but ${LOCK_FILE} pins ${locked}`),
        }),
      ]);
      expect(result.diagnostics[0]?.message).toContain('supply-chain event');
      expect(result.lockWritten).toBe(false);
      expect(readFileSync(path.join(root, LOCK_FILE), 'utf8')).toBe(lockBefore);
      expect(existsSync(archivePath(cacheDir, r))).toBe(false);
      expect(readdirSync(path.join(cacheDir, 'charts', '.staging'))).toEqual([]);
    } finally {
      await republished.close();
    }
  });

  it('adds the digest of a new version beside the old one', async () => {
    const root = tempDir('pull-new-version-');
    await pullCharts([ref('workloads')], { root, helm });
    await repo.publish('workloads', { version: '0.2.0' });

    const result = await pullCharts([ref('workloads'), ref('workloads', '0.2.0')], { root, helm });
    expect(result.diagnostics).toEqual([]);
    expect(result.added).toEqual([expect.objectContaining({ name: 'workloads', version: '0.2.0', digest: sha256(path.join(repo.dir, 'workloads-0.2.0.tgz')) })]);
    expect([...lockOf(root).entries.values()].map((e) => e.version)).toEqual(['0.1.0', '0.2.0']);
    expect(result.lines).toContain(`${LOCK_FILE}: added workloads 0.2.0 (${repo.url}) ${sha256(path.join(repo.dir, 'workloads-0.2.0.tgz'))}`);
  });

  it('removes entries the tree no longer uses when the complete list is pulled, and says so', async () => {
    const root = tempDir('pull-prune-');
    await pullCharts([ref('workloads'), ref('hook-job')], { root, helm });

    // A partial list (e.g. one app) never removes anything.
    const partial = await pullCharts([ref('workloads')], { root, helm });
    expect(partial.removed).toEqual([]);
    expect(lockOf(root).entries.size).toBe(2);

    const complete = await pullCharts([ref('workloads')], { root, helm, complete: true });
    expect(complete.removed).toEqual([expect.objectContaining({ name: 'hook-job', version: '0.1.0' })]);
    expect(complete.lines).toContain(`${LOCK_FILE}: removed hook-job 0.1.0 (${repo.url}), no longer used`);
    expect([...lockOf(root).entries.values()].map((e) => e.name)).toEqual(['workloads']);
  });

  it('re-fetches a cached archive that no longer matches the lock, and warns', async () => {
    const root = tempDir('pull-corrupt-cache-');
    const first = await pullCharts([ref('hook-job')], { root, helm });
    const file = first.charts[0]!.file!;
    writeFileSync(file, 'not the archive');

    const again = await pullCharts([ref('hook-job')], { root, helm });
    expect(again.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'charts/cache-replaced' })]);
    expect(sha256(file)).toBe(first.charts[0]!.digest);
  });

  it('reports a version the repository does not have, naming the chart', async () => {
    const root = tempDir('pull-404-');
    const result = await pullCharts([ref('hook-job', '9.9.9')], { root, helm });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'charts/not-found', message: expect.stringContaining(`chart hook-job 9.9.9 (${repo.url})`) }),
    ]);
    expect(existsSync(path.join(root, LOCK_FILE))).toBe(false);
  });

  it('reports an unreachable repository as such, and does not write the lock', async () => {
    const root = tempDir('pull-down-');
    const result = await pullCharts([{ repoURL: 'http://127.0.0.1:9/charts', name: 'hook-job', version: '0.1.0' }, ref('workloads')], { root, helm });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'charts/unreachable', message: expect.stringContaining('cannot pull from http://127.0.0.1:9/charts'), hint: expect.stringContaining('--chart-mirror') }),
    ]);
    expect(result.lines).toContain(`${LOCK_FILE} not changed: fix the errors and pull again`);
    expect(existsSync(path.join(root, LOCK_FILE))).toBe(false);
  });

  it('turns bad references into diagnostics, never an exception', async () => {
    const root = tempDir('pull-bad-ref-');
    const bad = [
      { repoURL: repo.url, name: 'hook-job', version: '^0.1.0' },
      { repoURL: 'registry.example.org/charts', name: 'x', version: '1.0.0' },
      { repoURL: repo.url, name: 'charts/x', version: '1.0.0' },
      { repoURL: 'ftp://example.org', name: 'x', version: '1.0.0' },
      null,
    ] as unknown as ChartRef[];
    const result = await pullCharts(bad, { root, helm });
    expect(result.diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ['charts/bad-reference', 'an exact SemVer version such as 1.2.3 or v1.2.3 (no ranges, "*" or "latest")'],
      ['charts/bad-reference', 'an OCI registry path needs the scheme: oci://registry.example.org/charts'],
      ['charts/bad-reference', 'the name is the chart alone; the repository (or OCI path) goes in repoURL'],
      ['charts/bad-reference', expect.stringContaining('oci://host/path')],
      ['charts/bad-reference', 'give repoURL, name and version'],
    ]);
    expect(result.charts).toEqual([]);
  });

  it('reports a cache folder it cannot use, or a root it cannot write the lock to, as diagnostics', async () => {
    const root = tempDir('pull-cache-file-');
    const notADir = path.join(root, 'cache-is-a-file');
    writeFileSync(notADir, '');
    const result = await pullCharts([ref('hook-job')], { root, helm, cacheDir: notADir });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'charts/cache-error', message: expect.stringContaining(`cannot use the chart cache ${notADir}`) })]);

    // A folder where the lock file should be: the pull succeeds, the lock cannot be written.
    const blocked = tempDir('pull-lock-blocked-');
    mkdirSync(path.join(blocked, `${LOCK_FILE}.lock`, 'x'), { recursive: true });
    const locked = await pullCharts([ref('hook-job')], { root: blocked, helm, cacheDir: path.join(root, 'cache') });
    expect(locked.diagnostics).toEqual([expect.objectContaining({ code: 'charts/lock-write', file: LOCK_FILE })]);
  });

  it('reports a missing Helm as a diagnostic for the charts it would fetch', async () => {
    const root = tempDir('pull-no-helm-');
    const result = await pullCharts([ref('hook-job')], { root, env: { ...process.env, HELM: '/nonexistent/helm' } });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'helm/not-found', hint: expect.stringContaining('npm test') })]);
    expect(result.charts[0]?.action).toBe('failed');
  });
});
