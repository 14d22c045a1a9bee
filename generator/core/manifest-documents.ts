/**
 * Reads manifest files into plain objects, one per YAML document, the way kubeconform and the API
 * server do (YAML 1.1 scalars, merge keys, timestamps kept as strings, duplicate keys refused).
 *
 * Speed: generated output is validated from the objects the renderer already holds
 * (`renderedManifests`); files read from disk are read by js-yaml with YAML 1.1 scalars
 * (`yaml11.ts`), several times faster than a positioned `yaml` tree. Either way a `yaml` tree
 * with positions is built only for a document that has an error, and only for that document
 * (`document-split.ts` finds its lines), so an error in a huge file costs about what reading it
 * does. A file js-yaml refuses is read document by document, and `yaml` reports the error in the
 * document that has it.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceDocument } from '../model/source.js';
import { MANIFEST_YAML_OPTIONS } from '../model/yaml.js';
import { splitYamlDocuments, type DocumentRange } from './document-split.js';
import { loadAllFast, loadOneFast } from './yaml11.js';

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
    // Any YAML error (duplicate keys included): document by document, the bad ones with positions.
    return parseByDocument(file);
  }
  const docs: ParsedManifest[] = [];
  const sourceAt = lazySources(file, fast);
  fast.forEach((object, i) => {
    if (object !== null && object !== undefined) docs.push(lazyManifest(i + 1, object, sourceAt));
  });
  return { docs, diagnostics: [] };
}

/**
 * The `yaml` tree with positions of one document, built on first use (only documents with errors
 * need one) from that document's lines alone. Should the document found there not be the one the
 * fast reader read (a numbering the scanner does not share), the whole file is parsed instead.
 */
function lazySources(file: ManifestFile, objects: readonly unknown[]): (index: number) => SourceDocument {
  let ranges: DocumentRange[] | undefined;
  let whole: SourceDocument[] | undefined;
  const wholeFile = (index: number): SourceDocument => {
    whole ??= manifestSources(file.path, file.text);
    const src = whole[index - 1];
    if (!src) throw new Error(`${file.path}: document ${index} not found by the yaml parser`);
    return src;
  };
  return (index) => {
    if (whole) return wholeFile(index);
    ranges ??= splitYamlDocuments(file.text);
    const range = ranges[index - 1];
    const one = range && documentSource(file, range, index);
    return one && sameData(one.src, objects[index - 1]) ? one.src : wholeFile(index);
  };
}

function sameData(src: SourceDocument, object: unknown): boolean {
  try {
    return JSON.stringify(src.doc.toJS({ maxAliasCount: 100 })) === JSON.stringify(object);
  } catch {
    return false;
  }
}

/** One document parsed from its own lines, with line numbers of the whole file. */
function documentSource(file: ManifestFile, range: DocumentRange, index: number): { src: SourceDocument; text: string } | undefined {
  const text = file.text.slice(range.start, range.end);
  const local = new LineCounter();
  const parsed = parseAllDocuments(text, { ...MANIFEST_YAML_OPTIONS, lineCounter: local });
  const docs = Array.isArray(parsed) ? parsed : [];
  if (docs.length !== 1) return undefined;
  // Offsets stay those of the document's own text; lines are shifted to the file's.
  const lineCounter = {
    lineStarts: local.lineStarts,
    addNewLine: (offset: number) => local.addNewLine(offset),
    linePos: (offset: number) => {
      const p = local.linePos(offset);
      return { line: p.line + range.line, col: p.col };
    },
  } as LineCounter;
  return { src: { file: file.path, index, doc: docs[0] as Document.Parsed, lineCounter }, text };
}

/** A file js-yaml refuses, one document at a time: errors where they are, the rest read fast. */
function parseByDocument(file: ManifestFile): { docs: ParsedManifest[]; diagnostics: Diagnostic[] } {
  const docs: ParsedManifest[] = [];
  const diagnostics: Diagnostic[] = [];
  const ranges = splitYamlDocuments(file.text);
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    const index = i + 1;
    let object: unknown;
    try {
      object = loadOneFast(file.text.slice(range.start, range.end));
    } catch {
      const one = documentSource(file, range, index);
      // The scanner and the parser disagree on where documents are: read the file as one.
      if (!one) return parseWithYaml(file);
      const r = fromSource(one.src, one.text);
      diagnostics.push(...r.diagnostics);
      if (r.doc) docs.push(r.doc);
      continue;
    }
    if (object !== null && object !== undefined) {
      let src: SourceDocument | undefined;
      docs.push({
        index,
        object,
        get source() {
          src ??= documentSource(file, range, index)?.src ?? manifestSources(file.path, file.text)[index - 1]!;
          return src;
        },
      });
    }
  }
  return { docs, diagnostics };
}

/**
 * Documents the generator rendered itself: the objects are already in hand, and the text (their
 * serialisation) is parsed for positions only if a document turns out to be invalid.
 */
export function renderedManifests(file: ManifestFile, objects: readonly unknown[]): ParsedManifest[] {
  // A JSON round trip drops `undefined` members exactly as serialisation does.
  const plain = objects.map((object) => JSON.parse(JSON.stringify(object)) as unknown);
  const sourceAt = lazySources(file, plain);
  return plain.map((object, i) => lazyManifest(i + 1, object, sourceAt));
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
    const r = fromSource(src, file.text);
    diagnostics.push(...r.diagnostics);
    if (r.doc) docs.push(r.doc);
  }
  return { docs, diagnostics };
}

/** One positioned document: its errors, or its data (none for an empty document). `text` holds its offsets. */
function fromSource(src: SourceDocument, text: string): { doc?: ParsedManifest; diagnostics: Diagnostic[] } {
  const { doc, index, lineCounter, file } = src;
  if (doc.errors.length > 0) {
    return {
      diagnostics: doc.errors.map((err): Diagnostic => {
        const pos = lineCounter.linePos(err.pos[0]);
        const duplicate = err.code === 'DUPLICATE_KEY';
        return {
          severity: 'error',
          code: duplicate ? 'schema/duplicate-key' : 'schema/yaml-syntax',
          message: duplicate ? `duplicate key '${keyAt(text, err.pos[0])}'` : firstLine(err.message),
          file,
          line: pos.line,
          col: pos.col,
          document: index,
        };
      }),
    };
  }
  let object: unknown;
  try {
    object = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = firstLine(String((e as Error).message ?? e)); // e.g. too many aliases
    return { diagnostics: [{ severity: 'error', code: 'schema/yaml-syntax', message, file, document: index }] };
  }
  // Empty, comment-only or `null`: skipped like kubeconform.
  if (object === null || object === undefined) return { diagnostics: [] };
  return { doc: { index, object, source: src }, diagnostics: [] };
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
