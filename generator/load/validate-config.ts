import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { AppFile, ClusterFile } from '../model/config-input.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { closest } from '../core/suggest.js';
import { positionOf } from '../core/yaml-source.js';
import { decodePointer, escapePointerSegment, type SourceDocument } from '../model/source.js';
import { CONFIG_SCHEMA_DIR } from '../model/package.js';
import { configAjv } from '../core/ajv-setup.js';
import { PRECOMPILED_DIR, precompiledValidator } from '../core/precompiled-validators.js';
import { isScalar } from 'yaml';
import { accepts, suggestFix, type StringRule } from './value-fixes.js';

/** Each config schema and the file shape it checks (`npm run config-schemas` generates the one from the other). */
interface ConfigFiles {
  cluster: ClusterFile;
  app: AppFile;
}

export type ConfigSchemaName = keyof ConfigFiles;

/** `schemas/config/` ships with the generator, not with the operator's repo. */
export { CONFIG_SCHEMA_DIR };

interface Compiled<T> {
  validate: ValidateFunction<T>;
  schema: object;
}

let ajv: Ajv | undefined;

/** The schema of `name`: the build's precompiled validator when it matches the file, else compiled on first use. */
function lazyValidator<T>(name: ConfigSchemaName): () => Compiled<T> {
  let entry: Compiled<T> | undefined;
  return () => {
    if (!entry) {
      const file = `${name}.schema.json`;
      const text = readFileSync(path.join(CONFIG_SCHEMA_DIR, file), 'utf8');
      const schema = JSON.parse(text) as object;
      const ready = precompiledValidator(PRECOMPILED_DIR, 'config', file, text) as ValidateFunction<T> | undefined;
      entry = { validate: ready ?? (ajv ??= configAjv()).compile<T>(schema), schema };
    }
    return entry;
  };
}

const validators: { [N in ConfigSchemaName]: () => Compiled<ConfigFiles[N]> } = {
  cluster: lazyValidator('cluster'),
  app: lazyValidator('app'),
};

/**
 * Check one parsed config document against its schema. True when the value has the file's shape
 * (the schema is generated from that type); otherwise every error goes to `diags`, each with
 * file:line:col and a JSON pointer.
 */
export function isValidConfigDocument<N extends ConfigSchemaName>(name: N, src: SourceDocument, value: unknown, diags: Diagnostic[]): value is ConfigFiles[N] {
  const { validate, schema } = validators[name]();
  if (validate(value)) return true;
  diags.push(...simplify(validate.errors ?? []).map((err) => toDiagnostic(err, src, schema)));
  return false;
}

