import { Document, isMap, isPair, isScalar, isSeq, parse, Scalar } from 'yaml';
import { headerComment } from '../model/files.js';
import { MANIFEST_DOCUMENT_OPTIONS, MANIFEST_TO_STRING_OPTIONS, YAML11_RESERVED_WORDS } from '../model/yaml.js';

/** Go's strconv (Helm, kubectl) reads these as numbers even where YAML 1.1 would not. */
const GO_NUMBER = /^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\.?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;

const ambiguousCache = new Map<string, boolean>();
const SIMPLE_WORD = /^[A-Za-z][A-Za-z0-9_./-]*$/;

/**
 * True when a plain (unquoted) string would be read as something else by a YAML 1.1 reader
 * (Helm/go-yaml: yes/no/on/off, sexagesimal, dates), a YAML 1.2 reader, or Go's number parser.
 */
export function isAmbiguousString(s: string): boolean {
  // Most strings are names and paths that start with a letter: those can only be misread as one of
  // the YAML 1.1 boolean/null words, so skip the parser for them.
  if (SIMPLE_WORD.test(s)) return YAML11_RESERVED_WORDS.has(s.toLowerCase());
  let r = ambiguousCache.get(s);
  if (r === undefined) {
    r = false;
    if (s === '' || GO_NUMBER.test(s)) r = true;
    else if (!s.includes('\n')) {
      try {
        r = typeof parse(s, { version: '1.1', logLevel: 'silent' }) !== 'string' || typeof parse(s, { logLevel: 'silent' }) !== 'string';
      } catch {
        r = false;
      }
    }
    if (ambiguousCache.size > 100_000) ambiguousCache.clear();
    ambiguousCache.set(s, r);
  }
  return r;
}

/**
 * Deterministic YAML that Helm and Argo CD read exactly as meant: keys sorted, no line folding,
 * block literals for multi-line strings (PEM), and double quotes on every string that a YAML 1.1
 * or Go reader would take for a boolean, number or date.
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value, MANIFEST_DOCUMENT_OPTIONS);
  styleScalars(doc.contents);
  return doc.toString(MANIFEST_TO_STRING_OPTIONS);
}

/**
 * Block literals for multi-line strings (the library falls back to quoting where a block cannot
 * hold the text), double quotes for ambiguous ones. A plain walk: this runs on every scalar of
 * every generated file.
 */
function styleScalars(node: unknown): void {
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        styleScalars(item.key);
        styleScalars(item.value);
      } else styleScalars(item);
    }
  } else if (isScalar(node) && typeof node.value === 'string') {
    if (node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    else if (isAmbiguousString(node.value)) node.type = Scalar.QUOTE_DOUBLE;
  }
}

/** A header comment naming the sources, then one or more YAML documents. */
export function renderYamlFile(sources: readonly string[], documents: readonly unknown[], command?: string): string {
  const header = headerComment(sources, command);
  return header + documents.map((d) => toYaml(d)).join('---\n');
}
