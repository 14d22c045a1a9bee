/**
 * Writes `schemas/config/cluster.schema.json` and `app.schema.json` from the file shapes in
 * `generator/model/config-input.ts`:
 *
 *   tsx generator/schemas-build/config-schemas.ts [outDir]      (default: schemas/config)
 *
 * ts-json-schema-generator reads the interfaces and their JSDoc; three rewrites keep the messages
 * the loader prints for a bad value exactly what they were with the hand-written schemas (see
 * `load/validate-config.ts`): a union becomes `oneOf` (its branches never overlap, which is
 * checked), a single literal becomes a one-value `enum`, and an `enum` carries no `type` (so a
 * wrong value is one "expected one of" message, not a type error as well). Same types in, same
 * bytes out: keys sorted, two-space JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { DEFAULT_CONFIG, SchemaGenerator, createFormatter, createParser, type CompletedConfig } from 'ts-json-schema-generator';
import { canonicalJson } from './normalize.js';

type JsonSchema = { [key: string]: unknown };

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CONFIG_INPUT = path.join(REPO_ROOT, 'generator', 'model', 'config-input.ts');
export const CONFIG_SCHEMA_OUT = path.join(REPO_ROOT, 'schemas', 'config');
const SCHEMA_BASE = 'https://gitops-generator.local/schemas/config/';

/** Each schema file and the interface it describes. */
export const CONFIG_SCHEMAS = [
  { file: 'cluster.schema.json', type: 'ClusterFile' },
  { file: 'app.schema.json', type: 'AppFile' },
] as const;

/** The text of every config schema, by file name. */
export function buildConfigSchemas(): Map<string, string> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    // The file needs Record and arrays, nothing else: the default library (with the DOM) would
    // take most of the build time.
    lib: ['lib.es5.d.ts'],
    types: [],
  };
  const program = ts.createProgram([CONFIG_INPUT], options);
  const problems = ts.getPreEmitDiagnostics(program);
  if (problems.length > 0) throw new Error(`type errors in ${CONFIG_INPUT}:\n${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')}`);
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: CONFIG_INPUT,
    expose: 'export', // exported aliases (DnsLabel, Settings, ...) become definitions, the rest is inlined
    topRef: false,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true, // checked just above
    encodeRefs: false,
  };
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const out = new Map<string, string>();
  for (const { file, type } of CONFIG_SCHEMAS) {
    const schema = generator.createSchema(type) as JsonSchema;
    const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
    rewrite(schema, definitions, '#');
    out.set(file, canonicalJson({ ...schema, $id: SCHEMA_BASE + file }));
  }
  return out;
}

/** The three rewrites described at the top, everywhere in the schema. */
function rewrite(node: unknown, definitions: Record<string, JsonSchema>, where: string): void {
  if (Array.isArray(node)) return node.forEach((n, i) => rewrite(n, definitions, `${where}/${i}`));
  if (node === null || typeof node !== 'object') return;
  const n = node as JsonSchema;
  if ('const' in n) {
    n.enum = [n.const];
    delete n.const;
  }
  if (Array.isArray(n.enum) && n.type !== undefined) delete n.type;
  if (Array.isArray(n.anyOf)) {
    assertDisjoint(n.anyOf as JsonSchema[], definitions, where);
    n.oneOf = n.anyOf;
    delete n.anyOf;
  }
  for (const [k, v] of Object.entries(n)) if (k !== 'enum' && k !== 'default' && k !== 'examples') rewrite(v, definitions, `${where}/${k}`);
}

/** `oneOf` means what `anyOf` did only when no value can match two branches; branches of different JSON types cannot. */
function assertDisjoint(branches: JsonSchema[], definitions: Record<string, JsonSchema>, where: string): void {
  const seen = new Set<string>();
  for (const b of branches) {
    const types = jsonTypes(b, definitions);
    if (types.length === 0 || types.some((t) => seen.has(t))) throw new Error(`${where}: union branches may overlap; give them different JSON types`);
    for (const t of types) seen.add(t === 'integer' ? 'number' : t);
  }
}

function jsonTypes(b: JsonSchema, definitions: Record<string, JsonSchema>): string[] {
  if (typeof b.$ref === 'string') {
    const def = definitions[b.$ref.replace('#/definitions/', '')];
    return def ? jsonTypes(def, definitions) : [];
  }
  const values = Array.isArray(b.enum) ? (b.enum as unknown[]) : 'const' in b ? [b.const] : undefined;
  if (values) return [...new Set(values.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v)))];
  const type = b.type;
  return (Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : []).map((t) => (t === 'integer' ? 'number' : t));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outDir = path.resolve(process.argv[2] ?? CONFIG_SCHEMA_OUT);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, text] of buildConfigSchemas()) {
    fs.writeFileSync(path.join(outDir, file), text);
    console.log(`wrote ${path.relative(process.cwd(), path.join(outDir, file)) || file}`);
  }
}
