/**
 * Validators compiled ahead of time: the build writes one CommonJS module per shipped schema
 * (`dist/validators/<set>/<path>.cjs`, ajv standalone code, see schemas-build/validators.ts) so a
 * run loads a ready function instead of generating and compiling its code. Each module records the
 * sha256 of the schema file it was compiled from; a schema file that differs (edited, or a schema
 * folder of one's own) gets no precompiled validator, and the caller compiles it at run time.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { CODE_DIR } from '../model/package.js';

const require = createRequire(import.meta.url);

/** Where the build puts them: beside the compiled code (absent in a clone that runs through tsx). */
export const PRECOMPILED_DIR = path.join(CODE_DIR, 'validators');

/** The schema sets: `k8s` (schemas/k8s, kubeconform's layout) and `config` (schemas/config). */
export type SchemaSet = 'k8s' | 'config';

/** What one generated module exports. */
export interface PrecompiledModule {
  /** sha256 (hex) of the schema file's bytes. */
  sha256: string;
  /**
   * The validate function; `formats` are the format checks the schema names (kubernetesFormats()),
   * `require` loads ajv's run-time helpers (ucs2length) from the generator's dependencies.
   */
  create(formats: Record<string, unknown>, require: NodeJS.Require): ValidateFunction;
}

export function schemaDigest(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The module file for a schema at `rel` (`apps/deployment_v1.json`) inside its set. */
export function precompiledPath(dir: string, set: SchemaSet, rel: string): string {
  return path.join(dir, set, ...rel.replace(/\.json$/, '.cjs').split('/'));
}

/**
 * The precompiled validator of the schema whose file text is `text`, or undefined when there is
 * none for exactly that text (then compile it).
 */
export function precompiledValidator(dir: string | false, set: SchemaSet, rel: string, text: string, formats: Record<string, unknown> = {}): ValidateFunction | undefined {
  if (dir === false) return undefined;
  const file = precompiledPath(dir, set, rel);
  if (!existsSync(file)) return undefined;
  const mod = require(file) as PrecompiledModule;
  if (mod.sha256 !== schemaDigest(text)) return undefined;
  return mod.create(formats, require);
}
