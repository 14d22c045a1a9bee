/**
 * A short-lived exclusive lock around "read charts.lock.yaml, merge, write it", so two pulls that
 * run at once (two processes, or two calls in one) never lose each other's entries. The holder
 * keeps it for milliseconds, so a waiter polls; a lock whose process is gone is taken over.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { Diagnostic } from '../model/diagnostics.js';
import { LOCK_FILE } from './lock-file.js';

const POLL_MS = 25;
/** A holder older than this is assumed dead even if its pid is reused by another process. */
const STALE_MS = 60_000;

export class LockBusyError extends Error {}

/** The finding for a lock-file write that failed: busy (another run holds it) or not writable. */
export function lockWriteError(err: unknown, retry: string): Diagnostic {
  const busy = err instanceof LockBusyError;
  return {
    severity: 'error',
    code: busy ? 'charts/lock-busy' : 'charts/lock-write',
    file: LOCK_FILE,
    message: `${LOCK_FILE} was not written: ${err instanceof Error ? err.message : String(err)}${busy ? ' for more than 30 s' : ''}`,
    hint: busy ? `${retry}; if no other run is going, delete ${LOCK_FILE}.lock` : 'check that the repository root is writable',
  };
}

export async function withFileLock<T>(file: string, fn: () => Promise<T>, waitMs = 30_000): Promise<T> {
  const token = `${process.pid} ${randomUUID()}\n`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await writeFile(file, token, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await isStale(file)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new LockBusyError(`${file} is held by another run`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await fn();
  } finally {
    // Remove it only if it is still ours (a stale takeover may have replaced it).
    if ((await readFile(file, 'utf8').catch(() => '')) === token) await rm(file, { force: true });
  }
}

async function isStale(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) return false; // gone already: the next attempt takes it
  if (!info.isFile()) throw new Error(`${file} is in the way and is not a lock file`);
  try {
    const pid = Number.parseInt(await readFile(file, 'utf8'), 10);
    if (Date.now() - info.mtimeMs > STALE_MS) return true;
    // Written but not yet filled in by its holder: not stale.
    if (!Number.isInteger(pid) || pid <= 0) return false;
    return !isAlive(pid);
  } catch {
    return false; // released meanwhile
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
