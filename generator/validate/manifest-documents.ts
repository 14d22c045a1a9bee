/**
 * Reads manifest files into plain objects, one per YAML document, the way kubeconform and the API
 * server do (YAML 1.1 scalars, merge keys, timestamps kept as strings, duplicate keys refused).
 *
 * Speed: generated output is validated from the objects the renderer already holds
 * (`renderedManifests`), so the YAML text is parsed only when a document has an error and its
 * positions are needed. Files read from disk go through the `yaml` package.
 */
import { LineCounter, parseAllDocuments, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Diagnostic } from '../core/diagnostics.js';
import type { SourceDocument } from '../core/yaml-source.js';

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

/** Options for the `yaml` package matching kubeconform's reader (sigs.k8s.io/yaml, YAML 1.1). */
export const MANIFEST_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  // Kubernetes keeps timestamps as strings; `yaml` 1.1 would turn them into Date objects.
  customTags: (tags) => tags.filter((t) => typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:timestamp'),
};

export function parseManifestFile(file: ManifestFile): { docs: ParsedManifest[]; diagnostics: Diagnostic[] } {
  return parseWithYaml(file);
}

/**
 * Documents the generator rendered itself: the objects are already in hand, and the text (their
 * serialisation) is parsed for positions only if a document turns out to be invalid.
 */
export function renderedManifests(file: ManifestFile, objects: readonly unknown[]): ParsedManifest[] {
  let tree: SourceDocument[] | undefined;
  const sourceAt = (index: number): SourceDocument => {
    tree ??= yamlSources(file);
    const src = tree[index - 1];
    if (!src) throw new Error(`${file.path}: document ${index} not found by the yaml parser`);
    return src;
  };
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

function yamlSources(file: ManifestFile): SourceDocument[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(file.text, { ...MANIFEST_YAML_OPTIONS, lineCounter });
  const list = Array.isArray(parsed) ? parsed : [];
  return list.map((doc, i) => ({ file: file.path, index: i + 1, doc: doc as Document.Parsed, lineCounter }));
}

/** The exact path: every document through `yaml`, errors with their positions. */
export function parseWithYaml(file: ManifestFile): { docs: ParsedManifest[]; diagnostics: Diagnostic[] } {
  const docs: ParsedManifest[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const src of yamlSources(file)) {
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
