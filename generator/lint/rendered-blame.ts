import { isDeepStrictEqual } from 'node:util';
import { isPlainObject } from '../core/merge.js';
import type { RenderedObject } from '../hydrate/types.js';
import { encodePointer } from '../model/source.js';
import type { Where } from './blame.js';
import { atChart, hydrateBlame, type RenderedApp } from './rendered.js';
import type { LintContext } from './types.js';

/**
 * Where a value of a rendered object comes from, as far as the render tells: the values key of the
 * app with the same name and the same value (at its line in the values template, or in the tree's
 * values file when that was edited by hand); the chart when no values key matches (a chart default
 * or something the template computes). Several matches: the one whose path names the object best.
 */
export function atRenderedValue(ctx: LintContext, h: RenderedApp, o: RenderedObject, key: string, value: unknown): Where {
  const pointer = valuesKeyOf(h.app.values, key, value, tokensOf(o));
  return (pointer !== undefined ? hydrateBlame(ctx).value(h.app, pointer) : undefined) ?? atChart(ctx, h.app, h.sourceIndex);
}

/** JSON pointer of the best values key named `key` holding `value`, if any. */
export function valuesKeyOf(values: unknown, key: string, value: unknown, tokens: ReadonlySet<string>): string | undefined {
  const found: string[][] = [];
  const walk = (v: unknown, path: string[], depth: number): void => {
    if (!isPlainObject(v) || depth > 30) return;
    for (const [k, child] of Object.entries(v)) {
      if (k === key && isDeepStrictEqual(child, value)) found.push([...path, k]);
      walk(child, [...path, k], depth + 1);
    }
  };
  walk(values, [], 0);
  if (found.length === 0) return undefined;
  const score = (p: string[]) => p.filter((s) => tokens.has(s.toLowerCase())).length;
  found.sort((a, b) => score(b) - score(a) || a.length - b.length || (encodePointer(a) < encodePointer(b) ? -1 : 1));
  return encodePointer(found[0]!);
}

/** The words that name a rendered object: its kind, the parts of its name and of its template's file name. */
export function tokensOf(o: RenderedObject): Set<string> {
  const file = o.template.slice(o.template.lastIndexOf('/') + 1).replace(/\.(ya?ml|tpl)$/, '');
  return new Set([o.kind, ...o.name.split(/[-_.]/), ...file.split(/[-_.]/)].map((t) => t.toLowerCase()).filter((t) => t !== ''));
}
