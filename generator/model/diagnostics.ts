/**
 * One finding about the config or the generated tree. Every stage reports problems as values of
 * this type so the CLI can print them as text, JSON, JUnit XML or GitHub annotations.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable id: `config/...`, `template/...`, `graph/...`, `schema/...`, `lint/<RULE-ID>`, `check/...`. */
  code: string;
  message: string;
  /** Repository-relative path with forward slashes. */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  col?: number;
  /** 1-based index of the YAML document inside a multi-document file. */
  document?: number;
  /** JSON pointer (RFC 6901) to the offending value. */
  pointer?: string;
  /** What would be valid, or how to fix it. */
  hint?: string;
}

/** Thrown by a stage that cannot go on; carries every problem found so far. */
export class GeneratorError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'GeneratorError';
    this.diagnostics = diagnostics;
  }
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** `file:line:col: error [code] message (at /pointer) — hint` */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file ?? '<config>';
  if (d.line !== undefined) where += `:${d.line}`;
  if (d.line !== undefined && d.col !== undefined) where += `:${d.col}`;
  let text = `${where}: ${d.severity} [${d.code}] ${d.message}`;
  if (d.document !== undefined && d.document > 1) text += ` (document ${d.document})`;
  if (d.pointer !== undefined && d.pointer !== '') text += ` (at ${d.pointer})`;
  if (d.hint) text += `\n    hint: ${d.hint}`;
  return text;
}

/**
 * Deterministic order: file, line, column, code, message. Exact duplicates (one template rendered
 * for several clusters fails the same way on each) are reported once.
 */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diags.filter((d) => {
    const key = JSON.stringify([d.severity, d.code, d.file, d.line, d.col, d.document, d.pointer, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') ||
      (a.document ?? 0) - (b.document ?? 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A place to report a finding: a file, with a JSON pointer (mapped to line and column later) or a
 * line. Shared by lint's blame helpers and hydrate's Helm errors.
 */
export interface Where {
  file: string;
  document?: number;
  pointer?: string;
  line?: number;
  col?: number;
}
