import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { manifestSources, parseManifestFile } from '../core/manifest-documents.js';
import type { Plan } from '../plan/types.js';
import type { RenderResult } from '../render/types.js';
import { MANIFESTS_DIR } from '../model/files.js';
import type { OutputFile } from '../model/output.js';
import type { SourceDocument } from '../model/source.js';
import type { LintContext, LintDocument } from './types.js';


export interface LintInput {
  plan: Plan;
  /** The fresh render of `plan`. */
  rendered: RenderResult;
  /** The tree to lint: the fresh render's files (generate) or `manifests/` from disk (check). */
  files: OutputFile[];
  /** The fresh render's serialised files, when `files` came from disk; defaults to `files`. */
  fresh?: OutputFile[];
}

export function createLintContext(input: LintInput): LintContext {
  const freshFiles = input.fresh ?? input.files;
  const byPath = new Map(freshFiles.map((f) => [f.path, f.content]));
  const fresh = new Set(input.files.filter((f) => byPath.get(f.path) === f.content).map((f) => f.path));
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const identical = fresh.size === files.length && files.length === freshFiles.length;
  // A file that is exactly the fresh render holds exactly the rendered objects: take them instead
  // of parsing the text again (the parse dominated generate's time on large trees).
  const renderedDocs = new Map(input.rendered.files.map((f) => [f.path, f.documents]));
  const documents = files.flatMap((f): LintDocument[] => {
    const docs = fresh.has(f.path) ? renderedDocs.get(f.path) : undefined;
    if (!docs) return parseDocuments(f);
    return docs.flatMap((data, i) => (data === null || data === undefined ? [] : [{ file: f.path, index: i + 1, data }]));
  });
  return { plan: input.plan, rendered: input.rendered, files, documents, fresh, identical };
}

function isYamlPath(p: string): boolean {
  return /\.ya?ml$/.test(p);
}

/**
 * Every non-empty document of a YAML file. Documents with syntax errors are left out: the schema
 * check reports those with their positions, and a rule cannot judge half a document.
 */
export function parseDocuments(file: OutputFile): LintDocument[] {
  if (!isYamlPath(file.path)) return [];
  // The manifest reader: fast, and positions only for a document that has an error.
  return parseManifestFile({ path: file.path, text: file.content }).docs.map((d) => ({ file: file.path, index: d.index, data: d.object }));
}

/** Positions are only needed for findings, so files are re-parsed with a line counter on demand. */
const sourceCache = new WeakMap<LintContext, Map<string, SourceDocument[]>>();

export function sourceDocuments(ctx: LintContext, file: string): SourceDocument[] {
  let byFile = sourceCache.get(ctx);
  if (!byFile) sourceCache.set(ctx, (byFile = new Map()));
  let docs = byFile.get(file);
  if (!docs) {
    const text = ctx.files.find((f) => f.path === file)?.content ?? ctx.plan.config.templates.get(file) ?? '';
    docs = manifestSources(file, text);
    byFile.set(file, docs);
  }
  return docs;
}

/**
 * `manifests/` (or another generated folder, `rendered/`) as it is on disk, for linting the
 * committed tree (`check`). Every regular file, repository-relative with forward slashes, sorted;
 * symbolic links are not followed.
 */
export function readTreeFiles(root: string, dir: string = MANIFESTS_DIR): OutputFile[] {
  const out: OutputFile[] = [];
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push({ path: child, content: readFileSync(path.join(root, child), 'utf8') });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
