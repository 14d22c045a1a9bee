/**
 * The strict schemas of built-in kinds, read from a folder in kubeconform's catalog layout
 * (`schemas/k8s/` ships with the generator): each kind's validator is the build's precompiled one
 * when it was compiled from exactly that schema file (core/precompiled-validators.ts), else
 * compiled once on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { kubernetesFormats } from '../core/ajv-setup.js';
import { PRECOMPILED_DIR, precompiledValidator } from '../core/precompiled-validators.js';
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
  /** Created on the first schema that has no precompiled validator. */
  private ajv: Ajv | undefined;
  /** apiVersion/kind -> compiled validator, null when no schema file exists, or why it cannot be used. */
  private readonly validators = new Map<string, ValidateFunction | null | BadSchema>();
  /** Schema file -> its validator (kinds that differ only in case share a file), and how it came to be. */
  private readonly byFile = new Map<string, ValidateFunction | BadSchema>();
  private readonly origin = new Map<string, 'precompiled' | 'run time'>();

  /** `precompiled`: the folder of the build's validators (default dist/validators); false compiles every schema at run time. */
  constructor(
    readonly schemaDir: string,
    private readonly precompiled: string | false = PRECOMPILED_DIR,
  ) {}

  /** The compiled schema of a kind, null when the folder has none, or why it cannot be used. */
  lookup(apiVersion: string, kind: string): ValidateFunction | null | BadSchema {
    const key = `${apiVersion}/${kind}`;
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    let validate: ValidateFunction | null | BadSchema = null;
    if (API_VERSION_RE.test(apiVersion) && KIND_RE.test(kind)) {
      const rel = schemaPath(apiVersion, kind);
      const file = path.join(this.schemaDir, ...rel.split('/'));
      if (fs.existsSync(file)) validate = this.byFile.get(rel) ?? this.compile(file, rel);
    }
    this.validators.set(key, validate);
    return validate;
  }

  /** How the validator of a kind came to be, once it was needed: loaded from the build, or compiled here. */
  compiledBy(apiVersion: string, kind: string): 'precompiled' | 'run time' | undefined {
    return this.origin.get(schemaPath(apiVersion, kind));
  }

  /** One object (with string `apiVersion` and `kind`) against the schema of its kind. */
  check(obj: Record<string, unknown>): CheckOutcome {
    const found = this.lookup(String(obj['apiVersion']), String(obj['kind']));
    if (found === null) return { status: 'no-schema' };
    if ('problem' in found) return { status: 'bad-schema', problem: found.problem };
    return { status: 'checked', problems: found(obj) ? [] : explainErrors(found.errors ?? []) };
  }

  /** A schema file that is not JSON, or that ajv cannot compile, is a finding, never a crash. */
  private compile(file: string, rel: string): ValidateFunction | BadSchema {
    const result = this.compileFile(file, rel);
    this.byFile.set(rel, result);
    return result;
  }

  private compileFile(file: string, rel: string): ValidateFunction | BadSchema {
    let text: string;
    let schema: unknown;
    try {
      text = fs.readFileSync(file, 'utf8');
      schema = JSON.parse(text);
    } catch (e) {
      return { problem: `schema ${rel} is not valid JSON (${firstLineOf(e)})` };
    }
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return { problem: `schema ${rel} is not a JSON object` };
    const ready = precompiledValidator(this.precompiled, 'k8s', rel, text, kubernetesFormats());
    if (ready) {
      this.origin.set(rel, 'precompiled');
      return ready;
    }
    this.origin.set(rel, 'run time');
    const ajv = (this.ajv ??= strictAjv());
    // Keyed by the file's path, as the build compiles it (schemas-build/validators.ts).
    try {
      ajv.addSchema(withoutAnnotations(schema) as object, rel);
      const validate = ajv.getSchema(rel);
      if (!validate) return { problem: `schema ${rel} did not compile` };
      return validate;
    } catch (e) {
      ajv.removeSchema(rel);
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
