/**
 * The strict schemas of built-in kinds, read from a folder in kubeconform's catalog layout
 * (`schemas/k8s/` ships with the generator), compiled once per kind on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { K8S_SCHEMA_DIR } from '../model/package.js';
import { withoutAnnotations } from './annotations.js';
import { explainErrors, type SchemaProblem } from './errors.js';
import { strictAjv } from './strict-ajv.js';

const API_VERSION_RE = /^(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const KIND_RE = /^[A-Za-z][A-Za-z0-9]*$/;

/** A schema file that cannot be used: why. */
export interface BadSchema {
  problem: string;
}

/** What checking one object found: its problems (none: valid), no schema for its kind, or a broken schema. */
export type CheckOutcome = { status: 'checked'; problems: SchemaProblem[] } | { status: 'no-schema' } | { status: 'bad-schema'; problem: string };

export class KindSchemas {
  private readonly ajv: Ajv;
  /** apiVersion/kind -> compiled validator, null when no schema file exists, or why it cannot be used. */
  private readonly validators = new Map<string, ValidateFunction | null | BadSchema>();

  constructor(readonly schemaDir: string) {
    this.ajv = strictAjv();
  }

  /** The compiled schema of a kind, null when the folder has none, or why it cannot be used. */
  lookup(apiVersion: string, kind: string): ValidateFunction | null | BadSchema {
    const key = `${apiVersion}/${kind}`;
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    let validate: ValidateFunction | null | BadSchema = null;
    if (API_VERSION_RE.test(apiVersion) && KIND_RE.test(kind)) {
      const rel = schemaPath(apiVersion, kind);
      const file = path.join(this.schemaDir, ...rel.split('/'));
      if (fs.existsSync(file)) validate = this.compile(file, rel, key);
    }
    this.validators.set(key, validate);
    return validate;
  }

  /** One object (with string `apiVersion` and `kind`) against the schema of its kind. */
  check(obj: Record<string, unknown>): CheckOutcome {
    const found = this.lookup(String(obj['apiVersion']), String(obj['kind']));
    if (found === null) return { status: 'no-schema' };
    if ('problem' in found) return { status: 'bad-schema', problem: found.problem };
    return { status: 'checked', problems: found(obj) ? [] : explainErrors(found.errors ?? []) };
  }

  /** A schema file that is not JSON, or that ajv cannot compile, is a finding, never a crash. */
  private compile(file: string, rel: string, key: string): ValidateFunction | BadSchema {
    let schema: unknown;
    try {
      schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      return { problem: `schema ${rel} is not valid JSON (${firstLineOf(e)})` };
    }
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return { problem: `schema ${rel} is not a JSON object` };
    try {
      this.ajv.addSchema(withoutAnnotations(schema) as object, key);
      const validate = this.ajv.getSchema(key);
      if (!validate) return { problem: `schema ${rel} did not compile` };
      return validate;
    } catch (e) {
      this.ajv.removeSchema(key);
      return { problem: `schema ${rel} does not compile: ${firstLineOf(e)}` };
    }
  }
}

let shipped: KindSchemas | undefined;

/** The schemas shipped in `schemas/k8s/`, one compiled set per process (the tree and rendered charts share it). */
export function shippedSchemas(): KindSchemas {
  return (shipped ??= new KindSchemas(K8S_SCHEMA_DIR));
}

/**
 * kubeconform's catalog template `{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`: Group is
 * the text before the first `/` (so `v1` for core objects), the kind is lower-cased.
 */
export function schemaPath(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? apiVersion : apiVersion.slice(0, slash);
  return `${group}/${kind.toLowerCase()}_${apiVersion.slice(apiVersion.lastIndexOf('/') + 1)}.json`;
}

export function firstLineOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const i = m.indexOf('\n');
  return (i < 0 ? m : m.slice(0, i)).slice(0, 300);
}
