import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { decodePointer, type Position, type SourceDocument } from '../model/source.js';

/** Parse every document of a file with positions; duplicate keys are errors (`uniqueKeys`). */
export function parseSourceDocuments(file: string, text: string): SourceDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc, i) => ({ file, index: i + 1, doc: doc as Document.Parsed, lineCounter }));
}

/**
 * The errors worth showing: the first syntax error (later ones are usually its echoes) and every
 * duplicate key (each is its own mistake).
 */
export function significantErrors<E extends { code: string }>(errors: readonly E[]): E[] {
  const first = errors[0];
  if (!first) return [];
  return [first, ...errors.slice(1).filter((e) => e.code === 'DUPLICATE_KEY')];
}

/**
 * The source position of the value at `pointer`; with `key`, the position of that key inside the
 * map at `pointer` (for "unknown key" errors). Falls back to the nearest existing ancestor.
 */
export function positionOf(src: SourceDocument, pointer: string, key?: string): Position {
  const segments = decodePointer(pointer);
  if (key !== undefined) segments.push(key);
  let node: unknown = src.doc.contents;
  let best: Node | undefined = (node as Node | null) ?? undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const wantKey = key !== undefined && i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      if (wantKey && pair.key && isScalar(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
      if (node && (node as Node).range) best = node as Node;
      else if (isScalar(pair.key)) best = pair.key;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      node = item;
      if ((item as Node).range) best = item as Node;
    } else break;
  }
  const offset = best?.range?.[0] ?? 0;
  const p = src.lineCounter.linePos(offset);
  return { line: p.line, col: p.col };
}

/** Give a line and column to diagnostics that know only their config file and JSON pointer. */
export function locate(diags: Diagnostic[], sources: ReadonlyMap<string, SourceDocument>): Diagnostic[] {
  return diags.map((d) => {
    if (d.line !== undefined || d.file === undefined || d.pointer === undefined) return d;
    const src = sources.get(d.file);
    return src ? { ...d, ...positionOf(src, d.pointer) } : d;
  });
}
