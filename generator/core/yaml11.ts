import * as jsyaml from 'js-yaml';

/**
 * A js-yaml schema that reads scalars as YAML 1.1 does (go-yaml, so Helm, kubectl, the API server
 * and kubeconform): yes/no/on/off booleans, 0755 octals, 1:30 sexagesimals, and timestamps kept as
 * strings as Kubernetes does. js-yaml builds plain objects several times faster than the `yaml`
 * package builds a positioned tree, so the validator reads files with it and asks `yaml` for
 * positions only when a document has an error.
 */
const BOOL_TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL_FALSE = /^(?:n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/;

const bool11 = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string) => BOOL_TRUE.test(data) || BOOL_FALSE.test(data),
  construct: (data: string) => BOOL_TRUE.test(data),
  predicate: (o: unknown) => typeof o === 'boolean',
});

const INT = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

const int11 = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string) => INT.test(data),
  construct: (data: string) => {
    let s = data.replace(/_/g, '');
    let sign = 1;
    if (s[0] === '-' || s[0] === '+') {
      if (s[0] === '-') sign = -1;
      s = s.slice(1);
    }
    if (s.startsWith('0b')) return sign * parseInt(s.slice(2), 2);
    if (s.startsWith('0x')) return sign * parseInt(s.slice(2), 16);
    if (s.includes(':')) return sign * s.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
    if (s.length > 1 && s.startsWith('0')) return sign * parseInt(s, 8);
    return sign * Number(s);
  },
  predicate: (o: unknown) => typeof o === 'number' && Number.isInteger(o),
});

// As go-yaml (strconv.ParseFloat) reads plain numbers: `1e5` and `08` are floats, `e5` is a string.
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

const float11 = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string) => FLOAT.test(data),
  construct: (data: string) => {
    const s = data.replace(/_/g, '');
    if (/\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
    if (s.includes(':')) {
      const sign = s.startsWith('-') ? -1 : 1;
      return sign * s.replace(/^[-+]/, '').split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
    }
    return Number(s);
  },
  predicate: (o: unknown) => typeof o === 'number' && !Number.isInteger(o),
});

// js-yaml exports its built-in types at runtime; the type declarations do not list them.
const builtin = (jsyaml as unknown as { types: Record<'null' | 'merge', jsyaml.Type> }).types;

/** null/~/empty, YAML 1.1 bool/int/float, merge keys; no timestamps (they stay strings). */
export const YAML11_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [builtin.null, bool11, int11, float11, builtin.merge] });

/** Every document of a multi-document text, read fast; throws on any YAML error (then use `yaml`). */
export function loadAllFast(text: string): unknown[] {
  return jsyaml.loadAll(text, undefined, { schema: YAML11_SCHEMA, json: false });
}
