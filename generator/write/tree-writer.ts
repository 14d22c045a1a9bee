import { closeSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmdirSync, unlinkSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { GeneratorError } from '../model/diagnostics.js';
import { isGeneratedText, MANIFESTS_DIR } from '../model/files.js';
import type { OutputFile } from '../model/output.js';
import type { WriteOptions, WriteResult } from './types.js';

export const LOCK_FILE = '.generate.lock';

/**
 * Replace manifests/ with the rendered files as one transaction: stage every changed file next to
 * its target and write new files in place, then rename the staged ones into place; on any failure
 * the staged and new files are removed and files already replaced are restored from hard-linked
 * backups. Unchanged files are not touched (same bytes, same mtime). Stale files are deleted only
 * if they carry the generator's header.
 */
export function writeTree(root: string, files: OutputFile[], opts: WriteOptions = {}): WriteResult {
  const roots = opts.roots ?? [MANIFESTS_DIR];
  for (const f of files) assertInsideRoots(f.path, roots);
  const release = acquireLock(root);
  try {
    return writeLocked(root, files, opts);
  } finally {
    release();
  }
}

/**
 * What sits at each output path before the write, from one listing per directory instead of a
 * stat per file (most files of a first run, and of a new cluster, do not exist yet). A symbolic
 * link is looked at as before, through the path: existsSync follows it.
 */
class Targets {
  private readonly dirs = new Map<string, Map<string, Dirent> | undefined>();

  constructor(private readonly root: string) {}

  /** 'absent', 'file' (a regular file), or 'other' (a directory, a link to something, a device). */
  kind(rel: string): 'absent' | 'file' | 'other' {
    const dir = path.posix.dirname(rel);
    let entries = this.dirs.get(dir);
    if (!this.dirs.has(dir)) {
      entries = listDir(path.join(this.root, dir));
      this.dirs.set(dir, entries);
    }
    const ent = entries?.get(path.posix.basename(rel));
    if (!ent) return 'absent';
    if (ent.isSymbolicLink()) {
      const abs = path.join(this.root, rel);
      if (!existsSync(abs)) return 'absent';
      return lstatSync(abs).isFile() ? 'file' : 'other';
    }
    return ent.isFile() ? 'file' : 'other';
  }
}

/** A directory's entries by name; undefined when it does not exist (or is no directory). */
function listDir(abs: string): Map<string, Dirent> | undefined {
  try {
    return new Map(readdirSync(abs, { withFileTypes: true }).map((e) => [e.name, e]));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

function writeLocked(root: string, files: OutputFile[], opts: WriteOptions): WriteResult {
  // Checked under the lock: another run may be writing its files at this very moment.
  const targets = new Targets(root);
  const foreign = findForeignTargets(root, files, targets);
  if (foreign.length) {
    throw new GeneratorError(
      foreign.map((file) => ({
        severity: 'error' as const,
        code: 'write/foreign-file',
        file,
        message: 'exists and was not written by the generator (no generated header); refusing to replace it',
        hint: 'move or delete the file, or give the app or object another name; nothing was written',
      })),
    );
  }
  const suffix = `.tmp-${process.pid}`;
  const changed: OutputFile[] = [];
  let unchanged = 0;
  const existing = new Set<string>();
  for (const f of files) {
    const kind = targets.kind(f.path);
    if (kind !== 'absent') existing.add(f.path);
    if (kind === 'file' && readFileSync(path.join(root, f.path), 'utf8') === f.content) unchanged++;
    else changed.push(f);
  }
  const staged: string[] = [];
  const created: string[] = [];
  const replaced: OutputFile[] = [];
  const backups: { target: string; backup: string }[] = [];
  const made = new Set<string>();
  try {
    for (const f of changed) {
      if (opts.failAfterStaged !== undefined && staged.length + created.length >= opts.failAfterStaged) {
        throw new Error(`simulated failure after staging ${staged.length + created.length} file(s)`);
      }
      const abs = path.join(root, f.path);
      const dir = path.dirname(f.path);
      if (!made.has(dir)) ensureDir(root, dir, made);
      if (existing.has(f.path)) {
        // Existing files are replaced by rename, so a reader never sees half of one.
        writeFileSync(abs + suffix, f.content);
        staged.push(abs + suffix);
        replaced.push(f);
      } else {
        // A new file has no previous version to protect: write it in place (half the metadata
        // operations of a first run); a failure removes it again below.
        created.push(abs);
        writeFileSync(abs, f.content);
      }
    }
    for (const f of replaced) {
      if (opts.failAfterRenamed !== undefined && backups.length >= opts.failAfterRenamed) {
        throw new Error(`simulated failure after renaming ${backups.length} file(s)`);
      }
      const abs = path.join(root, f.path);
      const backup = `${abs}.bak-${process.pid}`;
      linkSync(abs, backup);
      backups.push({ target: abs, backup });
      renameSync(abs + suffix, abs);
    }
  } catch (e) {
    for (const s of staged) if (existsSync(s)) unlinkSync(s);
    for (const c of created) if (existsSync(c)) unlinkSync(c);
    for (const b of backups.reverse()) renameSync(b.backup, b.target);
    throw e;
  }
  for (const b of backups) unlinkSync(b.backup);

  const keep = new Set(files.map((f) => f.path));
  const deleted = (opts.roots ?? [MANIFESTS_DIR]).flatMap((dir) => pruneStale(root, keep, dir)).sort();
  return { written: changed.map((f) => f.path).sort(), deleted, unchanged };
}

/**
 * Output paths where a file the generator did not write already sits (no header): replacing it
 * would lose someone's work, just as prune refuses to delete it.
 */
function findForeignTargets(root: string, files: OutputFile[], targets: Targets): string[] {
  const out: string[] = [];
  for (const f of files) {
    const abs = path.join(root, f.path);
    const kind = targets.kind(f.path);
    if (kind === 'absent') continue;
    if (kind !== 'file') {
      out.push(f.path);
      continue;
    }
    const head = readHead(abs);
    if (!isGeneratedText(head) && readFileSync(abs, 'utf8') !== f.content) out.push(f.path);
  }
  return out;
}

/** Every file under `dir` (manifests/ by default) the generator wrote before but would not write now. */
export function findStale(root: string, keep: ReadonlySet<string>, dir = MANIFESTS_DIR): string[] {
  const out: string[] = [];
  walk(root, dir, (rel) => {
    if (keep.has(rel)) return;
    const abs = path.join(root, rel);
    const st = lstatSync(abs);
    // Never follow links or touch non-regular files; only our own headers mark a file as ours.
    if (!st.isFile()) return;
    const head = readHead(abs);
    if (isGeneratedText(head)) out.push(rel);
  });
  return out.sort();
}

function pruneStale(root: string, keep: ReadonlySet<string>, top: string): string[] {
  const stale = findStale(root, keep, top);
  for (const rel of stale) unlinkSync(path.join(root, rel));
  // Remove directories the prune emptied (never the root folder itself).
  const dirs = new Set<string>();
  for (const rel of stale) for (let d = path.posix.dirname(rel); d !== top && d.startsWith(top + '/'); d = path.posix.dirname(d)) dirs.add(d);
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    const abs = path.join(root, d);
    if (existsSync(abs) && readdirSync(abs).length === 0) rmdirSync(abs);
  }
  return stale;
}

function walk(root: string, rel: string, visit: (rel: string) => void): void {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return;
  for (const ent of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = `${rel}/${ent.name}`;
    if (ent.isDirectory()) walk(root, child, visit);
    else if (ent.isFile()) visit(child);
  }
}

function readHead(abs: string): string {
  const fd = openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Creates the folders of `relDir` that are missing; `known` holds folders already made or checked. */
function ensureDir(root: string, relDir: string, known: Set<string>): void {
  let rel = '';
  for (const p of relDir.split('/')) {
    rel = rel ? `${rel}/${p}` : p;
    if (known.has(rel)) continue;
    const cur = path.join(root, rel);
    if (!existsSync(cur)) mkdirSync(cur);
    else if (!lstatSync(cur).isDirectory()) throw new Error(`${rel} exists and is not a directory`);
    known.add(rel);
  }
}

function assertInsideRoots(rel: string, roots: readonly string[]): void {
  const norm = path.posix.normalize(rel);
  if (norm !== rel || !roots.some((r) => norm.startsWith(r + '/')) || norm.split('/').includes('..')) {
    throw new Error(`refusing to write outside ${roots.map((r) => `${r}/`).join(' and ')}: ${rel}`);
  }
}

/**
 * An exclusive lock file next to manifests/ so two generates never interleave; a lock left by a
 * dead process is taken over.
 */
export function acquireLock(root: string): () => void {
  const file = path.join(root, LOCK_FILE);
  // The pid is written to a private file first and linked into place, so the lock never exists
  // empty (an empty lock would look stale to a second process).
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, file);
        return () => {
          try {
            unlinkSync(file);
          } catch {
            /* already gone */
          }
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        let holder: number;
        try {
          holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: retry
          throw err;
        }
        if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new LockedError(holder);
        // A dead holder's lock: take it over only if it is still that same stale lock.
        try {
          if (Number.parseInt(readFileSync(file, 'utf8'), 10) === holder) unlinkSync(file);
        } catch {
          /* someone else took it over first; retry */
        }
      }
    }
    throw new LockedError(undefined);
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      /* ignore */
    }
  }
}

/**
 * The lock as a reader sees it, without taking it: `undefined` when there is none, else its text
 * and whether the pid in it is a live process. Readers (check) never create or delete the lock.
 */
export function peekLock(root: string): { text: string; pid?: number; live: boolean } | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(root, LOCK_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0) return { text, live: false };
  return { text, pid, live: isAlive(pid) };
}

export class LockedError extends Error {
  constructor(readonly pid: number | undefined) {
    super(`another generate is running${pid ? ` (pid ${pid})` : ''}: ${LOCK_FILE} is held; wait for it to finish, or delete ${LOCK_FILE} if that process is gone`);
    this.name = 'LockedError';
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
