/**
 * A copy of a JSON Schema without its annotation keywords, so ajv's strict mode compiles schemas
 * from elsewhere (CRD catalogs, kubeconform's test schemas) that carry them: every `x-*` key
 * (`x-kubernetes-*`, vendor extensions) and the OpenAPI annotations `example`, `examples`,
 * `nullable`, `externalDocs`, `discriminator`, `xml`, `deprecated`, `readOnly`, `writeOnly`,
 * `$comment`. They check nothing here, as in kubeconform. Only keys at schema positions are
 * dropped: a property *named* `x-note` or `example` is data of `properties` and stays.
 */
const ANNOTATIONS = new Set(['example', 'examples', 'nullable', 'externalDocs', 'discriminator', 'xml', 'deprecated', 'readOnly', 'writeOnly', '$comment']);
/** Keywords whose value is a schema, a list of schemas, or a map of names to schemas. */
const ONE = new Set(['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties']);
const LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
const MAP = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies']);

export function withoutAnnotations(schema: unknown, depth = 0): unknown {
  // Deeper than any real schema: left as it is (ajv then reports what it makes of it).
  if (depth > 200 || schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key.startsWith('x-') || ANNOTATIONS.has(key)) continue;
    if (LIST.has(key) && Array.isArray(value)) out[key] = value.map((s) => withoutAnnotations(s, depth + 1));
    else if (ONE.has(key)) out[key] = withoutAnnotations(value, depth + 1);
    else if (MAP.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, s]) => [k, withoutAnnotations(s, depth + 1)]));
    } else out[key] = value;
  }
  return out;
}
