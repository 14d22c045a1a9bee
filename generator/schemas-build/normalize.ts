import type { JsonSchema } from './from-types.js';

const JSON_SCHEMA_PROPS = '#/definitions/kubernetes-models.apiextensions.k8s.io.v1.JSONSchemaProps';

const FREE_OBJECT: JsonSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** apimachinery's resource.Quantity grammar: signed decimal, then a binary/decimal SI suffix or an exponent. */
export const QUANTITY_PATTERN =
  '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)))?$';

/**
 * Definitions whose TypeScript type says less (or something else) than Kubernetes means.
 * Keys are the qualified definition names produced by from-types.ts.
 */
export const OVERRIDES: Record<string, JsonSchema> = {
  // string | number in TS; Kubernetes wants a string or a whole number.
  'apimachinery.util.intstr.IntOrString': { type: ['integer', 'string'], format: 'int-or-string', 'x-kubernetes-int-or-string': true },
  // YAML writers emit `memory: 512` as a number, so both forms are valid; strings must parse.
  'apimachinery.api.resource.Quantity': { type: ['number', 'string'], pattern: QUANTITY_PATTERN },
  // Empty interfaces in TS; each holds arbitrary JSON (Helm valuesObject, list generator elements, managedFields).
  'apimachinery.runtime.RawExtension': FREE_OBJECT,
  'apimachinery.apis.meta.v1.FieldsV1': FREE_OBJECT,
  'kubernetes-models.apiextensions.k8s.io.v1.JSON': { 'x-kubernetes-preserve-unknown-fields': true },
  // Empty interfaces in TS for the unions of a CRD's schema (Go types with custom JSON decoding).
  'kubernetes-models.apiextensions.k8s.io.v1.JSONSchemaPropsOrArray': { anyOf: [{ $ref: JSON_SCHEMA_PROPS }, { type: 'array', items: { $ref: JSON_SCHEMA_PROPS } }] },
  'kubernetes-models.apiextensions.k8s.io.v1.JSONSchemaPropsOrBool': { anyOf: [{ type: 'boolean' }, { $ref: JSON_SCHEMA_PROPS }] },
  'kubernetes-models.apiextensions.k8s.io.v1.JSONSchemaPropsOrStringArray': { anyOf: [{ type: 'array', items: { type: 'string' } }, { $ref: JSON_SCHEMA_PROPS }] },
  // `subresources.status: {}`: an empty struct, so the only valid value is an empty map.
  'kubernetes-models.apiextensions.k8s.io.v1.CustomResourceSubresourceStatus': { type: 'object', properties: {}, additionalProperties: false },
  // model/external-secrets.ts: the Go int fields and ESO's Secret key rule (no runtime model to probe).
  'local.model.external-secrets.EsoInteger': { type: 'integer', format: 'int64' },
  'local.model.external-secrets.EsoSecretKey': { type: 'string', pattern: '^[-._a-zA-Z0-9]+$', minLength: 1, maxLength: 253 },
};

export function isFreeForm(node: JsonSchema): boolean {
  return node['x-kubernetes-preserve-unknown-fields'] === true;
}

/** Split the generator output into the kind's own object schema and the definitions it uses. */
export function splitRoot(raw: JsonSchema): { root: JsonSchema; definitions: Record<string, JsonSchema> } {
  const definitions = { ...((raw.definitions ?? {}) as Record<string, JsonSchema>) };
  const ref = raw.$ref;
  if (typeof ref !== 'string') throw new Error('expected the generator to return a $ref to the kind');
  const name = ref.replace('#/definitions/', '');
  const root = definitions[name];
  if (!root) throw new Error(`missing root definition ${name}`);
  delete definitions[name];
  return { root: structuredClone(root), definitions };
}

/** Returns the names it replaced, so the build can notice an override that no longer matches. */
export function applyOverrides(definitions: Record<string, JsonSchema>): string[] {
  const used: string[] = [];
  for (const [name, schema] of Object.entries(OVERRIDES)) {
    if (!definitions[name]) continue;
    definitions[name] = structuredClone(schema);
    used.push(name);
  }
  return used;
}

/**
 * Make the schema something both ajv (draft-07) and kubeconform (draft-4, since the file has no
 * `$schema`) read the same way: `const` becomes a one-value `enum`, boolean sub-schemas become
 * objects, and any keyword draft-4 lacks is refused.
 */