/**
 * ajv reports every failed branch of a oneOf; a user wants one message per place. Keep the oneOf
 * summary and drop the branch noise below it, and drop duplicates.
 */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const under = (p: string) => [...oneOfAt].some((o) => p === o || p.startsWith(o + '/'));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword !== 'oneOf' && under(e.instancePath)) return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toDiagnostic(err: ErrorObject, src: SourceDocument, rootSchema: object): Diagnostic {
  const base = { severity: 'error' as const, file: src.file, document: src.index };
  const pointer = err.instancePath;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closest(key, allowed);
      const pos = positionOf(src, pointer, key);
      return {
        ...base,
        code: 'config/unknown-key',
        ...pos,
        pointer: `${pointer}/${escapePointerSegment(key)}`,
        message: `unknown key '${key}'${guess ? `; did you mean '${guess}'?` : ''}`,
        hint: allowed.length ? `valid keys here: ${allowed.sort().join(', ')}` : 'no keys are allowed here',
      };
    }
    case 'required': {
      const key = String((err.params as { missingProperty: string }).missingProperty);
      return { ...base, code: 'config/missing-key', ...positionOf(src, pointer), pointer, message: `missing required key '${key}'` };
    }
    case 'oneOf': {
      const parent = err.parentSchema as { oneOf: object[]; description?: string };
      // A string where only one branch takes strings, as an enum: a typo of one of its values.
      const choices = typeof err.data === 'string' ? stringChoices(parent.oneOf, rootSchema) : undefined;
      if (choices) {
        return {
          ...base,
          code: 'config/invalid-value',
          ...positionOf(src, pointer),
          pointer,
          message: notOneOf(err.data as string, choices),
          ...(parent.description ? { hint: parent.description } : {}),
        };
      }
      const options = parent.oneOf.map((b) => describeBranch(b, rootSchema));
      return {
        ...base,
        code: 'config/invalid-value',
        ...positionOf(src, pointer),
        pointer,
        message: `invalid value: expected ${options.join(', or ')}`,
        ...(parent.description ? { hint: parent.description } : {}),
      };
    }
    case 'enum': {
      const values = (err.parentSchema as { enum?: unknown[] } | undefined)?.enum ?? [];
      const message =
        typeof err.data === 'string' && values.every((v) => typeof v === 'string')
          ? notOneOf(err.data, values as string[])
          : `invalid value ${JSON.stringify(err.data)}: expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
      return { ...base, code: 'config/invalid-value', ...positionOf(src, pointer), pointer, message };
    }
    case 'type': {
      const want = (err.params as { type: string }).type;
      const got = err.data;
      const scalar = typeof got === 'number' || typeof got === 'boolean';
      // What the operator wrote (`1.20`), not what YAML made of it (the number 1.2).
      const written = scalar ? (writtenText(src, pointer) ?? String(got)) : undefined;
      const shown = got === null ? 'null' : Array.isArray(got) ? 'a list' : typeof got === 'object' ? 'a map' : written === String(got) ? `${typeof got} ${JSON.stringify(got)}` : `'${written}' as ${typeof got} ${JSON.stringify(got)}`;
      return {
        ...base,
        code: 'config/wrong-type',
        ...positionOf(src, pointer),
        pointer,
        message: `must be ${article(want)}, but YAML read ${shown}`,
        ...(want === 'string' && written !== undefined ? { hint: quoteHint(pointer, written, err.parentSchema as StringRule & { description?: string }) } : {}),
      };
    }
    case 'pattern': {
      const rule = err.parentSchema as (StringRule & { description?: string }) | undefined;
      const d = rule?.description ?? `must match ${(err.params as { pattern: string }).pattern}`;
      const fix = typeof err.data === 'string' && rule ? suggestFix(pointer, err.data, rule) : undefined;
      return {
        ...base,
        code: 'config/invalid-value',
        ...positionOf(src, pointer),
        pointer,
        message: `invalid value '${String(err.data)}': ${d}`,
        ...(fix !== undefined ? { hint: `use ${fixWording(pointer)}: ${lastKey(pointer)}: "${fix}"` } : /\/chart\/version$/.test(pointer) ? { hint: NO_VERSION_FIX } : {}),
      };
    }
    default:
      return { ...base, code: 'config/invalid-value', ...positionOf(src, pointer), pointer, message: err.message ?? 'invalid value' };
  }
}

/** A short human description of one oneOf branch: its enum values, or its type and keys. */
function describeBranch(branch: object, root: object): string {
  let b = branch as { $ref?: string; enum?: unknown[]; type?: string; properties?: object; required?: string[] };
  if (b.$ref?.startsWith('#/definitions/')) b = (root as { definitions: Record<string, typeof b> }).definitions[b.$ref.slice(14)] ?? b;
  if (b.enum) return `one of ${b.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (b.type === 'array') return 'a list';
  if (b.type === 'object') {
    const req = b.required?.length ? ` with ${b.required.join(', ')}` : '';
    return `a map${req} (keys: ${Object.keys(b.properties ?? {}).join(', ')})`;
  }
  return b.type ?? 'another value';
}

const NO_VERSION_FIX = 'name one exact release, e.g. 1.2.3 or v1.2.3 (helm search repo <chart> --versions lists them)';

/** `'x' is not one of a, b, c; did you mean 'a'?` */
function notOneOf(value: string, choices: readonly string[]): string {
  const guess = closest(value, choices);
  return `'${value}' is not one of ${choices.join(', ')}${guess ? `; did you mean '${guess}'?` : ''}`;
}

/** The values of the one oneOf branch that accepts a string, when it is an enum of strings. */
function stringChoices(branches: object[], root: object): string[] | undefined {
  const resolved = branches.map((b) => {
    const r = b as { $ref?: string; enum?: unknown[]; type?: string | string[] };
    return r.$ref?.startsWith('#/definitions/') ? ((root as { definitions: Record<string, typeof r> }).definitions[r.$ref.slice(14)] ?? r) : r;
  });
  const takesStrings = resolved.filter((b) => b.enum !== undefined || b.type === 'string' || (Array.isArray(b.type) && b.type.includes('string')));
  const only = takesStrings.length === 1 ? takesStrings[0]! : undefined;
  return only?.enum?.every((v) => typeof v === 'string') ? (only.enum as string[]) : undefined;
}

/** The scalar's source text: `1.20` for what YAML read as the number 1.2. */
function writtenText(src: SourceDocument, pointer: string): string | undefined {
  const node = src.doc.getIn(decodePointer(pointer), true);
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

/** Quote the value as written, when that passes; else a fixed value that does; else what is needed. */
function quoteHint(pointer: string, written: string, rule: StringRule & { description?: string }): string {
  if (accepts(rule, written)) return `quote it to keep it a string: "${written}"`;
  const fix = suggestFix(pointer, written, rule);
  if (fix !== undefined) return `quote ${fixWording(pointer)}: ${lastKey(pointer)}: "${fix}"`;
  if (/\/chart\/version$/.test(pointer)) return `quote it, and ${NO_VERSION_FIX}`;
  return `quote it, as a value that is valid here${rule.description ? `: ${rule.description}` : rule.pattern ? ` (matching ${rule.pattern})` : ''}`;
}

function fixWording(pointer: string): string {
  return /\/chart\/version$/.test(pointer) ? 'the exact version (if that is the release you mean)' : 'this value';
}

function lastKey(pointer: string): string {
  return decodePointer(pointer).at(-1) ?? '';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
