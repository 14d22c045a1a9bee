/**
 * One benchmark measurement in a fresh process, so each figure includes no warm caches from an
 * earlier one and maxRSS is this operation's own peak. Prints one JSON line on stdout.
 *
 *   tsx bench/child.ts generate|generate-full|check|check-report|floor|schema|stages|startup <root>
 *   tsx bench/child.ts validate-file <manifest file>
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../generator/load/load-config.js';
import { check, generate, serialise } from '../generator/pipeline.js';
import { planConfig } from '../generator/plan/plan.js';
import { render } from '../generator/render/render.js';
import { validateOutput } from '../generator/validate/validate-output.js';
import { writeTree } from '../generator/write/tree-writer.js';

export interface ChildResult {
  op: string;
  /** Time of the operation itself, without process start-up and module loading. */
  ms: number;
  maxRssKB: number;
  files?: number;
  written?: number;
  /** generate answered from the run cache without running the pipeline. */
  cached?: boolean;
  bytes?: number;
  schema?: SchemaFigures;
  /** Milliseconds per pipeline stage, in order. */
  stages?: Record<string, number>;
  /** Error diagnostics found (validate-file, check-report). */
  errors?: number;
  /** The first error, `file:line:col code`, to show the error was found and placed. */
  firstError?: string;
}

export interface SchemaFigures {
  documents: number;
  /** First pass: compiles each kind's schema, parses and validates. */
  coldMs: number;
  /** Second pass over the same files, schemas compiled: YAML parsing + validation. */
  withParsingMs: number;
  /** Validation alone of documents parsed beforehand. */
  withoutParsingMs: number;
  parseOnlyMs: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function manifestFiles(root: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (rel: string) => {
    for (const ent of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${ent.name}`;
      if (ent.isDirectory()) walk(child);
      // Helm values are not Kubernetes objects; the pipeline skips them too.
      else if (ent.name.endsWith('.yaml') && !child.startsWith('manifests/values/')) out.push({ path: child, text: readFileSync(path.join(root, child), 'utf8') });
    }
  };
  walk('manifests');
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function schemaFigures(root: string): Promise<SchemaFigures> {
  const modPath = path.resolve(here, '../generator/validate/schema-validator.ts');
  if (!existsSync(modPath)) throw new Error('generator/validate/schema-validator.ts does not exist yet');
  // Loaded by path so the bench still runs (without this figure) where the validator is absent.
  const mod = (await import(modPath)) as typeof import('../generator/validate/schema-validator.js');
  const files = manifestFiles(root);
  const validator = new mod.SchemaValidator({ schemaDir: path.resolve(here, '../schemas/k8s') });
  let t = performance.now();
  const cold = validator.validateFiles(files);
  const coldMs = performance.now() - t;
  t = performance.now();
  validator.validateFiles(files);
  const withParsingMs = performance.now() - t;
  t = performance.now();
  const parsed = files.map((f) => ({ path: f.path, docs: mod.parseManifestFile(f).docs }));
  const parseOnlyMs = performance.now() - t;
  t = performance.now();
  for (const f of parsed) for (const d of f.docs) validator.validateDocument(f.path, d);
  const withoutParsingMs = performance.now() - t;
  return { documents: cold.documents, coldMs, withParsingMs, withoutParsingMs, parseOnlyMs };
}

async function measure(op: string, root: string): Promise<ChildResult> {
  const t = performance.now();
  const done = (extra: Partial<ChildResult>): ChildResult => ({ op, ms: performance.now() - t, maxRssKB: 0, ...extra });
  switch (op) {
    case 'generate':
    case 'generate-full': {
      // generate-full turns the run cache off: the whole pipeline runs even when nothing changed.
      const r = await generate(root, op === 'generate-full' ? { cache: false } : {});
      return done({ files: r.tree?.files.length ?? r.unchanged, written: r.written.length, cached: r.cached });
    }
    case 'check': {
      const r = await check(root);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) throw new Error(`check found ${errors.length} error(s), first: ${errors[0]!.code} ${errors[0]!.message}`);
      return done({ files: r.tree?.files.length ?? 0 });
    }
    case 'floor': {
      // The same objects generate serialises, rendered first and not timed: the YAML floor.
      const rendered = render(planConfig(await loadConfig(root)));
      const start = performance.now();
      const files = serialise(rendered);
      const ms = performance.now() - start;
      return { op, ms, maxRssKB: 0, files: files.length, bytes: files.reduce((n, f) => n + Buffer.byteLength(f.content), 0) };
    }
    case 'stages': {
      // generate's stages one by one (the calls buildTree and generate make), each timed alone.
      const stages: Record<string, number> = {};
      let mark = performance.now();
      const lap = (name: string) => {
        const now = performance.now();
        stages[name] = now - mark;
        mark = now;
      };
      const config = await loadConfig(root);
      lap('load');
      const plan = planConfig(config);
      lap('plan');
      const rendered = render(plan);
      lap('render');
      const files = serialise(rendered);
      lap('serialise');
      validateOutput(plan, rendered, files);
      lap('validate');
      writeTree(root, files);
      lap('write');
      return done({ files: files.length, stages });
    }
    case 'validate-file': {
      // One manifest file through the built-in validator, as kubeconform would take it.
      const { SchemaValidator } = await import('../generator/validate/schema-validator.js');
      const text = readFileSync(root, 'utf8');
      const start = performance.now();
      const r = new SchemaValidator({ schemaDir: path.resolve(here, '../schemas/k8s') }).validateFiles([{ path: path.basename(root), text }]);
      return { op, ms: performance.now() - start, maxRssKB: 0, ...errorsOf(r.diagnostics) };
    }
    case 'check-report': {
      // check on a repository whatever it finds (check throws on errors; this one reports them).
      const r = await check(root);
      return done({ files: r.tree?.files.length ?? 0, ...errorsOf(r.diagnostics) });
    }
    case 'startup':
      // Nothing to do: the wall time of this process is the fixed cost every CLI run pays.
      return done({});
    case 'schema':
      return { op, ms: 0, maxRssKB: 0, schema: await schemaFigures(root) };
    default:
      throw new Error(`unknown op '${op}'`);
  }
}

function errorsOf(diags: { severity: string; code: string; file?: string; line?: number; col?: number }[]): Pick<ChildResult, 'errors' | 'firstError'> {
  const errors = diags.filter((d) => d.severity === 'error' && d.code.startsWith('schema/'));
  const first = errors[0];
  return { errors: errors.length, ...(first ? { firstError: `${first.file}:${first.line ?? '?'}:${first.col ?? '?'} ${first.code}` } : {}) };
}

const [op, root] = process.argv.slice(2);
if (!op || !root) {
  process.stderr.write('usage: tsx bench/child.ts generate|generate-full|check|floor|schema|stages|startup <root>\n');
  process.exit(2);
}
const result = await measure(op, path.resolve(root));
result.maxRssKB = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify(result) + '\n');
