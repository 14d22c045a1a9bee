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
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function encodePointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
