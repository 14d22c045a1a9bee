import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { PLAIN, summaryLine, type Report, type Reporter, type ReportStyle } from './types.js';

/** One finding with its severity word (and the hint lines) styled; the text is unchanged otherwise. */
function styled(d: Diagnostic, style: ReportStyle): string {
  const text = formatDiagnostic(d);
  if (style === PLAIN) return text;
  const tag = `: ${d.severity} [${d.code}]`;
  const at = text.indexOf(tag);
  const head = at < 0 ? text : `${text.slice(0, at + 2)}${style.severity(d.severity, d.severity)}${text.slice(at + 2 + d.severity.length)}`;
  return head.replace(/\n    hint: .*/g, (hint) => `\n${style.dim(hint.slice(1))}`);
}

/** For people: `file:line:col: error [code] message (at /pointer)`, hint lines, then the summary. */
export const textReporter: Reporter = {
  format(report: Report, style: ReportStyle = PLAIN): string {
    const lines = sortDiagnostics(report.diagnostics).map((d) => styled(d, style));
    for (const note of report.notes ?? []) lines.push(`note: ${note}`);
    lines.push(summaryLine(report));
    return lines.join('\n') + '\n';
  },
};
