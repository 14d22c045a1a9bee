import { Ajv } from 'ajv';
import _addFormats, { type FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats: FormatsPlugin =
  (_addFormats as unknown as { default?: FormatsPlugin }).default ?? (_addFormats as unknown as FormatsPlugin);

/** Annotation keywords of Kubernetes OpenAPI; they carry no check here, as in kubeconform. */
const KUBERNETES_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-group-version-kind',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-patch-merge-key',
];

// Go durations (`5m0s`, `1h30m`) or ISO 8601 (`PT1H`), the two forms kubeconform accepts.
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^0$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** The string formats this ajv checks; any other `format` of a schema from elsewhere checks nothing. */
export const CHECKED_FORMATS: ReadonlySet<string> = new Set([
  'date-time', 'date', 'time', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid',
  'int32', 'int64', 'float', 'double', 'byte', 'int-or-string', 'duration',
]);

/**
 * The one ajv setup every strict check of Kubernetes objects uses (the shipped schemas and CRD
 * schemas alike): strict about schemas and unknown keywords, every error collected, with the
 * parent schema and data on each error for the messages.
 */
export function strictAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictTypes: false, // union types and nullable wrappers are intended
    strictRequired: false, // `anyOf: [{required: [a]}, {required: [b]}]` names properties defined beside it (CRDs do this)
    strictTuples: false,
    allowUnionTypes: true,
    validateSchema: false,
    verbose: true, // errors carry parentSchema (for "did you mean") and data (for "got ...")
    unicodeRegExp: false, // CRD patterns are RE2 syntax, which the `u` flag rejects in places
    // Compiling is most of the cost (a process compiles each kind once, and validates a few objects
    // of it); unoptimised code compiles in about half the time and checks the same.
    code: { optimize: false },
  });
  addFormats(ajv, ['date-time', 'date', 'time', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
  addFormats(ajv, ['int32', 'int64', 'float', 'double', 'byte']); // OpenAPI's; byte = base64
  ajv.addFormat('int-or-string', true);
  ajv.addFormat('duration', { type: 'string', validate: (s: string) => GO_DURATION.test(s) || ISO_DURATION.test(s) });
  // Annotations are stripped before compiling (annotations.ts); these stay registered for schemas
  // compiled elsewhere with this instance.
  for (const keyword of KUBERNETES_KEYWORDS) ajv.addKeyword({ keyword });
  return ajv;
}
