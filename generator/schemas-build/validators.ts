/**
 * Compiles every shipped schema ahead of time into ajv standalone code, one CommonJS module per
 * schema, for the package build (`npm run build` writes dist/validators/):
 *
 *   tsx generator/schemas-build/validators.ts [outDir]      (default: dist/validators)
 *
 * The code is generated at build time, not committed: it is ~10 MB, ~7x the schemas it comes from,
 * and a pure function of them and the ajv version, so the commit would only repeat schemas/ at
 * seven times the size. Each module records the sha256 of its schema file; the run time takes a
 * module only for exactly that file (core/precompiled-validators.ts) and compiles anything else
 * itself, with the same settings (core/ajv-setup.ts; only the build optimises the code). Same schemas
 * and ajv in, same bytes out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _, type Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { configAjv } from '../core/ajv-setup.js';
import { precompiledPath, schemaDigest, type SchemaSet } from '../core/precompiled-validators.js';
import { withoutAnnotations } from '../schema/annotations.js';
import { strictAjv } from '../schema/strict-ajv.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// CommonJS default export, wrapped once more under NodeNext.
type StandaloneCode = (ajv: Ajv, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ?? standaloneModule) as unknown as StandaloneCode;

/**
 * The generated code reads its format checks from `formats`, the argument of `create`. It is
 * optimised: the build can afford the compile time the run time saves by compiling unoptimised.
 */
const CODE = { code: { source: true, formats: _`formats`, optimize: true } };

/** One module's text: the digest of its schema and a factory around ajv's code. */
function moduleText(source: string, digest: string, code: string): string {
  const body = code.replace(/^"use strict";\n?/, '');
  return [
    `// Generated from ${source} by generator/schemas-build/validators.ts (npm run build); do not edit.`,
    '"use strict";',
    `exports.sha256 = ${JSON.stringify(digest)};`,
    // `require` is the loader's: the ajv runtime helpers resolve from the generator's own packages.
    'exports.create = function (formats, require) {',
    'const exports = {};',
    body,
    'return exports.validate;',
    '};',
    '',
  ].join('\n');
}

/** The standalone code of one schema file, compiled as the run time would compile it. */
export function compileSchemaFile(set: SchemaSet, rel: string, text: string): string {
  const json = JSON.parse(text) as object;
  let ajv: Ajv;
  if (set === 'k8s') {
    ajv = strictAjv(CODE);
    ajv.addSchema(withoutAnnotations(json) as object, rel);
  } else {
    ajv = configAjv(CODE);
    ajv.addSchema(json, rel);
  }
  if (!ajv.getSchema(rel)) throw new Error(`${set}/${rel} did not compile`);
  return standaloneCode(ajv, { validate: rel });
}

/** Schema files of a set, as paths inside it, sorted. */
export function schemaFiles(set: SchemaSet): string[] {
  const dir = path.join(REPO_ROOT, 'schemas', set);
  if (set === 'config') return fs.readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort();
  // kubeconform's layout: <group>/<kind>_<version>.json (SOURCES.json at the top is not a schema).
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => fs.readdirSync(path.join(dir, e.name)).filter((f) => f.endsWith('.json')).map((f) => `${e.name}/${f}`))
    .sort();
}

/** Writes every module (or those of `only`: `k8s/v1/configmap_v1.json`, ...) under `outDir`; returns the files written, relative to it. */
export function buildValidators(outDir: string, only?: readonly string[]): string[] {
  fs.rmSync(outDir, { recursive: true, force: true });
  const written: string[] = [];
  for (const set of ['config', 'k8s'] as const) {
    for (const rel of schemaFiles(set)) {
      if (only && !only.includes(`${set}/${rel}`)) continue;
      const text = fs.readFileSync(path.join(REPO_ROOT, 'schemas', set, rel), 'utf8');
      const file = precompiledPath(outDir, set, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, moduleText(`schemas/${set}/${rel}`, schemaDigest(text), compileSchemaFile(set, rel, text)));
      written.push(path.relative(outDir, file));
    }
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'dist', 'validators'));
  const files = buildValidators(out);
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
  console.log(`${files.length} precompiled validators in ${path.relative(process.cwd(), out) || out} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
}
