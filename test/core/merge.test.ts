/**
 * deepMerge is how settings overrides and Helm values layers combine: maps merge key by key, any
 * other override (lists, scalars, null) replaces, an absent override keeps the base. Written after
 * mutation testing (docs/testing.md) found the undefined and null cases covered by no assertion.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepMerge, isPlainObject } from '../../generator/core/merge.js';

describe('isPlainObject', () => {
  it('is true for maps only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject({ a: 1 })).toBe(true);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject('a')).toBe(false);
    expect(isPlainObject(1)).toBe(false);
    expect(isPlainObject(undefined)).toBe(false);
  });
});

describe('deepMerge', () => {
  it('merges maps key by key, at every depth', () => {
    const base = { a: 1, nested: { keep: 'x', change: 'old' } };
    const override = { b: 2, nested: { change: 'new', add: true } };
    expect(deepMerge(base, override)).toEqual({ a: 1, b: 2, nested: { keep: 'x', change: 'new', add: true } });
  });

  it('replaces lists and scalars instead of merging them, as Helm does', () => {
    expect(deepMerge({ list: [1, 2, 3], n: 1 }, { list: [9], n: 'one' })).toEqual({ list: [9], n: 'one' });
    expect(deepMerge({ a: { b: 1 } }, { a: [1] })).toEqual({ a: [1] });
    expect(deepMerge({ a: [1] }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it('keeps the base when the override is undefined, at the top and under a key', () => {
    const base = { a: { b: 1 } };
    expect(deepMerge(base, undefined)).toBe(base);
    expect(deepMerge(base, { a: undefined })).toEqual({ a: { b: 1 } });
  });

  it('lets a null override replace a map (and a map replace null) without throwing', () => {
    expect(deepMerge({ a: 1 }, null)).toBeNull();
    expect(deepMerge({ a: { b: 1 }, c: 2 }, { a: null })).toEqual({ a: null, c: 2 });
    expect(deepMerge({ a: null }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it('modifies neither input, and later edits of the result never reach the override', () => {
    const base = { m: { list: [1] } };
    const override = { m: { extra: { deep: [2] } }, n: { o: 1 } };
    const before = structuredClone({ base, override });
    const out = deepMerge(base, override) as Record<string, any>;
    expect({ base, override }).toEqual(before);
    // Subtrees of base the override does not touch are shared (callers clone base when they need to).
    out['n'].o = 9;
    out['m'].extra.deep.push(4);
    expect(override).toEqual(before.override);
  });

  it('gives every key of both maps, the override winning where both hold a non-map', () => {
    const json = fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer())));
    fc.assert(
      fc.property(json, json, (base, override) => {
        const out = deepMerge(base, override) as Record<string, unknown>;
        expect(Object.keys(out).sort()).toEqual([...new Set([...Object.keys(base), ...Object.keys(override)])].sort());
        for (const [k, v] of Object.entries(override)) {
          if (!isPlainObject(v) || !isPlainObject(base[k])) expect(out[k]).toEqual(v);
        }
      }),
      { seed: 20251201, numRuns: 200 },
    );
  });
});
