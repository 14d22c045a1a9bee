import type { Document, LineCounter } from 'yaml';

/** A YAML document kept with its source so any JSON pointer can be mapped back to a line. */
export interface SourceDocument {
  file: string;
  /** 1-based position of the document in its file. */
  index: number;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export interface Position {
  line: number;
  col: number;
}

/** JSON pointers (RFC 6901), the path every diagnostic carries to its value. */
export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map(unescapePointerSegment);
}

export function encodePointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + escapePointerSegment(String(s))).join('');
}

/** One segment of a pointer: `linkerd.io/inject` -> `linkerd.io~1inject`. */
export function escapePointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
