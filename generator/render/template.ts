import Handlebars from 'handlebars';
import { Scalar, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../core/diagnostics.js';
import { parseSourceDocuments, significantErrors, type SourceDocument } from '../core/yaml-source.js';
import { yamlErrorDiagnostic } from '../load/load-config.js';

/**
 * Values and extra-manifest templates are YAML first and Handlebars second: the file is parsed,
 * then each string scalar that holds `{{ }}` is rendered on its own. A variable's content therefore
 * can never change the YAML structure: `a: b`, `# x` or `\nkind: Secret` stays inside one string.
 * A scalar that is exactly one `{{path}}` takes the variable's typed value (number, bool, map).
 */
const hb = Handlebars.create();
hb.registerHelper('default', (value: unknown, fallback: unknown) => (value === undefined || value === null || value === '' ? fallback : value));
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
hb.registerHelper('lower', (s: unknown) => String(s).toLowerCase());
hb.registerHelper('upper', (s: unknown) => String(s).toUpperCase());
hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ',') : String(list)));

type Compiled = (ctx: unknown) => string;
const cache = new Map<string, Compiled>();

function compile(source: string): Compiled {
  let fn = cache.get(source);
  if (!fn) {
    fn = hb.compile(source, { noEscape: true, strict: true, knownHelpersOnly: false });
    cache.set(source, fn);
  }
  return fn;
}

const WHOLE_VAR = /^\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}$/;

export interface RenderedTemplate {
  /** One value per YAML document in the template. */
  documents: unknown[];
  diagnostics: Diagnostic[];
}

/** Render a template file against a context; errors name the template, line and variable. */
export function renderTemplate(file: string, text: string, context: Record<string, unknown>): RenderedTemplate {
  const diagnostics: Diagnostic[] = [];
  const docs = parseSourceDocuments(file, text);
  const out: unknown[] = [];
  for (const src of docs) {
    if (src.doc.errors.length) {
      for (const e of significantErrors(src.doc.errors)) {
        const d = yamlErrorDiagnostic(file, e);
        diagnostics.push({
          ...d,
          code: 'template/not-yaml',
          message: `template is not valid YAML: ${d.message}`,
          hint: 'templates are parsed as YAML before {{ }} is rendered: put {{ }} inside values (quote them), never around keys or blocks',
        });
      }
      continue;
    }
    if (src.doc.contents === null) continue;
    renderDocument(src, context, diagnostics);
    out.push(src.doc.toJS({ maxAliasCount: 100 }));
  }
  return { documents: out, diagnostics };
}

function renderDocument(src: SourceDocument, context: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  const doc = src.doc as Document;
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('{{')) return undefined;
      const raw = node.value;
      const pos = src.lineCounter.linePos(node.range?.[0] ?? 0);
      const whole = key !== 'key' ? WHOLE_VAR.exec(raw) : null;
      try {
        if (whole) {
          const value = lookup(context, whole[1]!);
          if (value === undefined) throw new MissingVariable(whole[1]!);
          if (typeof value !== 'string') return doc.createNode(value) as Node;
        }
        // A new Scalar holding a JS string stays a string even if it reads like a number or bool.
        return new Scalar(compile(raw)(context));
      } catch (e) {
        diagnostics.push(templateError(src.file, e, pos, raw, context));
        return undefined;
      }
    },
  });
}

class MissingVariable extends Error {
  constructor(readonly variable: string) {
    super(`"${variable}" not defined`);
  }
}

function lookup(ctx: Record<string, unknown>, dotted: string): unknown {
  let cur: unknown = ctx;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(part in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function templateError(file: string, e: unknown, pos: { line: number; col: number }, raw: string, context: Record<string, unknown>): Diagnostic {
  const err = e as Error & { lineNumber?: number; column?: number };
  const missing = e instanceof MissingVariable ? e.variable : /^"([^"]+)" not defined/.exec(err.message)?.[1];
  // Handlebars positions are relative to the scalar; add them to the scalar's own position.
  const line = pos.line + Math.max(0, (err.lineNumber ?? 1) - 1);
  const col = err.lineNumber && err.lineNumber > 1 ? (err.column ?? 0) + 1 : pos.col;
  if (missing) {
    const path = findFullPath(raw, missing);
    return {
      severity: 'error',
      code: 'template/missing-variable',
      file,
      line,
      col,
      message: `template variable '${path}' is not defined`,
      hint: `variables available: ${Object.keys(context).sort().join(', ')} (cluster settings are under settings.*, your own under vars.*)`,
    };
  }
  return { severity: 'error', code: 'template/error', file, line, col, message: `template error: ${err.message.split('\n')[0]}` };
}

/** Handlebars names only the last path segment; recover the whole expression from the source. */
function findFullPath(raw: string, segment: string): string {
  const re = /\{\{[#/]?\s*(?:[\w-]+\s+)?([A-Za-z_@][\w.-]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const p = m[1]!;
    if (p === segment || p.endsWith('.' + segment)) return p;
  }
  return segment;
}
