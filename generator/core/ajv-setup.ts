/**
 * The one place the two JSON Schema validators are configured: the strict Kubernetes schemas
 * (`schemas/k8s`) and the config schemas (`schemas/config`). The build compiles every shipped
 * schema ahead of time with these same settings (`schemas-build/validators.ts`, ajv standalone
 * code in `dist/validators/`); a process compiles at run time only what it has no precompiled
 * validator for. ajv itself is loaded on that first run-time compile, not before: most runs never
 * need it.
 */
import { createRequire } from 'node:module';
import type { Ajv, Format, Options } from 'ajv';
import type { FormatName } from 'ajv-formats/dist/formats.js';

const require = createRequire(import.meta.url);

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

/** ajv-formats' own, by name: the JSON Schema ones and OpenAPI's (byte = base64). */
const LIBRARY_FORMATS: FormatName[] = ['date-time', 'date', 'time', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid', 'int32', 'int64', 'float', 'double', 'byte'];

let k8sFormats: Record<string, Format> | undefined;

/**
 * Every format the Kubernetes schemas name, as ajv checks it; precompiled validators are handed
 * this same object, so both ways check a format with the same function.
 */
export function kubernetesFormats(): Record<string, Format> {
  if (k8sFormats) return k8sFormats;
  const { fullFormats } = require('ajv-formats/dist/formats.js') as typeof import('ajv-formats/dist/formats.js');
  k8sFormats = {
    ...Object.fromEntries(LIBRARY_FORMATS.map((name) => [name, fullFormats[name]])),
    'int-or-string': true,
    duration: { type: 'string', validate: (s: string) => GO_DURATION.test(s) || ISO_DURATION.test(s) },
  };
  return k8sFormats;
}

/** Extra ajv options for a build that emits standalone code (`code: { source, formats }`). */
export type CodeOptions = Pick<Options, 'code'>;

function newAjv(options: Options): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  return new AjvClass(options);
}

/** The validator of the strict Kubernetes schemas. */
export function kubernetesAjv(code: CodeOptions = {}): Ajv {
  const ajv = newAjv({
    allErrors: true,
    strict: true,
    strictTypes: false, // union types and nullable wrappers are intended
    strictRequired: false, // `anyOf: [{required: [a]}, {required: [b]}]` names properties defined beside it (CRDs do this)
    strictTuples: false,
    allowUnionTypes: true,
    validateSchema: false,
    verbose: true, // errors carry parentSchema (for "did you mean") and data (for "got ...")
    unicodeRegExp: false, // CRD patterns are RE2 syntax, which the `u` flag rejects in places
    // Compiling is most of the cost of a schema compiled at run time (each kind once per process,
    // then a few objects of it); unoptimised code compiles in about half the time and checks the same.
    code: { optimize: false, ...code.code },
  });
  for (const [name, format] of Object.entries(kubernetesFormats())) ajv.addFormat(name, format);
  // Annotations are stripped before compiling (schema/annotations.ts); these stay
  // registered for schemas compiled elsewhere with this instance.
  for (const keyword of KUBERNETES_KEYWORDS) ajv.addKeyword({ keyword });
  return ajv;
}

/** The validator of cluster.yaml and apps/*.yaml (schemas/config). */
export function configAjv(code: CodeOptions = {}): Ajv {
  return newAjv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, ...code });
}
