import { Document, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import { headerComment } from '../model/files.js';
import { MANIFEST_DOCUMENT_OPTIONS, MANIFEST_TO_STRING_OPTIONS } from '../model/yaml.js';
import { isAmbiguousString } from './yaml-ambiguous.js';
import { emitManifestDocument } from './yaml-emit.js';

export { isAmbiguousString } from './yaml-ambiguous.js';

/**
 * Deterministic YAML that Helm and Argo CD read exactly as meant: keys sorted, no line folding,
 * block literals for multi-line strings (PEM), and double quotes on every string that a YAML 1.1
 * or Go reader would take for a boolean, number or date.
 */
export function toYaml(value: unknown): string {
  // The common shape is written directly (core/yaml-emit.ts); the rest by the library.
  return emitManifestDocument(value) ?? libraryYaml(value);
}

/** toYaml through the `yaml` package's node tree: every value, at its speed. */
export function libraryYaml(value: unknown): string {
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
