import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8 } from '../core/utf8.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { MANIFESTS_DIR } from '../model/files.js';
import type { OutputFile } from '../model/output.js';
import { LOCK_FILE, LockedError, peekLock } from './tree-writer.js';

/**
 * `manifests/` as committed, read for `check` without writing anything (no lock file of its own)
 * yet never half-way through a generate's replace: a live lock refuses, and the tree is read again
 * when the lock or any file or directory changed while it was read. A generate that started and
 * finished in between leaves no lock behind, but its renames change inodes and directory mtimes,
 * which the fingerprint (lstat of every entry) catches.
 */
export interface TreeSnapshot {
  /** Every regular file under manifests/, sorted by path (links and other entries are not followed). */
  files: OutputFile[];
  /** Every directory under manifests/, manifests/ itself included when it exists. */
  dirs: ReadonlySet<string>;
  /** Files that are not valid UTF-8 (their `content` holds U+FFFD where the bad bytes are). */
  diagnostics: Diagnostic[];
  /** True while neither the tree nor the lock has changed since this snapshot was read. */
  unchanged(): boolean;
}

export interface SnapshotOptions {
  /** Reads before giving up on a tree that keeps changing (default 3). */
  attempts?: number;
  /** Test hook: runs after each read, before the re-check. */
  afterRead?: (attempt: number) => void;
}

export class TreeChangedError extends LockedError {
  constructor() {
    super(undefined);
    this.name = 'TreeChangedError';
    this.message = `${MANIFESTS_DIR}/ kept changing while check read it (a generate is probably running); run check again when it has finished`;
  }
}

export function readTreeSnapshot(root: string, opts: SnapshotOptions = {}): TreeSnapshot {
  const attempts = opts.attempts ?? 3;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const lock = lockState(root);
    const read = readTree(root);
    opts.afterRead?.(attempt);
    const stamp = lock + '\n' + read.fingerprint;
    const current = () => {
      const now = lockState(root);
      return now + '\n' + fingerprint(root) === stamp;
    };
    if (current()) return { files: read.files, dirs: read.dirs, diagnostics: read.diagnostics, unchanged: current };
  }
  lockState(root); // a live holder is the better reason to give
  throw new TreeChangedError();
}

/** The lock's text (or `-` when there is none); a live holder refuses outright. */
function lockState(root: string): string {
  const lock = peekLock(root);
  if (lock?.live) throw new LockedError(lock.pid);
  if (!lock) return '-';
  let ino = '';
  try {
    ino = String(lstatSync(path.join(root, LOCK_FILE), { bigint: true }).ino);
  } catch {
    /* released between the two calls: the text alone still differs from the no-lock state */
  }
  return `${ino} ${JSON.stringify(lock.text)}`;
}

function entryStamp(rel: string, abs: string): { line: string; kind: 'file' | 'dir' | 'other' } | undefined {
  let st;
  try {
    st = lstatSync(abs, { bigint: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  return { line: `${rel}\0${kind}\0${st.ino}\0${st.size}\0${st.mtimeNs}\0${st.ctimeNs}`, kind };
}

function readTree(root: string): { files: OutputFile[]; dirs: Set<string>; diagnostics: Diagnostic[]; fingerprint: string } {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const dirs = new Set<string>();
  const fingerprint = walk(root, (rel, kind) => {
    if (kind === 'dir') dirs.add(rel);
    else if (kind === 'file') {
      try {
        const decoded = decodeUtf8(readFileSync(path.join(root, rel)));
        files.push({ path: rel, content: decoded.text });
        if (!decoded.ok) {
          diagnostics.push({
            severity: 'error',
            code: 'check/invalid-utf8',
            file: rel,
            line: decoded.line,
            col: decoded.col,
            message: `is not valid UTF-8 (byte 0x${decoded.byte.toString(16).padStart(2, '0')}); Argo CD and kubectl would read it differently from what the file shows`,
            hint: 're-save the file as UTF-8 (or regenerate it with `npm run generate`)',
          });
        }
      } catch (e) {
        // Deleted since its stamp: the re-check sees the change and reads again.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, dirs, diagnostics, fingerprint };
}

function fingerprint(root: string): string {
  return walk(root, () => {});
}

/** Stamps of every entry under manifests/ in a fixed order; `visit` sees each after its stamp. */
function walk(root: string, visit: (rel: string, kind: 'file' | 'dir' | 'other') => void): string {
  const lines: string[] = [];
  const go = (rel: string) => {
    const stamp = entryStamp(rel, path.join(root, rel));
    if (!stamp) return;
    lines.push(stamp.line);
    visit(rel, stamp.kind);
    if (stamp.kind !== 'dir') return;
    let names: string[];
    try {
      names = readdirSync(path.join(root, rel)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const name of names) go(`${rel}/${name}`);
  };
  go(MANIFESTS_DIR);
  return lines.join('\n');
}
