import type { ErrorObject } from 'ajv';
import { closest } from '../core/suggest.js';
import { encodePointer, unescapePointerSegment } from '../model/source.js';

/**
 * One schema error, said for a person and without a position: the caller places it in a YAML
 * source (the tree's files) or names it in a message (objects that exist only in memory).
 */
export interface SchemaProblem {
  /** JSON pointer of the offending value in the object (for an unknown field, the field itself). */
  pointer: string;
  /** Where it shows in a YAML source: the node at `pointer`, or its key `key` there. */
  at: { pointer: string; key?: string };
  message: string;
  hint?: string;
}

/** ajv's errors of one object, simplified and explained. */
export function explainErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  return simplify(errors).map(explain);
}

function explain(err: ErrorObject): SchemaProblem {
  const ptr = err.instancePath;
  if (err.keyword === 'additionalProperties') {
    const key = String(err.params.additionalProperty);
    const allowed = Object.keys((err.parentSchema?.properties ?? {}) as object);
    const guess = closest(key, allowed);
    const hint = guess
      ? `did you mean '${guess}'?`
      : allowed.length > 0 && allowed.length <= 15
        ? `allowed: ${allowed.join(', ')}`
        : undefined;
    return { pointer: ptr + encodePointer([key]), at: { pointer: ptr, key }, message: `unknown field '${key}'`, ...(hint ? { hint } : {}) };
  }
  if (err.keyword === 'required') {
    // point at the key that holds the incomplete object
    const segs = ptr.split('/');
    const at = ptr === '' ? { pointer: '' } : { pointer: segs.slice(0, -1).join('/'), key: unescapePointerSegment(segs[segs.length - 1]!) };
    return { pointer: ptr, at, message: `missing required field '${String(err.params.missingProperty)}'${ptr ? ` in ${ptr}` : ''}` };
  }
  const field = ptr === '' ? 'the document' : `'${unescapePointerSegment(ptr.slice(ptr.lastIndexOf('/') + 1))}'`;
  return { pointer: ptr, at: { pointer: ptr }, message: `${field} ${describe(err)}` };
}

/**
 * Optional fields of core kinds are `anyOf: [<schema>, {type: null}]`. When the value is wrong,
 * ajv reports the real problem, "must be null" and "must match a schema in anyOf"; keep the first.
 */
function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  const real = errors.filter((e) => !(e.keyword === 'type' && e.params.type === 'null'));
  const kept = real.filter(
    (e) =>
      e.keyword !== 'anyOf' ||
      !real.some((o) => o !== e && o.keyword !== 'anyOf' && (o.instancePath === e.instancePath || o.instancePath.startsWith(e.instancePath + '/'))),
  );
  // "must be integer" says it all; "must be a valid int32" on the same value is noise.
  const typed = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  return kept.filter((e) => {
    if (e.keyword === 'format' && typed.has(e.instancePath)) return false;
    const id = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function describe(err: ErrorObject): string {
  const got = ` (got ${show(err.data)})`;
  switch (err.keyword) {
    case 'type': {
      const types = String(err.params.type).split(',').filter((t) => t !== 'null');
      return `must be ${types.join(' or ')}${got}`;
    }
    case 'enum': {
      const values = (err.params.allowedValues as unknown[]).filter((v) => v !== null);
      const shown = values.slice(0, 12).map((v) => JSON.stringify(v)).join(', ');
      return `must be one of ${shown}${values.length > 12 ? ', …' : ''}${got}`;
    }
    case 'format':
      return `must be a valid ${String(err.params.format)}${got}`;
    case 'pattern':
      return `must match ${String(err.params.pattern)}${got}`;
    default:
      return `${err.message ?? 'is invalid'}${got}`;
  }
}

/** A value in a message: scalars as JSON (cut short), lists and maps by what they are. */
export function show(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '…"' : s;
}
