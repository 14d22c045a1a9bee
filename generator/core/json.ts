import { isPlainObject } from './merge.js';

/** A JSON value, as generic tree algorithms (template fitting) walk it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A deep copy of plain data as `Json`, checked on the way: typed objects (interfaces have no index
 * signature, so TypeScript cannot see them as `Json`) go in without a cast. Keys whose value is
 * `undefined` are dropped, as the serializer drops them; anything else JSON cannot hold throws.
 */
export function toJson(value: unknown, where = '$'): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where}: ${value} is not a JSON number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => toJson(v, `${where}[${i}]`));
  if (isPlainObject(value)) {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v, `${where}.${k}`);
    return out;
  }
  throw new Error(`${where}: a ${typeof value} is not JSON`);
}
