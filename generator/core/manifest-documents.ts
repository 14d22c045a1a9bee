/**
 * Reads manifest files into plain objects, one per YAML document, the way kubeconform and the API
 * server do (YAML 1.1 scalars, merge keys, timestamps kept as strings, duplicate keys refused).
 *
 * Speed: generated output is validated from the objects the renderer already holds
 * (`renderedManifests`); files read from disk are read by js-yaml with YAML 1.1 scalars
 * (`yaml11.ts`), several times faster than a positioned `yaml` tree. Either way the `yaml` tree
 * with positions is built only when a document has an error; a file js-yaml refuses goes to
 * `yaml` straight away, which reports the error where it is.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceDocument } from '../model/source.js';
import { MANIFEST_YAML_OPTIONS } from '../model/yaml.js';
import { loadAllFast } from './yaml11.js';

export interface ManifestFile {
  /** Repository-relative, forward slashes, e.g. `manifests/apps/pi/cert-manager.yaml`. */
  path: string;
  text: string;
}

export interface ParsedManifest {
  /** 1-based position of the document in its file (empty documents count, as in `yaml`). */
  index: number;
  /** The document as plain data (never null: empty documents are not returned). */
  object: unknown;
  /** The document's `yaml` tree with positions; built on first access. */
  readonly source: SourceDocument;
}

export function parseManifestFile(file: ManifestFile): { docs: ParsedManifest[]; diagnostics: Diagnostic[] } {
  let fast: unknown[];
  try {
    fast = loadAllFast(file.text);
  } catch {
    // Any YAML error (duplicate keys included): the exact path reports it with its position.
    return parseWithYaml(file);
  }
  const docs: ParsedManifest[] = [];
  const sourceAt = lazySources(file);
  fast.forEach((object, i) => {
    if (object !== null && object !== undefined) docs.push(lazyManifest(i + 1, object, sourceAt));
  });
  return { docs, diagnostics: [] };
}

/** `yaml` documents with positions, built on first use (only documents with errors need them). */
function lazySources(file: ManifestFile): (index: number) => SourceDocument {
  let tree: SourceDocument[] | undefined;
  return (index) => {
    tree ??= manifestSources(file.path, file.text);
    const src = tree[index - 1];
    if (!src) throw new Error(`${file.path}: document ${index} not found by the yaml parser`);
    return src;
  };
}

/**
 * Documents the generator rendered itself: the objects are already in hand, and the text (their
 * serialisation) is parsed for positions only if a document turns out to be invalid.
 */
export function renderedManifests(file: ManifestFile, objects: readonly unknown[]): ParsedManifest[] {
  const sourceAt = lazySources(file);
  // A JSON round trip drops `undefined` members exactly as serialisation does.
  return objects.map((object, i) => lazyManifest(i + 1, JSON.parse(JSON.stringify(object)) as unknown, sourceAt));
}

function lazyManifest(index: number, object: unknown, sourceAt: (index: number) => SourceDocument): ParsedManifest {
  return {
    index,
    object,
    get source() {
      return sourceAt(index);
    },
  };
}

/** Every document of a manifest file as a `yaml` tree with positions (errors included). */
export function manifestSources(file: string, text: string): SourceDocument[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { ...MANIFEST_YAML_OPTIONS, lineCounter });
  const list = Array.isArray(parsed) ? parsed : [];
  return list.map((doc, i) => ({ file, index: i + 1, doc: doc as Document.Parsed, lineCounter }));
}

/** The exact path: every document through `yaml`, errors with their positions. */
export function parseWithYaml(file: ManifestFile): { docs: ParsedManifest[]; diagnostics: Diagnostic[] } {
  const docs: ParsedManifest[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const src of manifestSources(file.path, file.text)) {
    const { doc, index, lineCounter } = src;
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = lineCounter.linePos(err.pos[0]);
        const duplicate = err.code === 'DUPLICATE_KEY';
        diagnostics.push({
          severity: 'error',
          code: duplicate ? 'schema/duplicate-key' : 'schema/yaml-syntax',
          message: duplicate ? `duplicate key '${keyAt(file.text, err.pos[0])}'` : firstLine(err.message),
          file: file.path,
          line: pos.line,
          col: pos.col,
          document: index,
        });
      }
      continue;
    }
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const message = firstLine(String((e as Error).message ?? e)); // e.g. too many aliases
      diagnostics.push({ severity: 'error', code: 'schema/yaml-syntax', message, file: file.path, document: index });
      continue;
    }
    if (object === null || object === undefined) continue; // empty, comment-only or `null`: skipped like kubeconform
    docs.push({ index, object, source: src });
  }
  return { docs, diagnostics };
}

/** The key text starting at `offset` (a plain or quoted scalar up to its `:`). */
function keyAt(text: string, offset: number): string {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n]*?)\s*:(?:\s|$)/.exec(text.slice(offset, offset + 300));
  return m ? m[1]!.replace(/^["']|["']$/g, '') : text.slice(offset, text.indexOf('\n', offset) >>> 0).trim();
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).trim();
}
