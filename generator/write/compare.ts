import type { Diagnostic } from '../model/diagnostics.js';
import { isGeneratedText } from '../model/files.js';
import type { OutputFile } from '../model/output.js';

/**
 * How `manifests/` as read from disk (every regular file) differs from a fresh render; one
 * diagnostic per file.
 */
export function compareTree(onDisk: readonly OutputFile[], files: readonly OutputFile[], maxDiffLines = 12): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const disk = new Map(onDisk.map((f) => [f.path, f.content]));
  for (const f of files) {
    const committed = disk.get(f.path);
    if (committed === undefined) {
      diags.push({ severity: 'error', code: 'check/missing-file', file: f.path, message: 'is missing from the committed tree', hint: 'run `npm run generate` and commit the result' });
      continue;
    }
    if (committed === f.content) continue;
    const { line, diff } = shortDiff(committed, f.content, maxDiffLines);
    diags.push({
      severity: 'error',
      code: 'check/drift',
      file: f.path,
      line,
      col: 1,
      message: `differs from a fresh render (edited by hand, or the config changed without \`npm run generate\`):\n${diff}`,
      hint: 'run `npm run generate` and commit the result; generated files must not be edited by hand',
    });
  }
  const fresh = new Set(files.map((f) => f.path));
  // A stale file is one of ours (it starts with the generator's header) that a render no longer gives.
  for (const rel of onDisk.filter((f) => !fresh.has(f.path) && isGeneratedText(f.content)).map((f) => f.path)) {
    diags.push({ severity: 'error', code: 'check/stale-file', file: rel, message: 'is a generated file that a fresh render no longer produces', hint: 'run `npm run generate` (it deletes it) and commit the result' });
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
