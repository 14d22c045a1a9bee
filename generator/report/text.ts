import { formatDiagnostic, sortDiagnostics } from '../model/diagnostics.js';
import { summaryLine, type Report, type Reporter } from './types.js';

/** For people: `file:line:col: error [code] message (at /pointer)`, hint lines, then the summary. */
export const textReporter: Reporter = {
  format(report: Report): string {
    const lines = sortDiagnostics(report.diagnostics).map(formatDiagnostic);
    for (const note of report.notes ?? []) lines.push(`note: ${note}`);
    lines.push(summaryLine(report));
    return lines.join('\n') + '\n';
  },
};
