import { isPlainObject } from '../core/merge.js';
import { valueAt } from '../core/value-at.js';
import type { ValuesPath } from './types.js';

/**
 * Helpers that add mesh settings to Helm values and manifests without ever replacing what the
 * operator wrote: a key that already has a value keeps it, and the difference is recorded so it
 * can be reported.
 */
export interface KeptValue {
  /** Which input holds the operator's value: the values template, or the app file / its resources. */
  in: 'values' | 'app';
  /** Where, e.g. `deployment.podAnnotations` or `DaemonSet/x pod template annotations`. */
  where: string;
  key: string;
  kept: unknown;
  wanted: unknown;
}

/** The map at `path`, created when missing; undefined when something that is not a map is in the way. */
export function mapAt(root: Record<string, unknown>, path: ValuesPath): Record<string, unknown> | undefined {
  let cur: Record<string, unknown> = root;
  for (const key of path) {
    const next = cur[key];
    if (next === undefined || next === null) {
      const created: Record<string, unknown> = {};
      cur[key] = created;
      cur = created;
    } else if (isPlainObject(next)) cur = next;
    else return undefined;
  }
  return cur;
}

/** Set each entry at `path` unless the key is already there. Mutates `root`. */
export function mergeEntries(root: Record<string, unknown>, path: ValuesPath, entries: Record<string, unknown>, kept: KeptValue[]): void {
  const where = formatPath(path);
  const target = mapAt(root, path);
  if (!target) {
    kept.push({ in: 'values', where, key: '', kept: valueAt(root, path), wanted: entries });
    return;
  }
  for (const [key, value] of Object.entries(entries)) {
    if (target[key] === undefined || target[key] === null) target[key] = structuredClone(value);
    else if (!sameValue(target[key], value)) kept.push({ in: 'values', where, key, kept: target[key], wanted: value });
  }
}

/** Deep-merge `extra` under `root`: maps merge, any existing leaf wins. Mutates `root`. */
export function mergeUnder(root: Record<string, unknown>, extra: Record<string, unknown>, kept: KeptValue[], path: string[] = []): void {
  for (const [key, value] of Object.entries(extra)) {
    const existing = root[key];
    if (existing === undefined || existing === null) root[key] = structuredClone(value);
    else if (isPlainObject(existing) && isPlainObject(value)) mergeUnder(existing, value, kept, [...path, key]);
    else if (!sameValue(existing, value)) kept.push({ in: 'values', where: formatPath(path), key, kept: existing, wanted: value });
  }
}

/** `a.b."linkerd.io/inject"`: dotted, quoting keys that contain dots. */
export function formatPath(path: ValuesPath): string {
  return path.map((k) => (/[.\s"]/.test(k) ? JSON.stringify(k) : k)).join('.');
}

function sameValue(a: unknown, b: unknown): boolean {
  // Scalars compare as strings: `443` and `"443"` name the same port to Linkerd.
  if (!isPlainObject(a) && !isPlainObject(b) && !Array.isArray(a) && !Array.isArray(b)) return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}
