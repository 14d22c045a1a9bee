import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import type { OutputFile } from '../model/output.js';
import { findStale } from './tree-writer.js';

export interface CompareOptions {
  maxDiffLines?: number;
  /** The folder compared (stale files are looked for there); defaults to manifests/. */
  dir?: string;
  /** The command that brings it up to date, for hints; defaults to `npm run generate`. */
  command?: string;
}

/** How `manifests/` (or another generated folder) on disk differs from a fresh render; one diagnostic per file. */
export function compareTree(root: string, files: OutputFile[], opts: CompareOptions = {}): Diagnostic[] {
  const maxDiffLines = opts.maxDiffLines ?? 12;
  const command = opts.command ?? 'npm run generate';
  const diags: Diagnostic[] = [];
  for (const f of files) {
    const abs = path.join(root, f.path);
    if (!existsSync(abs) || !lstatSync(abs).isFile()) {
      diags.push({ severity: 'error', code: 'check/missing-file', file: f.path, message: 'is missing from the committed tree', hint: `run \`${command}\` and commit the result` });
      continue;
    }
    const disk = readFileSync(abs, 'utf8');
    if (disk === f.content) continue;
    const { line, diff } = shortDiff(disk, f.content, maxDiffLines);
    diags.push({
      severity: 'error',
      code: 'check/drift',
      file: f.path,
      line,
      col: 1,
      message: `differs from a fresh render (edited by hand, or the config changed without \`${command}\`):\n${diff}`,
      hint: `run \`${command}\` and commit the result; generated files must not be edited by hand`,
    });
  }
  for (const rel of findStale(root, new Set(files.map((f) => f.path)), opts.dir)) {
    diags.push({ severity: 'error', code: 'check/stale-file', file: rel, message: 'is a generated file that a fresh render no longer produces', hint: `run \`${command}\` (it deletes it) and commit the result` });
  }
  return diags;
}

/**
 * A short line diff: the common prefix and suffix are skipped and the middle shown as -/+ lines
 * (trimmed); enough to see what changed without a diff library.
 */
export function shortDiff(before: string, after: string, max: number): { line: number; diff: string } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const removed = a.slice(start, endA + 1).map((l) => `    - ${l}`);
  const added = b.slice(start, endB + 1).map((l) => `    + ${l}`);
  const all = [`    @@ line ${start + 1} @@`, ...removed, ...added];
  const shown = all.slice(0, max + 1);
  if (all.length > shown.length) shown.push(`    ... ${all.length - shown.length} more line(s)`);
  return { line: start + 1, diff: shown.join('\n') };
}
