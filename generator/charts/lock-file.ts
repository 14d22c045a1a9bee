/**
 * charts.lock.yaml, committed at the repository root: the sha256 of every chart archive the tree
 * uses, one entry per repoURL + name + version, sorted, so a re-published chart is caught.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { CHARTS_LOCK_FILE } from '../model/files.js';
import { normaliseRecord, type RenderRecord } from '../model/renders.js';
import { chartKey, checkChartRef, compareRefs, normaliseRepoURL } from './reference.js';
import type { LockEntry } from './types.js';

export const LOCK_FILE = CHARTS_LOCK_FILE;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const KEYS = ['repoURL', 'name', 'version', 'digest'] as const;
const RECORD_KEYS = ['repoURL', 'chart', 'version', 'valuesDigest', 'clusterResources', 'namespaces'] as const;
const RENDER_KEY = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RENDERS_COMMENT = ' What each app\'s chart rendered, per <cluster>/<app>, written by `gitops-generator generate --render`; plain generate derives AppProjects from it.';
const HEADER = [
  ' Chart archive digests, written by `gitops-generator charts pull`. Commit this file; do not edit it.',
  ' A pulled archive whose sha256 differs from its entry here is refused.',
].join('\n');

export interface LockFile {
  /** Entries by chartKey. */
  entries: Map<string, LockEntry>;
  /** Where each entry starts in the file, by chartKey. */
  positions: Map<string, { line: number; col: number }>;
  /** `renders:` records by `<cluster>/<app>`, sorted by key. */
  renders: Map<string, RenderRecord>;
  /** Where each record starts in the file, by its key. */
  renderPositions: Map<string, { line: number; col: number }>;
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
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...emptyLock(), diagnostics: [] };
    return { ...emptyLock(), diagnostics: [{ severity: 'error', code: 'charts/bad-lock', file: LOCK_FILE, message: `cannot read ${LOCK_FILE}: ${(err as Error).message}` }] };
  }
  return { ...parseLock(text), text };
}

/** Parses the lock text; every problem is a diagnostic with its line and column. */
export function parseLock(text: string): Omit<LockFile, 'text'> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const { entries, positions, renders, renderPositions } = emptyLock();
  const diagnostics: Diagnostic[] = [];
  const result = { entries, positions, renders, renderPositions, diagnostics };
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
    if (key !== 'charts' && key !== 'renders') report(`unknown key ${JSON.stringify(key)} in ${LOCK_FILE}`, pair.key as Node, `/${key}`, 'the top-level keys are "charts" and "renders"');
  }
  parseRenders(top.get('renders', true), result, report, lines);
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

/**
 * Deterministic text: entries sorted by repoURL, name, version; keys in a fixed order; then the
 * `renders:` records sorted by key (the section is left out when there are none).
 */
export function serializeLock(entries: Iterable<LockEntry>, renders: ReadonlyMap<string, RenderRecord> = new Map()): string {
  const sorted = [...entries]
    .map((e) => ({ repoURL: normaliseRepoURL(e.repoURL), name: e.name, version: e.version, digest: e.digest }))
    .sort(compareRefs);
  const body: Record<string, unknown> = { charts: sorted };
  if (renders.size > 0) {
    const keys = [...renders.keys()].sort();
    body['renders'] = Object.fromEntries(keys.map((k) => {
      const r = normaliseRecord(renders.get(k)!);
      return [k, { repoURL: normaliseRepoURL(r.repoURL), chart: r.chart, version: r.version, valuesDigest: r.valuesDigest, clusterResources: r.clusterResources, namespaces: r.namespaces }];
    }));
  }
  const doc = new Document(body);
  doc.commentBefore = HEADER;
  if (renders.size > 0 && isMap(doc.contents)) {
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'renders');
    if (pair && isScalar(pair.key)) pair.key.commentBefore = RENDERS_COMMENT;
  }
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

function emptyLock(): Omit<LockFile, 'text' | 'diagnostics'> {
  return { entries: new Map(), positions: new Map(), renders: new Map(), renderPositions: new Map() };
}

