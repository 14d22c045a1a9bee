/**
 * charts.lock.yaml, committed at the repository root: the sha256 of every chart archive the tree
 * uses, one entry per repoURL + name + version, sorted, so a re-published chart is caught.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { chartKey, checkChartRef, compareRefs, normaliseRepoURL } from './reference.js';
import type { LockEntry } from './types.js';

export const LOCK_FILE = 'charts.lock.yaml';
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const KEYS = ['repoURL', 'name', 'version', 'digest'] as const;
const HEADER = [
  ' Chart archive digests, written by `gitops-generator charts pull`. Commit this file; do not edit it.',
  ' A pulled archive whose sha256 differs from its entry here is refused.',
].join('\n');

export interface LockFile {
  /** Entries by chartKey. */
  entries: Map<string, LockEntry>;
  /** Where each entry starts in the file, by chartKey. */
  positions: Map<string, { line: number; col: number }>;
  /** The file's text as read; undefined when there is no lock file yet. */
  text?: string;
  diagnostics: Diagnostic[];
}

export function lockPath(root: string): string {
  return path.join(root, LOCK_FILE);
}

export async function readLockFile(root: string): Promise<LockFile> {
  let text: string;
  try {
    text = await readFile(lockPath(root), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: new Map(), positions: new Map(), diagnostics: [] };
    return { entries: new Map(), positions: new Map(), diagnostics: [{ severity: 'error', code: 'charts/bad-lock', file: LOCK_FILE, message: `cannot read ${LOCK_FILE}: ${(err as Error).message}` }] };
  }
  return { ...parseLock(text), text };
}

/** Parses the lock text; every problem is a diagnostic with its line and column. */
export function parseLock(text: string): Omit<LockFile, 'text'> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const entries = new Map<string, LockEntry>();
  const positions = new Map<string, { line: number; col: number }>();
  const diagnostics: Diagnostic[] = [];
  const result = { entries, positions, diagnostics };
  const report = (message: string, node: Node | null | undefined, pointer: string, hint?: string) => {
    const d: Diagnostic = { severity: 'error', code: 'charts/bad-lock', file: LOCK_FILE, message, pointer };
    const offset = node?.range?.[0];
    if (offset !== undefined) Object.assign(d, position(lines, offset));
    d.hint = hint ?? `restore ${LOCK_FILE} from git, or delete it and run \`gitops-generator charts pull\` to write it again`;
    diagnostics.push(d);
  };

  for (const e of doc.errors) {
    const d: Diagnostic = { severity: 'error', code: 'charts/bad-lock', file: LOCK_FILE, message: `${LOCK_FILE} is not valid YAML: ${e.message.split('\n')[0]}` };
    Object.assign(d, position(lines, e.pos[0]));
    diagnostics.push(d);
  }
  if (diagnostics.length > 0) return result;

  const top = doc.contents;
  if (top === null || (isScalar(top) && (top.value === null || top.value === ''))) return result;
  if (!isMap(top)) {
    report(`${LOCK_FILE} must be a mapping with a "charts" list`, top, '');
    return result;
  }
  for (const pair of top.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'charts') report(`unknown key ${JSON.stringify(key)} in ${LOCK_FILE}`, pair.key as Node, `/${key}`, 'the only top-level key is "charts"');
  }
  const list = top.get('charts', true);
  if (list === undefined || list === null || (isScalar(list) && list.value === null)) return result;
  if (!isSeq(list)) {
    report('"charts" must be a list of { repoURL, name, version, digest }', list as Node, '/charts');
    return result;
  }
  list.items.forEach((item, i) => {
    const at = `/charts/${i}`;
    if (!isMap(item)) return report('each entry must be a mapping { repoURL, name, version, digest }', item as Node, at);
    const value: Record<string, unknown> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(KEYS as readonly string[]).includes(key)) {
        report(`unknown key ${JSON.stringify(key)} in a lock entry`, pair.key as Node, `${at}/${key}`, `an entry has exactly ${KEYS.join(', ')}`);
        continue;
      }
      value[key] = isScalar(pair.value) ? pair.value.value : undefined;
    }
    const missing = KEYS.filter((k) => typeof value[k] !== 'string');
    if (missing.length > 0) return report(`lock entry ${i + 1} lacks ${missing.join(', ')} (each must be a string)`, item, at);
    const entry: LockEntry = { repoURL: value['repoURL'] as string, name: value['name'] as string, version: value['version'] as string, digest: value['digest'] as string };
    const refProblem = checkChartRef(entry)[0];
    if (refProblem !== undefined) return report(`lock entry ${i + 1}: ${refProblem.message}`, item, at, refProblem.hint);
    if (!DIGEST.test(entry.digest)) {
      return report(`lock entry ${i + 1} (${entry.name} ${entry.version}): digest ${JSON.stringify(entry.digest)} is not sha256:<64 lowercase hex digits>`, item.get('digest', true) as Node, `${at}/digest`);
    }
    const k = chartKey(entry);
    if (entries.has(k)) return report(`${entry.name} ${entry.version} from ${normaliseRepoURL(entry.repoURL)} is listed twice`, item, at, 'keep one entry per repoURL, name and version');
    entries.set(k, { ...entry, repoURL: normaliseRepoURL(entry.repoURL) });
    if (item.range) positions.set(k, position(lines, item.range[0]));
  });
  return result;
}

/** Deterministic text: entries sorted by repoURL, name, version; keys in a fixed order. */
export function serializeLock(entries: Iterable<LockEntry>): string {
  const sorted = [...entries]
    .map((e) => ({ repoURL: normaliseRepoURL(e.repoURL), name: e.name, version: e.version, digest: e.digest }))
    .sort(compareRefs);
  const doc = new Document({ charts: sorted });
  doc.commentBefore = HEADER;
  return doc.toString({ lineWidth: 0 });
}

/** Replaces the lock in one rename, so a reader (or a concurrent run) never sees half a file. */
export async function writeLockFile(root: string, text: string): Promise<void> {
  const target = lockPath(root);
  const partial = `${target}.${randomUUID()}.tmp`;
  try {
    await writeFile(partial, text);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
}

function position(lines: LineCounter, offset: number): { line: number; col: number } {
  const p = lines.linePos(offset);
  return { line: p.line, col: p.col };
}
