/** `charts list`: each chart of a list with the state of its cached archive against the lock. Reads only. */
import type { Diagnostic } from '../model/diagnostics.js';
import { archivePath, fileDigest } from './chart-cache.js';
import { LOCK_FILE, readLockFile } from './lock-file.js';
import { cacheDirOf, type ChartCacheOptions } from './options.js';
import { PULL_COMMAND } from './pull-charts.js';
import { chartKey, checkChartRef, compareRefs, describeChart, normaliseRepoURL } from './reference.js';
import type { ChartRef, LockEntry } from './types.js';

/**
 * - `verified`: cached, and its digest is the locked one
 * - `unlocked`: cached, but the lock has no entry for it yet (the next pull adds one)
 * - `missing`: not cached (the next pull fetches it)
 * - `mismatch`: cached, and its digest differs from the lock
 */
export type ChartStatus = 'verified' | 'unlocked' | 'missing' | 'mismatch';

export interface ListedChart extends ChartRef {
  status: ChartStatus;
  /** Where the archive is or would be in the cache. */
  file: string;
  /** Digest of the cached archive, when there is one. */
  digest?: string;
  /** Digest pinned in the lock, when there is an entry. */
  lockedDigest?: string;
}

export interface ListChartsResult {
  charts: ListedChart[];
  /** Lock entries for charts not in the list (a complete pull would remove them). */
  unused: LockEntry[];
  diagnostics: Diagnostic[];
  lines: string[];
}

export async function listCharts(refs: readonly ChartRef[], opts: ChartCacheOptions): Promise<ListChartsResult> {
  const cacheDir = cacheDirOf(opts);
  const diagnostics: Diagnostic[] = [];
  const lock = await readLockFile(opts.root);
  diagnostics.push(...lock.diagnostics);

  const wanted = new Map<string, ChartRef>();
  for (const ref of refs) {
    const problems = checkChartRef(ref);
    diagnostics.push(...problems);
    if (problems.length === 0) {
      const clean = { repoURL: normaliseRepoURL(ref.repoURL), name: ref.name, version: ref.version };
      wanted.set(chartKey(clean), clean);
    }
  }

  const charts: ListedChart[] = [];
  for (const ref of [...wanted.values()].sort(compareRefs)) {
    const file = archivePath(cacheDir, ref);
    let digest: string | undefined;
    try {
      digest = await fileDigest(file);
    } catch (err) {
      diagnostics.push({ severity: 'error', code: 'charts/cache-error', message: `${describeChart(ref)}: cannot read ${file}: ${(err as Error).message}`, hint: 'make the cache readable, or point GITOPS_GENERATOR_CACHE elsewhere' });
    }
    const lockedDigest = lock.entries.get(chartKey(ref))?.digest;
    const status: ChartStatus =
      digest === undefined ? 'missing' : lockedDigest === undefined ? 'unlocked' : digest === lockedDigest ? 'verified' : 'mismatch';
    const listed: ListedChart = { ...ref, status, file };
    if (digest !== undefined) listed.digest = digest;
    if (lockedDigest !== undefined) listed.lockedDigest = lockedDigest;
    charts.push(listed);
    if (status === 'mismatch') {
      diagnostics.push({
        severity: 'error',
        code: 'charts/cache-mismatch',
        file: LOCK_FILE,
        message: `${describeChart(ref)}: the cached archive ${file} has digest ${digest}, but ${LOCK_FILE} pins ${lockedDigest}`,
        hint: `delete ${file} and run \`${PULL_COMMAND}\``,
      });
    }
  }
  const unused = [...lock.entries.entries()].filter(([k]) => !wanted.has(k)).map(([, e]) => e).sort(compareRefs);

  const lines = charts.map((c) => `${c.status.padEnd(8)} ${c.name} ${c.version} (${c.repoURL})`);
  for (const e of unused) lines.push(`unused   ${e.name} ${e.version} (${e.repoURL}): in ${LOCK_FILE} but not used; \`${PULL_COMMAND}\` removes it`);
  return { charts, unused, diagnostics, lines };
}
