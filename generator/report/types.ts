import type { Diagnostic } from '../model/diagnostics.js';

/** Counts for the closing line; when absent, reporters count errors and warnings themselves. */
export interface ReportSummary {
  files: number;
  documents: number;
  errors: number;
  warnings: number;
}

/** Everything one `check` run has to say; every output format renders this same value. */
export interface Report {
  diagnostics: Diagnostic[];
  summary?: ReportSummary;
  /** One-off remarks, e.g. that kubeconform was not found. */
  notes?: string[];
}

/** How a reporter for people may highlight text (terminal colours); machine formats ignore it. */
export interface ReportStyle {
  severity(severity: Diagnostic['severity'], text: string): string;
  dim(text: string): string;
}

export const PLAIN: ReportStyle = { severity: (_, text) => text, dim: (text) => text };

export interface Reporter {
  /** The whole output, ending with a newline. Pure: the same report always gives the same text. */
  format(report: Report, style?: ReportStyle): string;
}

/** Errors and warnings as the summary states them, else as counted. */
export function severityCounts(report: Report): { errors: number; warnings: number } {
  if (report.summary) return { errors: report.summary.errors, warnings: report.summary.warnings };
  let errors = 0;
  let warnings = 0;
  for (const d of report.diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** `Summary: 3 files, 7 documents, 1 error, 0 warnings` (files and documents only when known). */
export function summaryLine(report: Report): string {
  const { errors, warnings } = severityCounts(report);
  const parts: string[] = [];
  if (report.summary) parts.push(plural(report.summary.files, 'file'), plural(report.summary.documents, 'document'));
  parts.push(plural(errors, 'error'), plural(warnings, 'warning'));
  return `Summary: ${parts.join(', ')}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
