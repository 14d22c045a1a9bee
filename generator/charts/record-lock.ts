/**
 * Records verified chart digests and render records in charts.lock.yaml at the end of a run that
 * rendered the tree (`generate --render`), under the same short lock as a pull, so a concurrent
 * pull's entries are kept.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { RenderRecords } from '../model/renders.js';
import { LOCK_FILE, lockPath, readLockFile, serializeLock, writeLockFile } from './lock-file.js';
import { lockWriteError, withFileLock } from './lock-guard.js';
import { PULL_COMMAND } from './pull-charts.js';
import { chartKey, describeChart, normaliseRepoURL } from './reference.js';
import type { LockEntry } from './types.js';

export interface RecordLockResult {
  written: boolean;
  /** Chart entries that were not in the lock before. */
  added: LockEntry[];
  diagnostics: Diagnostic[];
}

/**
 * Adds `charts` not yet pinned (one pinned to another digest meanwhile is an error, never an
 * overwrite) and, when given, replaces the whole `renders:` section. Writes only when the text changes.
 */
export async function recordLock(root: string, charts: readonly LockEntry[], renders?: RenderRecords): Promise<RecordLockResult> {
  const result: RecordLockResult = { written: false, added: [], diagnostics: [] };
  try {
    await withFileLock(`${lockPath(root)}.lock`, async () => {
      const current = await readLockFile(root);
      if (current.diagnostics.length > 0) {
        result.diagnostics.push(...current.diagnostics);
        return;
      }
      const next = new Map(current.entries);
      for (const c of charts) {
        const entry = { repoURL: normaliseRepoURL(c.repoURL), name: c.name, version: c.version, digest: c.digest };
        const pinned = next.get(chartKey(entry));
        if (pinned === undefined) {
          next.set(chartKey(entry), entry);
          result.added.push(entry);
        } else if (pinned.digest !== entry.digest) {
          result.diagnostics.push({
            severity: 'error',
            code: 'charts/digest-mismatch',
            file: LOCK_FILE,
            message: `${describeChart(entry)}: ${LOCK_FILE} pins ${pinned.digest}, but this run rendered ${entry.digest}`,
            hint: `run \`${PULL_COMMAND}\` and render again`,
          });
        }
      }
      if (result.diagnostics.length > 0) return;
      const text = serializeLock(next.values(), renders ?? current.renders);
      if (text === current.text || (current.text === undefined && next.size === 0 && (renders?.size ?? 0) === 0)) return;
      await writeLockFile(root, text);
      result.written = true;
    });
  } catch (err) {
    result.diagnostics.push(lockWriteError(err, 'run again'));
  }
  return result;
}
