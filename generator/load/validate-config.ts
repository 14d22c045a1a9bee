import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { AppFile, ClusterFile } from '../model/config-input.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { closest } from '../core/suggest.js';
import { positionOf } from '../core/yaml-source.js';
import { escapePointerSegment, type SourceDocument } from '../model/source.js';
import { CONFIG_SCHEMA_DIR } from '../model/package.js';

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

/** The schema of `name`, compiled on first use. */
function lazyValidator<T>(name: ConfigSchemaName): () => Compiled<T> {
  let entry: Compiled<T> | undefined;
  return () => {
    if (!entry) {
      ajv ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
      const schema = JSON.parse(readFileSync(path.join(CONFIG_SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as object;
      entry = { validate: ajv.compile<T>(schema), schema };
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
      const values = ((err.parentSchema as { enum?: unknown[] } | undefined)?.enum ?? []).map((v) => JSON.stringify(v));
      return { ...base, code: 'config/invalid-value', ...positionOf(src, pointer), pointer, message: `invalid value: expected one of ${values.join(', ')}` };
    }
    case 'type': {
      const want = (err.params as { type: string }).type;
      const got = err.data;
      const shown = got === null ? 'null' : Array.isArray(got) ? 'a list' : typeof got === 'object' ? 'a map' : `${typeof got} ${JSON.stringify(got)}`;
      return {
        ...base,
        code: 'config/wrong-type',
        ...positionOf(src, pointer),
        pointer,
        message: `must be ${article(want)}, but YAML read ${shown}`,
        ...(want === 'string' && (typeof got === 'number' || typeof got === 'boolean') ? { hint: `quote it to keep it a string: "${String(got)}"` } : {}),
      };
    }
    case 'pattern': {
      const d = (err.parentSchema as { description?: string } | undefined)?.description;
      return {
        ...base,
        code: 'config/invalid-value',
        ...positionOf(src, pointer),
        pointer,
        message: `invalid value: ${d ?? `must match ${(err.params as { pattern: string }).pattern}`}`,
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

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
