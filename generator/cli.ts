#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GeneratorError, type Diagnostic } from './model/diagnostics.js';
import type { GenerateResult } from './pipeline.js';
import { getReporter, isReportFormat, REPORT_FORMATS } from './report/index.js';
import { inputKey, lookup } from './write/run-cache.js';
import { LockedError } from './write/tree-writer.js';
import { rootProblem } from './load/repo-root.js';

/** Exit codes (also in README and `--help`). */
export const EXIT = {
  OK: 0,
  /** Invalid config, template, generated object or lint error; nothing was written. */
  INVALID: 1,
  /** Wrong command line. */
  USAGE: 2,
  /** `check`: manifests/ differs from a fresh render, or a source path is missing. */
  DRIFT: 3,
  /** Another generate holds the lock. */
  LOCKED: 4,
  /** A bug or an I/O failure; the message says which. */
  INTERNAL: 70,
} as const;

const HELP = `Usage: gitops-generator <command> [options]

Commands:
  generate   render manifests/ from cluster.yaml, apps/ and values/ (writes only changed files)
  check      validate the config, render afresh and compare with manifests/ (writes nothing)

Options:
  --root <dir>        repository root (default: the current directory)
  --format <fmt>      how to print problems: ${REPORT_FORMATS.join(', ')} (default: text)
  -h, --help          show this help

Exit codes:
  0   success
  1   invalid config, template, generated object or lint error (nothing written)
  2   usage error
  3   check: manifests/ is not what a fresh render gives (run generate and commit)
  4   another generate is running (lock held)
  70  internal error
`;

/** Name each file of a small change; a large one (a first run) gets a count instead. */
function listed(verb: string, files: string[], max = 25): string[] {
  const shown = files.slice(0, max).map((f) => `  ${verb} ${f}`);
  return files.length > max ? [...shown, `  ... and ${files.length - max} more`] : shown;
}

export interface CliIO {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

export async function main(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { root: { type: 'string' }, format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.err.write(`${(e as Error).message}\n\n${HELP}`);
    return EXIT.USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out.write(HELP);
    return EXIT.OK;
  }
  const command = positionals[0];
  if (positionals.length !== 1 || (command !== 'generate' && command !== 'check')) {
    io.err.write(`${command ? `unknown command '${positionals.join(' ')}'` : 'missing command'}\n\n${HELP}`);
    return EXIT.USAGE;
  }
  const format = values.format ?? 'text';
  if (!isReportFormat(format)) {
    io.err.write(`unknown --format '${format}'; valid formats: ${REPORT_FORMATS.join(', ')}\n`);
    return EXIT.USAGE;
  }
  const root = path.resolve(values.root ?? process.cwd());
  const badRoot = rootProblem(root, values.root);
  if (badRoot) {
    io.err.write(`error: ${badRoot}\n`);
    return EXIT.USAGE;
  }
  const print = (diagnostics: Diagnostic[], notes: string[] = [], stream = io.out) => stream.write(getReporter(format).format({ diagnostics, notes }));

  try {
    if (command === 'generate') {
      // A no-change run answers from the run cache without loading the pipeline at all.
      const previous = lookup(root, inputKey(root));
      const r: GenerateResult = previous ? { written: [], deleted: [], unchanged: 0, diagnostics: previous, cached: true } : await (await import('./pipeline.js')).generate(root);
      const notes = [
        r.cached
          ? 'generate: nothing changed since the last run (inputs, generator and manifests/ as they were); 0 file(s) written'
          : `generate: ${r.written.length} file(s) written, ${r.deleted.length} stale file(s) deleted, ${r.unchanged} unchanged`,
        ...listed('wrote', r.written),
        ...listed('deleted', r.deleted),
      ];
      if (format === 'text') {
        for (const d of r.diagnostics) io.err.write(getReporter('text').format({ diagnostics: [d] }));
        io.out.write(notes.join('\n') + '\n');
      } else print(r.diagnostics, notes);
      return EXIT.OK;
    }
    const r = await (await import('./pipeline.js')).check(root);
    const drift = r.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('check/'));
    const errors = r.diagnostics.some((d) => d.severity === 'error');
    print(r.diagnostics, [...r.notes, ...(errors ? [] : [`check: ${r.tree?.files.length ?? 0} files up to date and valid`])]);
    return drift ? EXIT.DRIFT : errors ? EXIT.INVALID : EXIT.OK;
  } catch (e) {
    if (e instanceof GeneratorError) {
      print(e.diagnostics, [`${command}: failed; ${command === 'generate' ? 'nothing was written' : 'fix the errors above'}`], format === 'text' ? io.err : io.out);
      return EXIT.INVALID;
    }
    if (e instanceof LockedError) {
      io.err.write(`error: ${e.message}\n`);
      return EXIT.LOCKED;
    }
    io.err.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.INTERNAL;
  }
}

// Run when executed directly (tsx generator/cli.ts ...), not when imported by tests.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
