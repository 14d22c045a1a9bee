import { GeneratorError, type Diagnostic } from '../model/diagnostics.js';
import { getReporter, type ReportFormat } from '../report/index.js';
import { PLAIN, type ReportStyle } from '../report/types.js';
import { LockedError } from '../write/tree-writer.js';
import type { Colors } from './color.js';
import { EXIT } from './exit.js';
import type { CliStream, CommandContext } from './types.js';

/** Severity colours for the text reporter; no style at all when colour is off. */
export function reportStyle(c: Colors): ReportStyle {
  if (!c.enabled) return PLAIN;
  return { severity: (sev, text) => (sev === 'error' ? c.red(c.bold(text)) : c.yellow(text)), dim: c.dim };
}

/** Prints diagnostics and notes in the chosen format; only the text format is ever coloured. */
export function reportPrinter(ctx: CommandContext, format: ReportFormat) {
  return (diagnostics: Diagnostic[], notes: string[] = [], stream: CliStream = ctx.io.out): void => {
    ctx.progress.clear();
    const colors = stream === ctx.io.err ? ctx.colors.err : ctx.colors.out;
    stream.write(getReporter(format).format({ diagnostics, notes }, format === 'text' ? reportStyle(colors) : PLAIN));
  };
}

/**
 * The exit code and output for what a pipeline command threw: the config's problems (exit 1), a
 * held lock (4), or anything else, which is a bug (70).
 */
export function failure(e: unknown, ctx: CommandContext, format: ReportFormat, command: string, afterErrors: string): number {
  ctx.progress.clear();
  if (e instanceof GeneratorError) {
    reportPrinter(ctx, format)(e.diagnostics, [`${command}: failed; ${afterErrors}`], format === 'text' ? ctx.io.err : ctx.io.out);
    return EXIT.INVALID;
  }
  if (e instanceof LockedError) {
    ctx.io.err.write(`${ctx.colors.err.red('error')}: ${e.message}\n`);
    return EXIT.LOCKED;
  }
  throw e;
}

/** Name each file of a small change; a large one (a first run) gets a count instead. */
export function listed(verb: string, files: string[], max = 25): string[] {
  const shown = files.slice(0, max).map((f) => `  ${verb} ${f}`);
  return files.length > max ? [...shown, `  ... and ${files.length - max} more`] : shown;
}
