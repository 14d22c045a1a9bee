/**
 * `charts pull`: makes every chart of a list present in the cache and pinned in charts.lock.yaml.
 * A cached archive that matches the lock is used as is (no network); anything else is fetched,
 * checked against the lock, and only then moved into the cache. The lock is written only by a
 * run without errors, in one rename.
 */
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { findHelm, type Helm } from '../helm/index.js';
import { archivePath, fileDigest, stagingDir } from './chart-cache.js';
import { describeSource, fetchArchive, type ChartSource } from './fetch-archive.js';
import { LOCK_FILE, lockPath, readLockFile, serializeLock, writeLockFile, type LockFile } from './lock-file.js';
import { lockWriteError, withFileLock } from './lock-guard.js';
import { mapLimit } from './map-limit.js';
import { checkMirrors, mirrorFor } from './mirrors.js';
import { cacheDirOf, type ChartCacheOptions } from './options.js';
import { chartKey, checkChartRef, compareRefs, describeChart, normaliseRepoURL, repoKind } from './reference.js';
import type { ChartRef, LockEntry, MirrorMap } from './types.js';

export const PULL_COMMAND = 'gitops-generator charts pull';

export interface PullChartsOptions extends ChartCacheOptions {
  /** `{ <repoURL>: <mirror> }`; see mirrors.ts. */
  mirrors?: MirrorMap;
  /** Use only the cache: a chart not in it is an error, nothing is downloaded. */
  offline?: boolean;
  /** The list is every chart the tree uses: lock entries for other charts are removed. */
  complete?: boolean;
  /** Defaults to findHelm({ env, root }), looked up only when something must be fetched. */
  helm?: Helm;
  /** Parallel fetches; defaults to the number of cores. */
  concurrency?: number;
  /**
   * Defaults to true. False: fetch and verify against the lock, but leave the lock as it is (a
   * check, or a caller that records the digests itself once its own work has succeeded).
   */
  writeLock?: boolean;
}

export type PullAction = 'cached' | 'pulled' | 'failed';

export interface PulledChart extends ChartRef {
  action: PullAction;
  /** The verified archive in the cache (not set when failed). */
  file?: string;
  digest?: string;
  /** Where it was fetched from, when pulled. */
  source?: string;
}

export interface PullChartsResult {
  /** One per distinct valid reference, sorted like the lock. */
  charts: PulledChart[];
  /** Lock entries added and removed by this run (empty when the lock was not written). */
  added: LockEntry[];
  removed: LockEntry[];
  lockWritten: boolean;
  /** The Helm that was used, if one was needed. */
  helm?: Helm;
  diagnostics: Diagnostic[];
  /** What happened, one line each, for the CLI to print. */
  lines: string[];
}

export async function pullCharts(refs: readonly ChartRef[], opts: PullChartsOptions): Promise<PullChartsResult> {
  const result: PullChartsResult = { charts: [], added: [], removed: [], lockWritten: false, diagnostics: [], lines: [] };
  const env = opts.env ?? process.env;
  const cacheDir = cacheDirOf(opts);

  const wanted = distinctRefs(refs, result.diagnostics);
  if (opts.mirrors !== undefined) result.diagnostics.push(...checkMirrors(opts.mirrors));
  const lock = await readLockFile(opts.root);
  result.diagnostics.push(...lock.diagnostics);
  if (result.diagnostics.some((d) => d.code === 'charts/bad-mirror' || d.code === 'charts/bad-lock')) {
    result.lines.push(`nothing pulled: ${LOCK_FILE} or the mirrors need fixing first`);
    return result;
  }

  // Found once, and only if some chart has to be fetched.
  let helmLookup: ReturnType<typeof findHelm> | undefined;
  const getHelm = async () => (await (helmLookup ??= opts.helm !== undefined ? Promise.resolve({ helm: opts.helm, diagnostics: [] }) : findHelm({ env, root: opts.root }))).helm;

  const limit = opts.concurrency ?? availableParallelism();
  const ctx: PullContext = { lock, cacheDir, env, getHelm, offline: opts.offline === true, mirrors: opts.mirrors };
  const outcomes = await mapLimit(wanted, limit, (ref) => pullOne(ref, ctx).catch((err: unknown) => cacheFailure(ref, cacheDir, err)));
  // Diagnostics in a fixed order (the charts' sorted order), however the parallel pulls finished.
  if (helmLookup !== undefined) {
    const found = await helmLookup;
    result.diagnostics.push(...found.diagnostics);
    if (found.helm !== undefined) result.helm = found.helm;
  }
  result.charts = outcomes.map((o) => o.chart);
  for (const o of outcomes) result.diagnostics.push(...o.diagnostics);

  for (const c of result.charts) {
    if (c.action === 'pulled') result.lines.push(`pulled ${c.name} ${c.version} from ${c.source} (${c.digest})`);
    else if (c.action === 'cached') result.lines.push(`cached ${c.name} ${c.version} (${normaliseRepoURL(c.repoURL)}), ${lock.entries.has(chartKey(c)) ? 'matches the lock' : 'not in the lock yet'}`);
  }
  if (opts.writeLock !== false) await updateLock(wanted, result, lock, opts);
  return result;
}