export function toDraft4Compatible(node: unknown, where = '#'): unknown {
  if (Array.isArray(node)) return node.map((n, i) => toDraft4Compatible(n, `${where}/${i}`));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node as JsonSchema)) {
    if (key === 'const') {
      out.enum = [value];
      continue;
    }
    if (['propertyNames', 'contains', 'if', 'then', 'else', 'examples', '$id', '$comment', 'exclusiveMinimum', 'exclusiveMaximum'].includes(key))
      throw new Error(`${where}: keyword ${key} is not portable to draft-4`);
    if (key === '$schema') continue;
    if (key === 'properties' || key === 'definitions') {
      const map: JsonSchema = {};
      for (const [k, v] of Object.entries(value as JsonSchema)) map[k] = schemaOf(v, `${where}/${key}/${k}`);
      out[key] = map;
    } else if (key === 'items' || key === 'not') out[key] = schemaOf(value, `${where}/${key}`);
    else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf')
      out[key] = (value as unknown[]).map((v, i) => schemaOf(v, `${where}/${key}/${i}`));
    else if (key === 'additionalProperties' && typeof value !== 'boolean') out[key] = schemaOf(value, `${where}/${key}`);
    else out[key] = value;
  }
  return out;
}

function schemaOf(value: unknown, where: string): JsonSchema {
  // draft-4 has no boolean schemas outside additionalProperties.
  if (value === true) return {};
  if (value === false) return { not: {} };
  return toDraft4Compatible(value, where) as JsonSchema;
}

/** Optional fields and map values of core objects accept null, as the API server and yannh's core schemas do. */
export function makeOptionalNullable(node: JsonSchema, definitions: Record<string, JsonSchema>): void {
  const seen = new Set<JsonSchema>();
  const walk = (n: JsonSchema): void => {
    if (seen.has(n)) return;
    seen.add(n);
    const props = n.properties as Record<string, JsonSchema> | undefined;
    if (props) {
      const required = new Set((n.required as string[] | undefined) ?? []);
      for (const key of Object.keys(props)) {
        walk(props[key]!);
        const typeMeta = n === node && (key === 'apiVersion' || key === 'kind');
        if (!required.has(key) && !typeMeta) props[key] = nullable(props[key]!);
      }
    }
    if (n.items && typeof n.items === 'object') walk(n.items as JsonSchema);
    if (n.additionalProperties && typeof n.additionalProperties === 'object') {
      walk(n.additionalProperties as JsonSchema);
      // map values too (`labels: {a: null}`), as in yannh's core schemas
      n.additionalProperties = nullable(n.additionalProperties as JsonSchema);
    }
    for (const k of ['anyOf', 'oneOf', 'allOf']) for (const s of (n[k] as JsonSchema[] | undefined) ?? []) walk(s);
  };
  walk(node);
  for (const def of Object.values(definitions)) walk(def);
}

function nullable(s: JsonSchema): JsonSchema {
  if (typeof s.$ref === 'string') return { anyOf: [s, { type: 'null' }] };
  if (s.type === undefined) return s; // already accepts anything
  const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  if (types.includes('null')) return s;
  const out: JsonSchema = { ...s, type: [...types, 'null'] };
  if (Array.isArray(s.enum)) out.enum = [...(s.enum as unknown[]), null];
  return out;
}

/**
 * Every object that lists properties must refuse others (the generator already emits
 * `additionalProperties: false`; this proves it), and no free-form node may be closed.
 */
export function assertStrict(node: unknown, where: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => assertStrict(n, `${where}/${i}`, problems));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as JsonSchema;
  if (n.properties !== undefined && n.additionalProperties !== false) problems.push(`${where}: object with properties is open`);
  if (isFreeForm(n) && (n.properties !== undefined || n.additionalProperties === false)) problems.push(`${where}: free-form node is closed`);
  if (n.type === 'object' && n.properties === undefined && n.additionalProperties === false && !isFreeForm(n))
    problems.push(`${where}: object without properties refuses every key`);
  for (const [k, v] of Object.entries(n)) {
    if (k === 'enum' || k === 'required') continue;
    if (k === 'properties' || k === 'definitions') {
      for (const [pk, pv] of Object.entries(v as JsonSchema)) assertStrict(pv, `${where}/${k}/${pk}`, problems);
    } else assertStrict(v, `${where}/${k}`, problems);
  }
}

/** Only keep definitions reachable from the root, so a schema carries nothing it does not use. */
export function pruneDefinitions(root: JsonSchema, definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const keep = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n as JsonSchema)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = v.replace('#/definitions/', '');
        if (!keep.has(name)) {
          keep.add(name);
          walk(definitions[name]);
        }
      } else if (k !== 'enum') walk(v);
    }
  };
  walk(root);
  const out: Record<string, JsonSchema> = {};
  for (const name of [...keep].sort()) {
    const def = definitions[name];
    if (!def) throw new Error(`dangling $ref to ${name}`);
    out[name] = def;
  }
  return out;
}

/** Sorted keys, two-space indent, final newline: the same bytes for the same input on every run. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
