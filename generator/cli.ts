#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GeneratorError, type Diagnostic } from './model/diagnostics.js';
import type { GenerateResult } from './pipeline.js';
import { getReporter, isReportFormat, REPORT_FORMATS } from './report/index.js';
import { inputKey, lookup } from './write/run-cache.js';
import { LockedError } from './write/tree-writer.js';

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
  generate       render manifests/ from cluster.yaml, apps/ and values/ (writes only changed files)
  check          validate the config, render afresh and compare with manifests/ (writes nothing)
  charts pull    fetch every chart the tree deploys into the cache; pin them in charts.lock.yaml
  charts list    show each chart the tree deploys and the state of its cached archive

Options:
  --root <dir>                 repository root (default: the current directory)
  --format <fmt>               how to print problems: ${REPORT_FORMATS.join(', ')} (default: text)
  --render[=available]         generate, check: render every chart with Helm 4 as Argo CD does and
                               run the rules on the rendered objects; =available skips (with a
                               note) charts that are neither cached nor reachable
  --chart-mirror <repo>=<url>  pull that repository's charts from a mirror (repeatable; wins over
                               cluster.yaml charts.mirrors); charts pull and --render
  --offline                    charts pull: use only the cache, download nothing
  -h, --help                   show this help

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
      // `--render` alone means every chart; parseArgs wants a value for a string option.
      args: argv.map((a) => (a === '--render' ? '--render=all' : a)),
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
        render: { type: 'string' },
        'chart-mirror': { type: 'string', multiple: true },
        offline: { type: 'boolean' },
      },
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
  const command = positionals[0] === 'charts' && positionals.length === 2 ? `charts ${positionals[1]}` : positionals.length === 1 ? positionals[0] : undefined;
  if (command !== 'generate' && command !== 'check' && command !== 'charts pull' && command !== 'charts list') {
    io.err.write(`${positionals.length ? `unknown command '${positionals.join(' ')}'` : 'missing command'}\n\n${HELP}`);
    return EXIT.USAGE;
  }
  const format = values.format ?? 'text';
  if (!isReportFormat(format)) {
    io.err.write(`unknown --format '${format}'; valid formats: ${REPORT_FORMATS.join(', ')}\n`);
    return EXIT.USAGE;
  }
  const usage = optionProblem(command, values);
  if (usage) {
    io.err.write(`${usage}\n\n${HELP}`);
    return EXIT.USAGE;
  }
  const render = values.render === undefined ? undefined : values.render === 'available' ? ('available' as const) : true;
  const mirrorFlags = values['chart-mirror'] ?? [];
  const root = path.resolve(values.root ?? process.cwd());
  const print = (diagnostics: Diagnostic[], notes: string[] = [], stream = io.out) => stream.write(getReporter(format).format({ diagnostics, notes }));

  try {
    if (command === 'charts pull' || command === 'charts list') {
      const pipeline = await import('./pipeline.js');
      const r = command === 'charts pull' ? await pipeline.chartsPull(root, { offline: values.offline === true, mirrorFlags }) : await pipeline.chartsList(root);
      const helmNote = 'helm' in r && r.helm ? [`helm ${r.helm.version} (${r.helm.binary}, found via ${r.helm.via})`] : [];
      const errors = r.diagnostics.some((d) => d.severity === 'error');
      print(r.diagnostics, [...helmNote, ...r.lines, ...(r.charts.length === 0 ? ['the tree deploys no Helm chart'] : [])]);
      return errors ? EXIT.INVALID : EXIT.OK;
    }
    const mirrors = await mirrorMap(mirrorFlags);
    if (mirrors.diagnostics.length) {
      print(mirrors.diagnostics, [], format === 'text' ? io.err : io.out);
      return EXIT.USAGE;
    }
    const renderOpts = render ? { render, mirrors: mirrors.mirrors } : {};
    if (command === 'generate') {
      // A no-change run answers from the run cache without loading the pipeline at all.
      const previous = render ? undefined : lookup(root, inputKey(root));
      const r: GenerateResult = previous ? { written: [], deleted: [], unchanged: 0, diagnostics: previous, cached: true } : await (await import('./pipeline.js')).generate(root, renderOpts);
      const notes = [
        ...(r.notes ?? []),
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
    const r = await (await import('./pipeline.js')).check(root, renderOpts);
    const drift = r.diagnostics.some((d) => d.code.startsWith('check/'));
    const errors = r.diagnostics.some((d) => d.severity === 'error');
    print(r.diagnostics, [...r.notes, ...(errors ? [] : [`check: ${r.tree?.files.length ?? 0} files up to date and valid${render ? ', every chart rendered and its objects checked' : ''}`])]);
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

/** Options that make no sense with the command. */
function optionProblem(command: string, values: { render?: string; 'chart-mirror'?: string[]; offline?: boolean }): string | undefined {
  const isCharts = command.startsWith('charts ');
  if (values.render !== undefined) {
    if (isCharts) return `--render is for generate and check, not ${command}`;
    if (values.render !== 'all' && values.render !== 'available') return `--render takes no value or =available, not '${values.render}'`;
  }
  if (values.offline && command !== 'charts pull') return '--offline is for charts pull';
  if ((values['chart-mirror'] ?? []).length > 0 && command !== 'charts pull' && values.render === undefined) return '--chart-mirror is for charts pull and --render';
  return undefined;
}

async function mirrorMap(flags: string[]): Promise<{ mirrors: Record<string, string>; diagnostics: Diagnostic[] }> {
  if (flags.length === 0) return { mirrors: {}, diagnostics: [] };
  const { parseChartMirrorFlags } = await import('./charts/index.js');
  return parseChartMirrorFlags(flags);
}

// Run when executed directly (tsx generator/cli.ts ...), not when imported by tests.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
