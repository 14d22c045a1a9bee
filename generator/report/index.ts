import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

export type { Report, ReportSummary, Reporter } from './types.js';

const REPORTERS = {
  text: textReporter,
  json: jsonReporter,
  junit: junitReporter,
  github: githubReporter,
} as const satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;

export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORTERS, name);
}

export function getReporter(name: string): Reporter {
  if (!isReportFormat(name)) {
    throw new Error(`unknown report format ${JSON.stringify(name)}; valid formats: ${REPORT_FORMATS.join(', ')}`);
  }
  return REPORTERS[name];
}
