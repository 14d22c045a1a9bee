import { isPlainObject } from './merge.js';

/**
 * The value at a path of keys (list items by index), or undefined where the path leaves the data.
 * One walker for Helm values, config overrides, pod templates and JSON pointers alike.
 */
export function valueAt(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (isPlainObject(cur)) cur = cur[key];
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}
