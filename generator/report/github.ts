import { sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { summaryLine, type Report, type Reporter } from './types.js';

/**
 * GitHub Actions workflow commands: each diagnostic becomes an annotation on its file and line
 * (`::error file=F,line=L,col=C,title=CODE::message`), notes become `::notice`, and the summary
 * stays a plain log line.
 */
export const githubReporter: Reporter = {
  format(report: Report): string {
    const lines = sortDiagnostics(report.diagnostics).map(command);
    for (const note of report.notes ?? []) lines.push(`::notice::${escapeData(note)}`);
    lines.push(summaryLine(report));
    return lines.join('\n') + '\n';
  },
};

function command(d: Diagnostic): string {
  const props: string[] = [];
  if (d.file !== undefined) props.push(`file=${escapeProperty(d.file)}`);
  if (d.line !== undefined) props.push(`line=${d.line}`);
  if (d.col !== undefined) props.push(`col=${d.col}`);
  props.push(`title=${escapeProperty(d.code)}`);
  let message = d.message;
  if (d.document !== undefined && d.document > 1) message += ` (document ${d.document})`;
  if (d.pointer !== undefined && d.pointer !== '') message += ` (at ${d.pointer})`;
  if (d.hint) message += `\nhint: ${d.hint}`;
  return `::${d.severity} ${props.join(',')}::${escapeData(message)}`;
}

// GitHub's rules: `%` first so the escapes themselves survive; a raw newline would end the command.
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values are also cut at `,` (next property) and `:` (start of the message). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
