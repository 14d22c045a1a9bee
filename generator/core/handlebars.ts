import Handlebars from 'handlebars';
import type { Diagnostic } from '../model/diagnostics.js';
import { closest } from './suggest.js';

/**
 * The Handlebars rules every `{{ }}` of the config is rendered by (values and resources templates,
 * Ingress hosts, settings): strict mode, no HTML escaping, lookups through own properties only,
 * and the same few helpers. One instance, so a template and a setting can never disagree.
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

export function compileTemplate(source: string): Compiled {
  let fn = cache.get(source);
  if (!fn) {
    fn = hb.compile(source, { noEscape: true, strict: true, knownHelpersOnly: false });
    cache.set(source, fn);
  }
  return fn;
}

/** A string that is exactly one `{{path}}`: it may take the variable's typed value. */
export const WHOLE_VAR = /^\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}$/;

/** The paths of plain `{{path}}` mustaches (not helpers, blocks, `this`, `@data` or an escaped `\\{{`). */
export function plainPaths(raw: string): string[] {
  const out: string[] = [];
  const re = /(?<!\\)\{\{~?\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*~?\}\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) if (!hb.helpers[m[1]!] && m[1] !== 'this') out.push(m[1]!);
  return out;
}

/**
 * Every variable path the template reads, helper arguments included (`{{default settings.x "y"}}`
 * reads `settings.x`), from Handlebars' own parse. Throws Handlebars' error on a syntax error.
 */
export function referencedPaths(raw: string): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; data?: boolean; parts?: string[]; original?: string; path?: { type?: string; parts?: string[] } };
    if (n.type === 'PathExpression') {
      if (!n.data && n.parts && n.parts.length && !hb.helpers[n.original ?? ''] && n.original !== 'this') out.add(n.parts.join('.'));
      return;
    }
    // A helper or block name is not a variable; its arguments and body are.
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && !(k === 'path' && isHelperCall(n))) visit(v);
  };
  visit(Handlebars.parse(raw));
  return [...out].sort();
}

function isHelperCall(n: { type?: string; path?: { type?: string; parts?: string[] }; params?: unknown[] }): boolean {
  const name = n.path?.parts?.join('.') ?? '';
  return (n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement') && (Boolean(hb.helpers[name]) || (n.params?.length ?? 0) > 0);
}

export class MissingVariable extends Error {
  constructor(readonly variable: string) {
    super(`"${variable}" not defined`);
  }
}

/** A dotted path through own properties only (Handlebars would also find `constructor`). */
export function lookupOwn(ctx: Record<string, unknown>, dotted: string): unknown {
  let cur: unknown = ctx;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Render one string. Handlebars renders a blocked or inherited property (`constructor`) as empty
 * even in strict mode, so every plain {{path}} must first resolve through own properties.
 * Throws MissingVariable or Handlebars' own error.
 */
export function renderString(raw: string, context: Record<string, unknown>): string {
  for (const p of plainPaths(raw)) if (lookupOwn(context, p) === undefined) throw new MissingVariable(p);
  return compileTemplate(raw)(context);
}

/** Every dotted path of the context, for did-you-mean (maps only, a few levels deep). */
export function contextPaths(ctx: unknown, prefix = '', depth = 0, out: string[] = []): string[] {
  if (depth > 4 || ctx === null || typeof ctx !== 'object' || Array.isArray(ctx)) return out;
  for (const [k, v] of Object.entries(ctx)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    contextPaths(v, p, depth + 1, out);
  }
  return out;
}

/**
 * A rendering failure as a diagnostic at the string's position: a missing variable with a
 * did-you-mean over the context's paths, or Handlebars' parse error in one line.
 */
export function templateError(file: string, e: unknown, pos: { line: number; col: number }, raw: string, context: Record<string, unknown>): Diagnostic {
  const err = e as Error & { lineNumber?: number; column?: number };
  const missing = e instanceof MissingVariable ? e.variable : /^"([^"]+)" not defined/.exec(err.message)?.[1];
  // Handlebars positions are relative to the string; add them to the string's own position.
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
