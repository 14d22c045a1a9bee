/**
 * What an Application's `ignoreDifferences` (and argocd-cm's system-wide ones) cover: an entry
 * matches an object by group and kind (`*` for any) and, when given, name and namespace; it covers
 * a JSON pointer when one of its `jsonPointers` is that pointer or a parent of it, or one of its
 * `jqPathExpressions` is a path of the forms Argo CD users write (`.a.b`, `.a[]`, `.a[]?`, `.a[0]`,
 * `.a["k"]`) leading there. Other jq (filters, pipes) cannot be evaluated here and covers nothing.
 */
import { parse } from 'yaml';
import { isPlainObject } from '../core/merge.js';
import { decodePointer, escapePointerSegment } from '../model/source.js';
import { obj, treeOf, type ArgoApp } from './tree.js';
import type { LintContext } from './types.js';

type Segment = { key: string } | { index: number } | { any: true };

export interface IgnoreEntry {
  group: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers: string[];
  /** Parsed jq paths; an expression that is not a plain path is in `unparsed`. */
  jqPaths: Segment[][];
  unparsed: string[];
}

export function ignoreEntries(raw: unknown): IgnoreEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isPlainObject).map((e) => {
    const jq = (Array.isArray(e['jqPathExpressions']) ? e['jqPathExpressions'] : []).filter((x): x is string => typeof x === 'string');
    const jqPaths: Segment[][] = [];
    const unparsed: string[] = [];
    for (const x of jq) {
      const p = parseJqPath(x);
      if (p) jqPaths.push(p);
      else unparsed.push(x);
    }
    return {
      group: typeof e['group'] === 'string' ? e['group'] : '',
      kind: typeof e['kind'] === 'string' ? e['kind'] : '',
      ...(typeof e['name'] === 'string' && e['name'] !== '' ? { name: e['name'] } : {}),
      ...(typeof e['namespace'] === 'string' && e['namespace'] !== '' ? { namespace: e['namespace'] } : {}),
      jsonPointers: (Array.isArray(e['jsonPointers']) ? e['jsonPointers'] : []).filter((x): x is string => typeof x === 'string'),
      jqPaths,
      unparsed,
    };
  });
}

/** System-wide entries of argocd-cm: `resource.customizations.ignoreDifferences.<group>_<kind>` and `.all`. */
export function systemIgnoreEntries(data: Record<string, unknown>, parseYaml: (text: string) => unknown): IgnoreEntry[] {
  const out: IgnoreEntry[] = [];
  for (const [key, value] of Object.entries(data)) {
    const m = /^resource\.customizations\.ignoreDifferences\.(.+)$/.exec(key);
    if (!m || typeof value !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = parseYaml(value);
    } catch {
      continue;
    }
    if (!isPlainObject(parsed)) continue;
    const target = m[1]!;
    const [group, kind] = target === 'all' ? ['*', '*'] : target.includes('_') ? [target.slice(0, target.lastIndexOf('_')), target.slice(target.lastIndexOf('_') + 1)] : ['', target];
    out.push(...ignoreEntries([{ ...parsed, group, kind }]));
  }
  return out;
}

export function entryMatches(e: IgnoreEntry, o: { group: string; kind: string; name: string; namespace?: string }): boolean {
  return (e.group === '*' || e.group === o.group) && (e.kind === '*' || e.kind === o.kind) && (e.name === undefined || e.name === o.name) && (e.namespace === undefined || e.namespace === o.namespace);
}

/** Whether an entry that matches the object covers the difference at `pointer`. */
export function covers(e: IgnoreEntry, pointer: string): boolean {
  if (e.jsonPointers.some((p) => pointer === p || pointer.startsWith(p.endsWith('/') ? p : `${p}/`) || p === '')) return true;
  const segs = decodePointer(pointer);
  return e.jqPaths.some((path) => path.length <= segs.length && path.every((s, i) => segmentMatches(s, segs[i]!)));
}

function segmentMatches(s: Segment, seg: string): boolean {
  if ('any' in s) return true;
  if ('index' in s) return String(s.index) === seg;
  return s.key === seg;
}

/** `.a.b`, `.a[]`, `.a[]?`, `.a[0]`, `.a["k"]`, `.["k"]`, `.a?`; undefined for anything else. */
export function parseJqPath(expr: string): Segment[] | undefined {
  const s = expr.trim();
  if (!s.startsWith('.')) return undefined;
  const out: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '.') {
      i++;
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
      if (m) {
        out.push({ key: m[0] });
        i += m[0].length;
      } else if (s[i] !== '[' && i < s.length) return undefined;
    } else if (s[i] === '[') {
      const rest = s.slice(i);
      const any = /^\[\]/.exec(rest);
      const index = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
      if (any) {
        out.push({ any: true });
        i += 2;
      } else if (index) {
        out.push({ index: Number(index[1]) });
        i += index[0].length;
      } else if (quoted) {
        out.push({ key: JSON.parse(`"${quoted[1]}"`) as string });
        i += quoted[0].length;
      } else return undefined;
    } else if (s[i] === '?') i++;
    else return undefined;
  }
  return out.length > 0 ? out : undefined;
}

/** JSON pointers of the leaves where `a` and `b` differ (a whole subtree when its type differs). */
export function differences(a: unknown, b: unknown, at: string): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) out.push(`${at}/${i}`);
      else out.push(...differences(a[i], b[i], `${at}/${i}`));
    }
    return out;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const out: string[] = [];
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const p = `${at}/${escapePointerSegment(k)}`;
      if (!(k in a) || !(k in b)) out.push(p);
      else out.push(...differences(a[k], b[k], p));
    }
    return out;
  }
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) ? [] : [at || '/'];
}


/** The Application's own entries, then argocd-cm's system-wide ones (from the tree). */
export function ignoreEntriesOf(ctx: LintContext, a: ArgoApp): IgnoreEntry[] {
  const out = ignoreEntries(a.spec['ignoreDifferences']);
  for (const o of treeOf(ctx).objects) {
    if (o.group !== '' || o.kind !== 'ConfigMap' || o.name !== 'argocd-cm') continue;
    out.push(...systemIgnoreEntries(obj(o.data['data']), (t) => parse(t) as unknown));
  }
  return out;
}

/** Whether `a` and `b` differ only where the entries matching the object cover. */
export function differsOnlyWhereIgnored(entries: readonly IgnoreEntry[], o: { group: string; kind: string; name: string; namespace?: string }, a: unknown, b: unknown): boolean {
  const mine = entries.filter((e) => entryMatches(e, o));
  return differences(a, b, '').every((p) => mine.some((e) => covers(e, p)));
}