type Report = (message: string, node: Node | null | undefined, pointer: string, hint?: string) => void;

/** `renders:`: a mapping of `<cluster>/<app>` to one record each. */
function parseRenders(section: unknown, result: Omit<LockFile, 'text'>, report: Report, lines: LineCounter): void {
  if (section === undefined || section === null || (isScalar(section) && section.value === null)) return;
  const hint = 'run `gitops-generator generate --render` to write the records again';
  if (!isMap(section)) return report('"renders" must be a mapping of <cluster>/<app> to what its chart rendered', section as Node, '/renders', hint);
  for (const pair of section.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const at = `/renders/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!RENDER_KEY.test(key)) {
      report(`render record key ${JSON.stringify(key)} is not <cluster>/<app>`, pair.key as Node, at, hint);
      continue;
    }
    const item = pair.value;
    if (!isMap(item)) {
      report(`render record ${key} must be a mapping { ${RECORD_KEYS.join(', ')} }`, (item ?? pair.key) as Node, at, hint);
      continue;
    }
    const value: Record<string, unknown> = {};
    let bad = false;
    for (const p of item.items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      if (!(RECORD_KEYS as readonly string[]).includes(k)) {
        report(`unknown key ${JSON.stringify(k)} in render record ${key}`, p.key as Node, `${at}/${k}`, `a record has exactly ${RECORD_KEYS.join(', ')}`);
        bad = true;
        continue;
      }
      value[k] = isScalar(p.value) ? p.value.value : p.value;
    }
    if (bad) continue;
    const strings = (['repoURL', 'chart', 'version', 'valuesDigest'] as const).filter((k) => typeof value[k] !== 'string');
    if (strings.length > 0) {
      report(`render record ${key} lacks ${strings.join(', ')} (each must be a string)`, item, at, hint);
      continue;
    }
    if (!DIGEST.test(value['valuesDigest'] as string)) {
      report(`render record ${key}: valuesDigest ${JSON.stringify(value['valuesDigest'])} is not sha256:<64 lowercase hex digits>`, item.get('valuesDigest', true) as Node, `${at}/valuesDigest`, hint);
      continue;
    }
    const kinds = groupKinds(value['clusterResources']);
    const namespaces = stringList(value['namespaces']);
    if (kinds === undefined) {
      report(`render record ${key}: clusterResources must be a list of { group, kind }`, (item.get('clusterResources', true) ?? item) as Node, `${at}/clusterResources`, hint);
      continue;
    }
    if (namespaces === undefined) {
      report(`render record ${key}: namespaces must be a list of names`, (item.get('namespaces', true) ?? item) as Node, `${at}/namespaces`, hint);
      continue;
    }
    result.renders.set(key, normaliseRecord({ repoURL: normaliseRepoURL(value['repoURL'] as string), chart: value['chart'] as string, version: value['version'] as string, valuesDigest: value['valuesDigest'] as string, clusterResources: kinds, namespaces }));
    if (pair.key && (pair.key as Node).range) result.renderPositions.set(key, position(lines, (pair.key as Node).range![0]));
  }
  // Sorted, whatever the file's order, so every reader sees one order.
  const sorted = new Map([...result.renders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  result.renders.clear();
  for (const [k, v] of sorted) result.renders.set(k, v);
}

function groupKinds(v: unknown): { group: string; kind: string }[] | undefined {
  if (v === undefined || v === null) return [];
  if (!isSeq(v)) return undefined;
  const out: { group: string; kind: string }[] = [];
  for (const item of v.items) {
    if (!isMap(item)) return undefined;
    const group = item.get('group');
    const kind = item.get('kind');
    if (typeof group !== 'string' || typeof kind !== 'string' || item.items.length !== 2) return undefined;
    out.push({ group, kind });
  }
  return out;
}

function stringList(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return [];
  if (!isSeq(v)) return undefined;
  const out: string[] = [];
  for (const item of v.items) {
    if (!isScalar(item) || typeof item.value !== 'string') return undefined;
    out.push(item.value);
  }
  return out;
}
