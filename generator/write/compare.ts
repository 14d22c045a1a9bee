import { createRequire } from 'node:module';
import type { Diagnostic } from '../model/diagnostics.js';
import { isGeneratedText } from '../model/files.js';
import type { OutputFile } from '../model/output.js';

// The diff library is loaded when a file differs, not on every check.
const require = createRequire(import.meta.url);

export interface CompareOptions {
  maxDiffLines?: number;
  /** The command that brings the folder up to date, for hints; defaults to `npm run generate`. */
  command?: string;
}

/**
 * How a generated folder as read from disk (every regular file of `manifests/`, or of `rendered/`)
 * differs from a fresh render; one diagnostic per file.
 */
export function compareTree(onDisk: readonly OutputFile[], files: readonly OutputFile[], opts: CompareOptions = {}): Diagnostic[] {
  const maxDiffLines = opts.maxDiffLines ?? 12;
  const command = opts.command ?? 'npm run generate';
  const diags: Diagnostic[] = [];
  const disk = new Map(onDisk.map((f) => [f.path, f.content]));
  for (const f of files) {
    const committed = disk.get(f.path);
    if (committed === undefined) {
      diags.push({ severity: 'error', code: 'check/missing-file', file: f.path, message: 'is missing from the committed tree', hint: `run \`${command}\` and commit the result` });
      continue;
    }
    if (committed === f.content) continue;
    const { line, diff } = shortDiff(committed, f.content, maxDiffLines, f.path);
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
  const fresh = new Set(files.map((f) => f.path));
  // A stale file is one of ours (it starts with the generator's header) that a render no longer gives.
  for (const rel of onDisk.filter((f) => !fresh.has(f.path) && isGeneratedText(f.content)).map((f) => f.path)) {
    diags.push({ severity: 'error', code: 'check/stale-file', file: rel, message: 'is a generated file that a fresh render no longer produces', hint: `run \`${command}\` (it deletes it) and commit the result` });
  }
  return diags;
}

/** Beyond this many changed lines a diff says nothing a reader can use; stop computing it. */
const MAX_EDIT_LINES = 10_000;

/**
 * A unified diff of the committed file against the fresh render (jsdiff), cut after `max` lines
 * of hunks, and the committed file's first changed line.
 */
export function shortDiff(before: string, after: string, max: number, file = 'file'): { line: number; diff: string } {
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  const patch = createTwoFilesPatch(`${file} (committed)`, `${file} (fresh render)`, before, after, undefined, undefined, { context: 3, maxEditLength: MAX_EDIT_LINES });
  if (patch === undefined) return { line: 1, diff: `    (more than ${MAX_EDIT_LINES} lines changed; compare the files with git diff)` };
  const all = patch.split('\n');
  if (all.at(-1) === '') all.pop();
  const headerAt = all.findIndex((l) => l.startsWith('--- '));
  const head = all.slice(headerAt, headerAt + 2);
  const body = all.slice(headerAt + 2);
  const shown = body.slice(0, max);
  const rest = body.length - shown.length;
  return {
    line: firstChangedLine(body),
    diff: [...head, ...shown].map((l) => `    ${l}`).join('\n') + (rest > 0 ? `\n    ... ${rest} more line(s) of the diff` : ''),
  };
}

/** The committed file's line of the first removed or added line of the first hunk. */
function firstChangedLine(body: string[]): number {
  const m = /^@@ -(\d+)/.exec(body[0] ?? '');
  let line = m ? Math.max(1, Number(m[1])) : 1;
  for (const l of body.slice(1)) {
    if (!l.startsWith(' ')) break;
    line++;
  }
  return line;
}
