/**
 * What a chart's values.schema.json says about the keys of its values: which keys it declares
 * (`properties`, `patternProperties`) and which maps it leaves open (`additionalProperties: true`
 * or a schema). A key the schema declares is a key of the chart even without a default in
 * values.yaml (a required `host`, say). Whether the values pass the schema is Helm's call: it
 * validates them before rendering, and a chart it refuses is not rendered (`rendered/helm-failed`,
 * at each key).
 */
import { isPlainObject } from '../core/merge.js';
import { decodePointer } from '../model/source.js';

type Node = Record<string, unknown>;

/** A chart's (or subchart's) schema, and where its values sit in the values Helm was given. */
export interface PlacedSchema {
  prefix: readonly string[];
  schema: unknown;
}

export type KeyVerdict = 'declared' | 'open' | undefined;

/** Whether the schemas declare `key` in the map at `path`, or leave that map open to any key. */
export function schemaVerdict(schemas: readonly PlacedSchema[], path: readonly string[], key: string): KeyVerdict {
  let verdict: KeyVerdict;
  for (const node of nodesAt(schemas, path)) {
    if (isPlainObject(node['properties']) && Object.hasOwn(node['properties'], key)) return 'declared';
    if (patternsOf(node).some((re) => re.test(key))) return 'declared';
    if (isOpen(node)) verdict = 'open';
  }
  return verdict;
}

/** The map at `path` takes any key (its schema says so explicitly). */
export function schemaOpenAt(schemas: readonly PlacedSchema[], path: readonly string[]): boolean {
  return nodesAt(schemas, path).some(isOpen);
}

/** Keys the schemas declare for the map at `path`, for suggestions. */
export function schemaKeys(schemas: readonly PlacedSchema[], path: readonly string[]): string[] {
  return nodesAt(schemas, path).flatMap((n) => (isPlainObject(n['properties']) ? Object.keys(n['properties']) : []));
}

function nodesAt(schemas: readonly PlacedSchema[], path: readonly string[]): Node[] {
  const out: Node[] = [];
  for (const s of schemas) {
    if (s.prefix.length > path.length || s.prefix.some((k, i) => path[i] !== k)) continue;
    let nodes = expand(s.schema, s.schema);
    for (const key of path.slice(s.prefix.length)) {
      // One `seen` per step: a node reached twice (a recursive schema) is looked at once.
      const seen = new Set<Node>();
      nodes = nodes.flatMap((n) => expand(childOf(n, key), s.schema, seen));
    }
    out.push(...nodes);
  }
  return out;
}

function childOf(node: Node, key: string): unknown {
  if (isPlainObject(node['properties']) && Object.hasOwn(node['properties'], key)) return node['properties'][key];
  const patterns = isPlainObject(node['patternProperties']) ? node['patternProperties'] : {};
  for (const [p, sub] of Object.entries(patterns)) if (regex(p)?.test(key)) return sub;
  return isPlainObject(node['additionalProperties']) ? node['additionalProperties'] : undefined;
}

/** A node with its local `$ref` target and its `allOf` / `anyOf` / `oneOf` branches, flattened, each once. */
function expand(node: unknown, root: unknown, seen = new Set<Node>()): Node[] {
  if (!isPlainObject(node) || seen.has(node)) return [];
  seen.add(node);
  const out: Node[] = [node];
  const ref = node['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#')) out.push(...expand(resolve(root, ref.slice(1)), root, seen));
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[k];
    if (Array.isArray(list)) for (const sub of list) out.push(...expand(sub, root, seen));
  }
  return out;
}

function resolve(root: unknown, pointer: string): unknown {
  let v = root;
  for (const seg of decodePointer(pointer)) v = isPlainObject(v) ? v[seg] : undefined;
  return v;
}

function isOpen(node: Node): boolean {
  const extra = node['additionalProperties'];
  return extra === true || isPlainObject(extra);
}

function patternsOf(node: Node): RegExp[] {
  const patterns = isPlainObject(node['patternProperties']) ? Object.keys(node['patternProperties']) : [];
  return patterns.map(regex).filter((r): r is RegExp => r !== undefined);
}

/** JSON Schema patterns are ECMA 262 regular expressions; one that does not compile matches nothing. */
function regex(p: string): RegExp | undefined {
  try {
    return new RegExp(p, 'u');
  } catch {
    return undefined;
  }
}