interface PullContext {
  lock: LockFile;
  cacheDir: string;
  env: NodeJS.ProcessEnv;
  getHelm: () => Promise<Helm | undefined>;
  offline: boolean;
  mirrors: MirrorMap | undefined;
}

interface PullOutcome {
  chart: PulledChart;
  diagnostics: Diagnostic[];
}

async function pullOne(ref: ChartRef, ctx: PullContext): Promise<PullOutcome> {
  const key = chartKey(ref);
  const file = archivePath(ctx.cacheDir, ref);
  const locked = ctx.lock.entries.get(key)?.digest;
  const failed = (d?: Diagnostic): PullOutcome => ({ chart: { ...ref, action: 'failed' }, diagnostics: d === undefined ? [] : [d] });

  const cached = await fileDigest(file);
  if (cached !== undefined && (locked === undefined || cached === locked)) return { chart: { ...ref, action: 'cached', file, digest: cached }, diagnostics: [] };
  if (cached !== undefined && ctx.offline) {
    return failed({
      ...lockPosition(ctx.lock, key),
      severity: 'error',
      code: 'charts/cache-mismatch',
      message: `${describeChart(ref)}: the cached archive ${file} has digest ${cached}, but ${LOCK_FILE} pins ${locked}; the cache was changed after the pull`,
      hint: `delete ${file} and run \`${PULL_COMMAND}\` where the repository or a mirror is reachable`,
    });
  }
  if (ctx.offline) {
    return failed({
      severity: 'error',
      code: 'charts/not-cached',
      message: `${describeChart(ref)} is not in the chart cache (${file}), and offline mode downloads nothing`,
      hint: `run \`${PULL_COMMAND}\` once where ${normaliseRepoURL(ref.repoURL)} or a mirror of it is reachable, then run offline again`,
    });
  }

  const helm = await ctx.getHelm();
  if (helm === undefined) return failed();
  const source = sourceOf(ref, ctx.mirrors);
  await mkdir(stagingDir(ctx.cacheDir), { recursive: true });
  const staging = await mkdtemp(path.join(stagingDir(ctx.cacheDir), `${ref.name}-`));
  try {
    const fetched = await fetchArchive(ref, source, staging, { helm, cacheDir: ctx.cacheDir, env: ctx.env });
    if ('diagnostic' in fetched) return failed(fetched.diagnostic);
    const digest = await fileDigest(fetched.file);
    if (digest === undefined) return failed({ severity: 'error', code: 'charts/unreachable', message: `${describeChart(ref)}: the pulled archive vanished from ${staging}` });
    if (locked !== undefined && digest !== locked) {
      return failed({
        ...lockPosition(ctx.lock, key),
        severity: 'error',
        code: 'charts/digest-mismatch',
        message:
          `${describeChart(ref)}${source.mirrorOf !== undefined ? ` from ${describeSource(source)}` : ''} has digest ${digest}, but ${LOCK_FILE} pins ${locked}. ` +
          'The same version was published again with different content: treat a re-published chart as a supply-chain event ' +
          'and find out why before trusting it. The archive was not kept and the lock was not changed.',
        hint: `only if the new content is known to be good: delete this entry from ${LOCK_FILE} and run \`${PULL_COMMAND}\` again`,
      });
    }
    await mkdir(path.dirname(file), { recursive: true });
    await rename(fetched.file, file);
    const diagnostics: Diagnostic[] = [];
    if (cached !== undefined) {
      diagnostics.push({
        severity: 'warning',
        code: 'charts/cache-replaced',
        message: `${describeChart(ref)}: the cached archive had digest ${cached}, not the locked ${locked}; replaced it with a fresh pull that matches the lock`,
      });
    }
    return { chart: { ...ref, action: 'pulled', file, digest, source: describeSource(source) }, diagnostics };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The cache folder could not be read or written (a file in the way, no permission, disk full). */
function cacheFailure(ref: ChartRef, cacheDir: string, err: unknown): PullOutcome {
  return {
    chart: { ...ref, action: 'failed' },
    diagnostics: [
      {
        severity: 'error',
        code: 'charts/cache-error',
        message: `${describeChart(ref)}: cannot use the chart cache ${cacheDir}: ${err instanceof Error ? err.message : String(err)}`,
        hint: 'make the folder writable, or point GITOPS_GENERATOR_CACHE at a writable folder',
      },
    ],
  };
}

/** The chart's own repository, or its mirror. */
function sourceOf(ref: ChartRef, mirrors: MirrorMap | undefined): ChartSource {
  const mirror = mirrorFor(ref.repoURL, mirrors);
  if (mirror !== undefined) return { ...mirror, mirrorOf: normaliseRepoURL(ref.repoURL) };
  return { kind: repoKind(ref.repoURL) ?? 'http', location: normaliseRepoURL(ref.repoURL) };
}

async function updateLock(wanted: ChartRef[], result: PullChartsResult, lock: LockFile, opts: PullChartsOptions): Promise<void> {
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    result.lines.push(`${LOCK_FILE} not changed: fix the errors and pull again`);
    return;
  }
  try {
    await withFileLock(`${lockPath(opts.root)}.lock`, () => mergeAndWrite(wanted, result, lock, opts));
  } catch (err) {
    result.diagnostics.push(lockWriteError(err, `run \`${PULL_COMMAND}\` again`));
  }
}

/**
 * Under the lock: the lock as it is now (another run may have written it since we read it), plus
 * this run's new digests, minus unused entries when the list is complete. Entries another run added
 * meanwhile are kept; one it pinned to a different digest is an error, not an overwrite.
 */
async function mergeAndWrite(wanted: ChartRef[], result: PullChartsResult, before: LockFile, opts: PullChartsOptions): Promise<void> {
  const current = await readLockFile(opts.root);
  if (current.diagnostics.length > 0) {
    result.diagnostics.push(...current.diagnostics);
    return;
  }
  const next = new Map(current.entries);
  const added: LockEntry[] = [];
  for (const c of result.charts) {
    if (c.digest === undefined) continue;
    const key = chartKey(c);
    const pinned = next.get(key);
    if (pinned === undefined) {
      const entry = { repoURL: normaliseRepoURL(c.repoURL), name: c.name, version: c.version, digest: c.digest };
      next.set(key, entry);
      added.push(entry);
    } else if (pinned.digest !== c.digest) {
      result.diagnostics.push({
        severity: 'error',
        code: 'charts/digest-mismatch',
        file: LOCK_FILE,
        message: `${describeChart(c)}: ${LOCK_FILE} now pins ${pinned.digest} (written by a concurrent run), but this run verified ${c.digest}`,
        hint: `run \`${PULL_COMMAND}\` again once the other run has finished`,
      });
      result.lines.push(`${LOCK_FILE} not changed: fix the errors and pull again`);
      return;
    }
  }
  const removed: LockEntry[] = [];
  if (opts.complete === true) {
    const used = new Set(wanted.map(chartKey));
    for (const [key, entry] of next) {
      // Only what this run saw in the lock; an entry a concurrent run just added is that run's to judge.
      if (!used.has(key) && before.entries.has(key)) {
        next.delete(key);
        removed.push(entry);
      }
    }
  }
  const text = serializeLock(next.values(), current.renders);
  // No lock file and nothing to pin: do not create an empty one.
  if (text === current.text || (current.text === undefined && next.size === 0)) return;
  await writeLockFile(opts.root, text);
  result.lockWritten = true;
  result.added = added;
  result.removed = removed;
  for (const e of added) result.lines.push(`${LOCK_FILE}: added ${e.name} ${e.version} (${e.repoURL}) ${e.digest}`);
  for (const e of removed) result.lines.push(`${LOCK_FILE}: removed ${e.name} ${e.version} (${e.repoURL}), no longer used`);
}

/** Valid references, once each, sorted like the lock; bad ones become diagnostics. */
function distinctRefs(refs: readonly ChartRef[], diagnostics: Diagnostic[]): ChartRef[] {
  const out = new Map<string, ChartRef>();
  for (const ref of refs) {
    const problems = checkChartRef(ref);
    if (problems.length > 0) {
      diagnostics.push(...problems);
      continue;
    }
    const clean = { repoURL: normaliseRepoURL(ref.repoURL), name: ref.name, version: ref.version };
    if (!out.has(chartKey(clean))) out.set(chartKey(clean), clean);
  }
  return [...out.values()].sort(compareRefs);
}

function lockPosition(lock: LockFile, key: string): Pick<Diagnostic, 'file' | 'line' | 'col'> {
  const pos = lock.positions.get(key);
  return pos === undefined ? { file: LOCK_FILE } : { file: LOCK_FILE, line: pos.line, col: pos.col };
}
