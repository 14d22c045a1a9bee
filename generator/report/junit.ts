import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import type { Report, Reporter } from './types.js';

const NO_FILE = '<config>';

/**
 * For CI test views: one <testsuite> per file, one <testcase> per diagnostic. Errors are
 * <failure>s; warnings pass and carry their text in <system-out>, so they show without failing.
 * No timestamps or durations, so the same report always gives the same bytes. Notes are not
 * shown: JUnit has no place for run-level remarks that all consumers read.
 */
export const junitReporter: Reporter = {
  format(report: Report): string {
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of sortDiagnostics(report.diagnostics)) {
      const key = d.file ?? NO_FILE;
      const list = byFile.get(key) ?? [];
      list.push(d);
      byFile.set(key, list);
    }
    const files = [...byFile.keys()].sort();
    const total = report.diagnostics.length;
    const failures = report.diagnostics.filter((d) => d.severity === 'error').length;

    const head = `<testsuites name="gitops-check" tests="${total}" failures="${failures}" errors="0"`;
    const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
    if (files.length === 0) {
      out.push(`${head}/>`);
      return out.join('\n') + '\n';
    }
    out.push(`${head}>`);
    for (const file of files) {
      const diags = byFile.get(file)!;
      const fails = diags.filter((d) => d.severity === 'error').length;
      out.push(`  <testsuite name="${attr(file)}" tests="${diags.length}" failures="${fails}" errors="0">`);
      for (const d of diags) out.push(...testcase(d));
      out.push('  </testsuite>');
    }
    out.push('</testsuites>');
    return out.join('\n') + '\n';
  },
};

function testcase(d: Diagnostic): string[] {
  let open = `    <testcase name="${attr(caseName(d))}" classname="${attr(d.file ?? NO_FILE)}"`;
  // `file`/`line` are read by GitLab and others to link a failure to the source.
  if (d.file !== undefined) open += ` file="${attr(d.file)}"`;
  if (d.line !== undefined) open += ` line="${d.line}"`;
  const body = text(formatDiagnostic(d));
  if (d.severity === 'error') {
    return [`${open}>`, `      <failure message="${attr(d.message)}" type="${attr(d.code)}">${body}</failure>`, '    </testcase>'];
  }
  return [`${open}>`, `      <system-out>${body}</system-out>`, '    </testcase>'];
}

/** The code plus where, so two findings of one rule in one file stay distinct test cases. */
function caseName(d: Diagnostic): string {
  if (d.line !== undefined) return `${d.code} (line ${d.line}${d.col !== undefined ? `, col ${d.col}` : ''})`;
  if (d.document !== undefined) return `${d.code} (document ${d.document})`;
  return d.code;
}

// XML 1.0 cannot carry these at all, not even as character references; show them as \uXXXX.
// (With the `u` flag, \p{Cs} matches only unpaired surrogates.)
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

function legal(s: string): string {
  return s.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function text(s: string): string {
  return legal(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and line breaks and tabs, which parsers would fold into spaces. */
function attr(s: string): string {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
