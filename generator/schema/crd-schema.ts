/**
 * A CRD's `openAPIV3Schema` as a strict JSON Schema for ajv, read the way the API server reads a
 * structural schema: an object node's fields are the ones it lists, unless it says
 * `x-kubernetes-preserve-unknown-fields: true` or gives `additionalProperties` (the API server
 * would prune the others; here they are errors, so a misspelt key is found before the sync).
 */
import { isPlainObject } from '../core/merge.js';
import { CHECKED_FORMATS } from './strict-ajv.js';

export type JsonSchema = Record<string, unknown>;


/**
 * The schema a CRD gives `version`; `undefined` schema when it gives none (nothing is checked then).
 * `keepsUnknown`: the legacy `spec.preserveUnknownFields: true`, under which nothing is pruned.
 */
export type VersionSchema = { served: true; schema?: JsonSchema; keepsUnknown?: true } | { served: false };

/** Per version (apiextensions.k8s.io/v1), else the CRD-wide `validation` of v1beta1 CRDs. */
export function crdVersionSchema(crd: JsonSchema, version: string): VersionSchema {
  const spec = isPlainObject(crd['spec']) ? crd['spec'] : {};
  const wide = openApiOf(spec['validation']);
  const keeps = spec['preserveUnknownFields'] === true ? { keepsUnknown: true as const } : {};
  if (Array.isArray(spec['versions'])) {
    const v = spec['versions'].find((x) => isPlainObject(x) && x['name'] === version && x['served'] !== false);
    if (!isPlainObject(v)) return { served: false };
    const own = openApiOf(v['schema']) ?? wide;
    return own ? { served: true, schema: own, ...keeps } : { served: true };
  }
  if (spec['version'] !== version) return { served: false };
  return wide ? { served: true, schema: wide, ...keeps } : { served: true };
}

function openApiOf(v: unknown): JsonSchema | undefined {
  return isPlainObject(v) && isPlainObject(v['openAPIV3Schema']) ? v['openAPIV3Schema'] : undefined;
}

/**
 * The whole object's schema: the CRD's, plus exact `apiVersion` and `kind`, and `metadata` checked
 * by `metadata` (the API server checks it as ObjectMeta whatever the CRD says).
 */
export function strictCrdSchema(openApi: JsonSchema, apiVersion: string, kind: string, metadata: JsonSchema, keepsUnknown = false): JsonSchema {
  const root = strictNode(openApi, false, !keepsUnknown);
  const properties = {
    ...(isPlainObject(root['properties']) ? root['properties'] : {}),
    apiVersion: { type: 'string', enum: [apiVersion] },
    kind: { type: 'string', enum: [kind] },
    metadata,
  };
  const required = [...new Set([...(Array.isArray(root['required']) ? (root['required'] as string[]) : []), 'apiVersion', 'kind'])];
  const out: JsonSchema = { ...root, type: 'object', properties, required };
  if (!keepsUnknown && openApi['x-kubernetes-preserve-unknown-fields'] !== true && out['additionalProperties'] === undefined) out['additionalProperties'] = false;
  return out;
}

/** Validation keywords of a structural schema that ajv checks; everything else (annotations, CEL rules, defaults) checks nothing here. */
const KEPT = new Set([
  'type', 'enum', 'required', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems',
  'multipleOf', 'minProperties', 'maxProperties', 'pattern', 'format', 'properties', 'items', 'additionalProperties',
  'allOf', 'anyOf', 'oneOf', 'not',
]);

/**
 * One node. `junctor`: the node is a branch of allOf/anyOf/oneOf/not, which in a structural schema
 * only adds value checks to fields the node beside it lists, so it is never closed itself.
 * `close`: false when the CRD keeps unknown fields everywhere.
 */
function strictNode(node: unknown, junctor: boolean, close: boolean): JsonSchema {
  if (!isPlainObject(node)) return {};
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT.has(key)) continue;
    if (key === 'properties' && isPlainObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strictNode(v, false, close)]));
    else if (key === 'items') out[key] = Array.isArray(value) ? value.map((v) => strictNode(v, false, close)) : strictNode(value, false, close);
    else if (key === 'additionalProperties') out[key] = typeof value === 'boolean' ? value : strictNode(value, false, close);
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      if (Array.isArray(value)) out[key] = value.map((v) => strictNode(v, true, close));
    } else if (key === 'not') out[key] = strictNode(value, true, close);
    else if (key === 'format') {
      if (typeof value === 'string' && CHECKED_FORMATS.has(value)) out[key] = value;
    } else if (key === 'pattern') {
      if (typeof value === 'string' && compiles(value)) out[key] = value;
    } else out[key] = value;
  }
  // Draft 4's boolean exclusive bounds, as draft-07 numbers.
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (node[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    }
  }
  if (node['x-kubernetes-int-or-string'] === true && out['type'] === undefined) out['type'] = ['integer', 'string'];
  if (node['nullable'] === true) {
    if (out['type'] !== undefined) out['type'] = [...new Set([...(Array.isArray(out['type']) ? (out['type'] as string[]) : [out['type'] as string]), 'null'])];
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  }
  const isObject = out['type'] === 'object' || out['properties'] !== undefined;
  if (close && !junctor && isObject && out['additionalProperties'] === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    if (node['x-kubernetes-embedded-resource'] === true) {
      // An embedded object (a pod template's owner, a raw manifest) always has these beside its own fields.
      out['properties'] = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(isPlainObject(out['properties']) ? out['properties'] : {}) };
    }
    out['additionalProperties'] = false;
  }
  return out;
}

/** CRD patterns are RE2; the few that JavaScript cannot read (`(?i)`, `\z`) check nothing rather than fail the CRD. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
