import { isMap, isPair, isScalar, isSeq, Scalar, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { parseSourceDocuments, significantErrors } from '../core/yaml-source.js';
import type { SourceDocument } from '../model/source.js';
import { yamlErrorDiagnostic } from '../core/yaml-errors.js';
import { lookupOwn, MissingVariable, renderString, templateError, WHOLE_VAR } from '../core/handlebars.js';

/**
 * Values and extra-manifest templates are YAML first and Handlebars second: the file is parsed,
 * then each string scalar that holds `{{ }}` is rendered on its own (by the rules of
 * `core/handlebars.ts`). A variable's content therefore can never change the YAML structure:
 * `a: b`, `# x` or `\nkind: Secret` stays inside one string. A scalar that is exactly one
 * `{{path}}` takes the variable's typed value (number, bool, map).
 */

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
export function renderTemplate(file: string, text: string, context: Record<string, unknown>, opts: { throughCopy?: boolean } = {}): RenderedTemplate {
  const template = parseTemplate(file, text);
  const diagnostics: Diagnostic[] = [...template.diagnostics];
  const out: unknown[] = [];
  for (const src of template.docs) {
    // throughCopy: the general way for every document (tests compare the two).
    const direct = opts.throughCopy ? undefined : renderDirect(src, context);
    if (direct) {
      diagnostics.push(...direct.diagnostics);
      out.push(direct.value);
      continue;
    }
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
  // A plain walk over every scalar, keys included (this runs on every template; visit() is slower).
  const walk = (node: unknown): void => {
    if (isScalar(node)) {
      if (typeof node.value === 'string' && node.value.includes('{{') && node.range) inside.push([node.range[0], node.range[1]]);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          walk(item.key);
          walk(item.value);
        } else walk(item);
      }
    }
  };
  walk(src.doc.contents);
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

/** Thrown inside renderDirect when a document has more than maps, lists and plain scalars. */
const NOT_DIRECT = new Error('rendered through a copy of the document');

/**
 * The rendered value of one document read straight off the parsed template, without copying its
 * node tree: what renderDocument and toJS make of it, for documents of maps, lists and untagged
 * scalars without anchors, aliases or merge keys (every values file seen in practice). Undefined
 * for any other document, which is then rendered through a copy.
 */
export function renderDirect(src: SourceDocument, context: Record<string, unknown>): { value: unknown; diagnostics: Diagnostic[] } | undefined {
  const diagnostics: Diagnostic[] = [];
  const render = (node: Scalar, raw: string, asKey: boolean): unknown => {
    const whole = asKey ? null : WHOLE_VAR.exec(raw);
    try {
      if (whole) {
        const value = lookupOwn(context, whole[1]!);
        if (value === undefined) throw new MissingVariable(whole[1]!);
        if (typeof value !== 'string') return plainCopy(value, new Set());
      }
      return renderString(raw, context);
    } catch (e) {
      if (e === NOT_DIRECT) throw e;
      diagnostics.push(templateError(src.file, e, src.lineCounter.linePos(node.range?.[0] ?? 0), raw, context));
      return raw;
    }
  };
  const value = (node: unknown, asKey = false): unknown => {
    if (node === null || node === undefined) return null;
    if (isScalar(node)) {
      if (node.tag !== undefined || node.anchor !== undefined) throw NOT_DIRECT;
      const v = node.value;
      if (typeof v === 'string') return v.includes('{{') ? render(node, v, asKey) : v;
      if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
      throw NOT_DIRECT;
    }
    if (isMap(node)) {
      if (node.tag !== undefined || node.anchor !== undefined) throw NOT_DIRECT;
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isScalar(pair.key)) throw NOT_DIRECT;
        const k = value(pair.key, true);
        // toJS's key text: '' for null, the string of a number or boolean.
        const key = k === null ? '' : typeof k === 'object' ? undefined : String(k);
        if (key === undefined || key === '<<') throw NOT_DIRECT;
        const v = value(pair.value);
        if (key in obj) Object.defineProperty(obj, key, { value: v, writable: true, enumerable: true, configurable: true });
        else obj[key] = v;
      }
      return obj;
    }
    if (isSeq(node)) {
      if (node.tag !== undefined || node.anchor !== undefined) throw NOT_DIRECT;
      return node.items.map((item) => {
        if (!isScalar(item) && !isMap(item) && !isSeq(item) && item !== null) throw NOT_DIRECT;
        return value(item);
      });
    }
    throw NOT_DIRECT;
  };
  try {
    return { value: value(src.doc.contents), diagnostics };
  } catch (e) {
    if (e === NOT_DIRECT) return undefined;
    throw e;
  }
}

/**
 * A variable's typed value as the document gets it (a deep copy, as createNode + toJS make), for
 * plain data in which no object appears twice; anything else renders through a copy.
 */
function plainCopy(v: unknown, seen: Set<object>): unknown {
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v !== 'object' || seen.has(v)) throw NOT_DIRECT;
  seen.add(v);
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) throw NOT_DIRECT;
    return v.map((x) => {
      if (x === undefined) throw NOT_DIRECT;
      return plainCopy(x, seen);
    });
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) throw NOT_DIRECT;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (k === '__proto__') throw NOT_DIRECT;
    out[k] = plainCopy(x, seen);
  }
  return out;
}

function renderDocument(src: SourceDocument, context: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  const doc = src.doc as Document;
  // visit() goes on into a node it was handed as a replacement; a rendered value is final (an
  // escaped \{{ renders to a literal {{ that must not be rendered again).
  const rendered = new WeakSet<object>();
  visit(doc, {
    Scalar(key, node) {
      if (rendered.has(node) || typeof node.value !== 'string' || !node.value.includes('{{')) return undefined;
      const raw = node.value;
      const pos = src.lineCounter.linePos(node.range?.[0] ?? 0);
      const whole = key !== 'key' ? WHOLE_VAR.exec(raw) : null;
      try {
        if (whole) {
          const value = lookupOwn(context, whole[1]!);
          if (value === undefined) throw new MissingVariable(whole[1]!);
          if (typeof value !== 'string') return final(doc.createNode(value) as Node);
        }
        // A new Scalar holding a JS string stays a string even if it reads like a number or bool.
        return final(new Scalar(renderString(raw, context)));
      } catch (e) {
        diagnostics.push(templateError(src.file, e, pos, raw, context));
        return undefined;
      }
    },
  });

  function final<N extends Node>(node: N): N {
    rendered.add(node);
    // A typed value (a map or list) holds strings of its own that are values, not templates.
    visit(node, { Scalar: (_k, n) => void rendered.add(n) });
    return node;
  }
}
