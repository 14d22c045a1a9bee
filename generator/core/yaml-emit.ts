/**
 * A direct writer for the common shape of a manifest document: plain maps and lists of short
 * strings, numbers, booleans and null. It writes the same bytes the `yaml` package writes with the
 * manifest options (keys sorted, sequences indented under their key, no folding, ambiguous strings
 * double-quoted), in a fraction of the time: no node tree is built. Anything it does not cover
 * (multi-line strings, strings the library would quote for other reasons, non-plain objects,
 * `undefined` in a list) makes it answer undefined, and the caller lets the library write that
 * document. test/core/yaml-emit.test.ts compares the two on generated values.
 */
import { Document } from 'yaml';
import { MANIFEST_DOCUMENT_OPTIONS } from '../model/yaml.js';
import { isAmbiguousString } from './yaml-ambiguous.js';

/**
 * Patterns of the YAML 1.1 schema's implicit tags other than strings (as the library holds them):
 * a plain scalar that matches one would be read as something else, so the library quotes it.
 */
const IMPLICIT_TAG_TESTS: readonly RegExp[] = (() => {
  const { schema } = new Document(null, MANIFEST_DOCUMENT_OPTIONS);
  return [...schema.tags, ...(schema.compat ?? [])]
    .filter((t) => t.default === true && t.tag !== 'tag:yaml.org,2002:str')
    .map((t) => (t as { test?: RegExp }).test)
    .filter((re): re is RegExp => re instanceof RegExp);
})();

/**
 * Strings written plain without a second look: printable ASCII that starts with a letter, digit or
 * one of `_ . / $ ( ~`, and holds no character that can start or end a YAML construct inside a
 * plain scalar (`#`, quotes, flow brackets, `&*!|>%@` and backquote are left to the library).
 */
const PLAIN_CANDIDATE = /^[A-Za-z0-9_./$(~][A-Za-z0-9_./$()~:=+,;^ -]*$/;
/** A space before or after a colon or at the end, or a document marker, is for the library. */
const PLAIN_SPOILER = /: | :|:$| $|^\.\.\./;
/** What the double-quoted form of a string is without escapes: printable ASCII, no `"` or `\`. */
const QUOTABLE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A scalar as the library writes it, or undefined when that is for the library to decide. */
function scalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string': {
      // The same keys and values come back in every document: decide each string once.
      let text = stringCache.get(value);
      if (text === undefined) {
        text = stringText(value) ?? null;
        if (stringCache.size > 100_000) stringCache.clear();
        stringCache.set(value, text);
      }
      return text ?? undefined;
    }
    case 'number':
      if (!Number.isFinite(value)) return undefined;
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined;
  }
}

const stringCache = new Map<string, string | null>();

/** Ambiguous strings are double-quoted (core/serialize.ts tells the library so); plain where that is certain. */
function stringText(value: string): string | undefined {
  if (isAmbiguousString(value)) return QUOTABLE.test(value) ? `"${value}"` : undefined;
  if (!PLAIN_CANDIDATE.test(value) || PLAIN_SPOILER.test(value)) return undefined;
  for (const re of IMPLICIT_TAG_TESTS) if (re.test(value)) return undefined;
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isPlainArray(v: unknown): v is unknown[] {
  return Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;
}

/** Keys with a value, sorted as the library sorts them (string order). */
function keysOf(obj: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const k of Object.keys(obj)) if (obj[k] !== undefined) keys.push(k);
  return keys.sort();
}

/** Thrown from deep inside a document to give it to the library; never escapes this module. */
const UNSUPPORTED = new Error('left to the yaml library');

/**
 * The document `value` (a plain map at the top), or undefined when it holds anything this writer
 * leaves to the library.
 */
export function emitManifestDocument(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const lines: string[] = [];
  const put = (v: unknown): string => {
    const s = scalar(v);
    if (s === undefined) throw UNSUPPORTED;
    return s;
  };
  const keyText = (k: string): string => {
    if (k.length > 1000) throw UNSUPPORTED; // the library writes very long keys as explicit `? ` keys
    return put(k);
  };

  // Each emits lines at `indent`; the first line of a list item gets its `- ` from the caller.
  const map = (obj: Record<string, unknown>, keys: string[], indent: string): void => {
    for (const k of keys) {
      const v = obj[k];
      const key = keyText(k);
      if (isPlainObject(v)) {
        const sub = keysOf(v);
        if (sub.length === 0) lines.push(`${indent}${key}: {}`);
        else {
          lines.push(`${indent}${key}:`);
          map(v, sub, indent + '  ');
        }
      } else if (isPlainArray(v)) {
        if (v.length === 0) lines.push(`${indent}${key}: []`);
        else {
          lines.push(`${indent}${key}:`);
          seq(v, indent + '  ');
        }
      } else lines.push(`${indent}${key}: ${put(v)}`);
    }
  };
  const seq = (items: unknown[], indent: string): void => {
    for (let i = 0; i < items.length; i++) {
      if (!(i in items)) throw UNSUPPORTED; // a hole
      const item = items[i];
      if (isPlainObject(item)) {
        const sub = keysOf(item);
        if (sub.length === 0) lines.push(`${indent}- {}`);
        else nested(() => map(item, sub, indent + '  '), indent);
      } else if (isPlainArray(item)) {
        if (item.length === 0) lines.push(`${indent}- []`);
        else nested(() => seq(item, indent + '  '), indent);
      } else if (item === undefined) throw UNSUPPORTED;
      else lines.push(`${indent}- ${put(item)}`);
    }
  };
  // A collection inside a list starts on the item's own line: `- a: 1`, `- - x`.
  const nested = (emit: () => void, indent: string): void => {
    const first = lines.length;
    emit();
    lines[first] = `${indent}- ${lines[first]!.slice(indent.length + 2)}`;
  };

  try {
    const keys = keysOf(value);
    if (keys.length === 0) return '{}\n';
    map(value, keys, '');
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
  return lines.join('\n') + '\n';
}
