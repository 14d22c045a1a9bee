import { encodePointer } from '../model/source.js';
import type { JsonSchema } from './from-types.js';

/**
 * TypeScript types cannot say "integer", "int32", "date-time" or "must match ^[a-z]+$", but the
 * same npm packages ship a compiled validator for each model (`new Kind(obj).validate()`), built
 * from the upstream OpenAPI/CRD definitions. Probing that validator with one bad value at a time
 * and reading which keyword it complains about recovers those constraints without depending on how
 * the validator is written.
 */

export interface AjvLikeError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Validates a whole object and returns its errors (empty when valid). */
export type Oracle = (obj: Record<string, unknown>) => AjvLikeError[];

type Segment = string | number;

export interface ProbeStats {
  probes: number;
  integer: number;
  format: Record<string, number>;
  pattern: number;
  bounds: number;
}

const NUMBER_PROBES = [1.5, 2 ** 40, -(2 ** 40)];
// A control character fails every string format and nearly every pattern; "" and a long
// string find length bounds.
const STRING_PROBES = ['\u0001', '', 'x'.repeat(70_000)];

export function enrichFromOracle(
  root: JsonSchema,
  definitions: Record<string, JsonSchema>,
  oracle: Oracle,
  typeMeta: Record<string, unknown>,
): ProbeStats {
  const stats: ProbeStats = { probes: 0, integer: 0, format: {}, pattern: 0, bounds: 0 };
  const visited = new Set<string>();

  const errorsAt = (path: Segment[], value: unknown): AjvLikeError[] => {
    stats.probes++;
    let v: unknown = value;
    for (let i = path.length - 1; i >= 0; i--) {
      const seg = path[i]!;
      v = typeof seg === 'number' ? [v] : { [seg]: v };
    }
    const obj = { ...(v as Record<string, unknown>), ...typeMeta };
    const pointer = encodePointer(path);
    return oracle(obj).filter((e) => e.instancePath === pointer);
  };

  const visit = (node: JsonSchema, path: Segment[]): void => {
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/definitions/', '');
      if (visited.has(name)) return;
      visited.add(name);
      const def = definitions[name];
      if (def) visit(def, path);
      return;
    }
    if (path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind')) return;
    const type = node.type;
    if (type === 'number') probeNumber(node, path);
    else if (type === 'string' && node.enum === undefined && node.const === undefined) probeString(node, path);
    else if (type === 'array') {
      const errs = errorsAt(path, []);
      for (const e of errs) if (e.keyword === 'minItems') node.minItems = e.params.limit;
      if (node.items && typeof node.items === 'object') visit(node.items as JsonSchema, [...path, 0]);
    } else if (type === 'object') {
      const props = (node.properties ?? {}) as Record<string, JsonSchema>;
      for (const key of Object.keys(props).sort()) visit(props[key]!, [...path, key]);
      const extra = node.additionalProperties;
      if (extra && typeof extra === 'object') visit(extra as JsonSchema, [...path, 'probe-key']);
    }
  };

  const probeNumber = (node: JsonSchema, path: Segment[]): void => {
    for (const value of NUMBER_PROBES) {
      for (const e of errorsAt(path, value)) {
        if (e.keyword === 'type' && e.params.type === 'integer' && node.type !== 'integer') {
          node.type = 'integer';
          stats.integer++;
        } else if (e.keyword === 'format') setFormat(node, String(e.params.format));
        else if (e.keyword === 'minimum' || e.keyword === 'maximum' || e.keyword === 'exclusiveMinimum' || e.keyword === 'exclusiveMaximum')
          setBound(node, e);
      }
    }
  };

  const probeString = (node: JsonSchema, path: Segment[]): void => {
    for (const value of STRING_PROBES) {
      for (const e of errorsAt(path, value)) {
        if (e.keyword === 'format') setFormat(node, String(e.params.format));
        else if (e.keyword === 'pattern' && node.pattern === undefined) {
          node.pattern = String(e.params.pattern);
          stats.pattern++;
        } else if (e.keyword === 'minLength' || e.keyword === 'maxLength') {
          node[e.keyword] = e.params.limit;
          stats.bounds++;
        }
      }
    }
  };

  const setFormat = (node: JsonSchema, format: string): void => {
    if (node.format === undefined) stats.format[format] = (stats.format[format] ?? 0) + 1;
    node.format = format;
  };

  // Draft-4 and draft-07 disagree on exclusive bounds (boolean vs number); express them inclusively.
  const setBound = (node: JsonSchema, e: AjvLikeError): void => {
    const limit = Number(e.params.limit);
    const exclusive = e.params.comparison === '>' || e.params.comparison === '<' || e.keyword.startsWith('exclusive');
    const lower = e.keyword === 'minimum' || e.keyword === 'exclusiveMinimum';
    if (exclusive && node.type !== 'integer') return;
    const bound = exclusive ? (lower ? limit + 1 : limit - 1) : limit;
    node[lower ? 'minimum' : 'maximum'] = bound;
    stats.bounds++;
  };

  visit(root, []);
  return stats;
}
