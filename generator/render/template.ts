import Handlebars from 'handlebars';
import { Scalar, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { parseSourceDocuments, significantErrors } from '../core/yaml-source.js';
import type { SourceDocument } from '../model/source.js';
import { closest } from '../core/suggest.js';
import { yamlErrorDiagnostic } from '../core/yaml-errors.js';

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

/** A template parsed once: its documents and the problems that do not depend on the context. */
interface ParsedTemplate {
  docs: SourceDocument[];
  diagnostics: Diagnostic[];
}

// Keyed by file and text: one app's template renders once per cluster, and the parse dominates.
const parsed = new Map<string, ParsedTemplate>();

function parseTemplate(file: string, text: string): ParsedTemplate {
  const key = `${file}\0${text}`;
  let p = parsed.get(key);
  if (p) return p;
  const diagnostics: Diagnostic[] = [];
  const docs: SourceDocument[] = [];
  for (const src of parseSourceDocuments(file, text)) {
    if (src.doc.errors.length) {
      for (const e of significantErrors(src.doc.errors)) {
        const d = yamlErrorDiagnostic(file, e, text);
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
    const unquoted = unquotedExpressions(src, text);
    if (unquoted.length) {
      diagnostics.push(...unquoted);
      continue;
    }
    docs.push(src);
  }
  p = { docs, diagnostics };
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(key, p);
  return p;
}

/** Render a template file against a context; errors name the template, line and variable. */
export function renderTemplate(file: string, text: string, context: Record<string, unknown>): RenderedTemplate {
  const template = parseTemplate(file, text);
  const diagnostics: Diagnostic[] = [...template.diagnostics];
  const out: unknown[] = [];
  for (const src of template.docs) {
    // Render a copy: the parsed template is shared by every cluster and app that uses it.
    const copy: SourceDocument = { ...src, doc: src.doc.clone() as Document.Parsed };
    renderDocument(copy, context, diagnostics);
    try {
      out.push(copy.doc.toJS({ maxAliasCount: 100 }));
    } catch (e) {
      diagnostics.push({ severity: 'error', code: 'template/not-yaml', file, message: `template cannot be read: ${(e as Error).message}`, hint: 'YAML aliases may be used at most 100 times per document' });
    }
  }
  return { documents: out, diagnostics };
}

/**
 * `key: {{x}}` without quotes is a YAML flow mapping, not a template: YAML reads it before
 * Handlebars ever sees it and the value silently becomes a map. Every `{{` in the text must sit
 * inside a string value (or a comment).
 */
function unquotedExpressions(src: SourceDocument, text: string): Diagnostic[] {
  const [start, , end] = src.doc.range;
  const inside: [number, number][] = [];
  visit(src.doc as Document, {
    Scalar(_k, node) {
      if (typeof node.value === 'string' && node.value.includes('{{') && node.range) inside.push([node.range[0], node.range[1]]);
    },
  });
  const out: Diagnostic[] = [];
  const re = /\{\{/g;
  const body = text.slice(0, end);
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const at = m.index;
    if (inside.some(([a, b]) => at >= a && at < b)) continue;
    const lineStart = body.lastIndexOf('\n', at - 1) + 1;
    if (/(^|\s)#/.test(body.slice(lineStart, at))) continue; // in a comment
    const pos = src.lineCounter.linePos(at);
    out.push({
      severity: 'error',
      code: 'template/unquoted-expression',
      file: src.file,
      line: pos.line,
      col: pos.col,
      message: 'a {{ }} expression outside quotes: YAML reads it as a flow mapping, so it would never be rendered',
      hint: `quote the whole value, e.g. key: "${body.slice(at, body.indexOf('}}', at) + 2 || at + 2)}"`,
    });
    re.lastIndex = body.indexOf('}}', at) + 2 || at + 2;
  }
  return out;
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
        // Handlebars renders a blocked or inherited property (`constructor`) as empty even in
        // strict mode; every plain {{path}} must resolve through the context's own properties.
        for (const path of plainPaths(raw)) if (lookup(context, path) === undefined) throw new MissingVariable(path);
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

/** The paths of plain `{{path}}` mustaches (not helpers, blocks, `this` or `@data`). */
function plainPaths(raw: string): string[] {
  const out: string[] = [];
  const re = /\{\{~?\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*~?\}\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) if (!hb.helpers[m[1]!] && m[1] !== 'this') out.push(m[1]!);
  return out;
}

/** Every dotted path of the context, for did-you-mean (maps only, a few levels deep). */
function contextPaths(ctx: unknown, prefix = '', depth = 0, out: string[] = []): string[] {
  if (depth > 4 || ctx === null || typeof ctx !== 'object' || Array.isArray(ctx)) return out;
  for (const [k, v] of Object.entries(ctx)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    contextPaths(v, p, depth + 1, out);
  }
  return out;
}

class MissingVariable extends Error {
  constructor(readonly variable: string) {
    super(`"${variable}" not defined`);
  }
}

function lookup(ctx: Record<string, unknown>, dotted: string): unknown {
  let cur: unknown = ctx;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
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
    const guess = closest(path, contextPaths(context));
    return {
      severity: 'error',
      code: 'template/missing-variable',
      file,
      line,
      col,
      message: `template variable '${path}' is not defined${guess ? `; did you mean '${guess}'?` : ''}`,
      hint: `variables available: ${Object.keys(context).sort().join(', ')} (cluster settings are under settings.*, your own under vars.*)`,
    };
  }
  // Handlebars parse errors span lines: the headline, the source, a caret, then what it expected.
  const lines = err.message.split('\n').filter((l) => l.trim() !== '');
  const detail = lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : (lines[0] ?? 'unknown error');
  return { severity: 'error', code: 'template/error', file, line, col, message: `template error: ${detail}` };
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
