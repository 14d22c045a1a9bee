import { sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { severityCounts, type Report, type Reporter } from './types.js';

// Fixed key order, so the output diffs cleanly whatever order the producers built objects in.
const DIAGNOSTIC_KEYS = ['severity', 'code', 'message', 'file', 'line', 'col', 'document', 'pointer', 'hint'] as const;

/** For tools: `{ diagnostics, summary, notes }`, pretty-printed; every key is always present at the top. */
export const jsonReporter: Reporter = {
  format(report: Report): string {
    const summary = report.summary
      ? {
          files: report.summary.files,
          documents: report.summary.documents,
          errors: report.summary.errors,
          warnings: report.summary.warnings,
        }
      : severityCounts(report);
    const out = {
      diagnostics: sortDiagnostics(report.diagnostics).map(ordered),
      summary,
      notes: [...(report.notes ?? [])],
    };
    return JSON.stringify(out, null, 2) + '\n';
  },
};

function ordered(d: Diagnostic): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of DIAGNOSTIC_KEYS) if (d[k] !== undefined) o[k] = d[k];
  return o;
}
