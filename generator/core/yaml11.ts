import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';
import { goYamlNumber } from '../model/yaml.js';

const require = createRequire(import.meta.url);

/**
 * A js-yaml schema that reads scalars as go-yaml v2 does (sigs.k8s.io/yaml, so Helm, kubectl, the
 * API server, Argo CD and kubeconform): the YAML 1.1 words for booleans and null, go-yaml's numbers
 * (`goYamlNumber`: 0755 octal, 0x1F, 1_000; no sexagesimals, so `1:20` stays a string), and
 * timestamps kept as strings. js-yaml builds plain objects several times faster than the `yaml`
 * package builds a positioned tree, so the validator reads files with it and asks `yaml` for
 * positions only when a document has an error.
 */
const BOOL_TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL_FALSE = /^(?:n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/;

interface Loaded {
  jsyaml: typeof JsYaml;
  /** null/~/empty, YAML 1.1 booleans, go-yaml numbers, merge keys; no timestamps (they stay strings). */
  schema: JsYaml.Schema;
}

// js-yaml is loaded on first use: a run that reads no committed manifest never needs it.
let loaded: Loaded | undefined;

function jsYaml(): Loaded {
  if (loaded) return loaded;
  const jsyaml = require('js-yaml') as typeof JsYaml;
  const bool11 = new jsyaml.Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (data: string) => BOOL_TRUE.test(data) || BOOL_FALSE.test(data),
    construct: (data: string) => BOOL_TRUE.test(data),
    predicate: (o: unknown) => typeof o === 'boolean',
  });
  const number = new jsyaml.Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (data: string) => goYamlNumber(data) !== undefined,
    construct: (data: string) => goYamlNumber(data),
    predicate: (o: unknown) => typeof o === 'number',
  });
  // js-yaml exports its built-in types at runtime; the type declarations do not list them.
  const builtin = (jsyaml as unknown as { types: Record<'null' | 'merge', JsYaml.Type> }).types;
  loaded = { jsyaml, schema: jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [builtin.null, bool11, number, builtin.merge] }) };
  return loaded;
}

/** Every document of a multi-document text, read fast; throws on any YAML error (then use `yaml`). */
export function loadAllFast(text: string): unknown[] {
  const { jsyaml, schema } = jsYaml();
  return jsyaml.loadAll(text, undefined, { schema, json: false });
}

/** One document (the text of one range of `splitYamlDocuments`), read fast; throws on any YAML error. */
export function loadOneFast(text: string): unknown {
  const { jsyaml, schema } = jsYaml();
  return jsyaml.load(text, { schema, json: false });
}
