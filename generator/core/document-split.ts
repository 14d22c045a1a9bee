/**
 * Where each YAML document of a multi-document text begins and ends, found by scanning line starts
 * only, so that one document can be parsed (with positions) without parsing the whole file.
 *
 * YAML forbids a `---` or `...` at the start of a line followed by a space, a tab or the line end
 * anywhere inside content (block scalars and quoted strings included), so those lines are document
 * boundaries wherever they occur; an indented `---` in a block scalar is content. Documents are
 * numbered as the `yaml` package numbers them: comment, blank and directive lines between
 * documents start none (they go with the next one), a `...` outside any document is an empty one,
 * and a trailing run of comments after the last document is not a document of its own.
 */
export interface DocumentRange {
  /** Offset of the document's first character (its leading comments and directives included). */
  start: number;
  /** Offset just past its last character. */
  end: number;
  /** 0-based line of `start` in the whole text. */
  line: number;
}

const DASH = 0x2d;
const DOT = 0x2e;

export function splitYamlDocuments(text: string): DocumentRange[] {
  const ranges: DocumentRange[] = [];
  let inDoc = false;
  let start = 0;
  let startLine = 0;
  let pending = 0; // where the next document's text begins
  let pendingLine = 0;
  let line = 0;
  for (let at = 0; at < text.length; line++) {
    const nl = text.indexOf('\n', at);
    const next = nl < 0 ? text.length : nl + 1;
    const c = text.charCodeAt(at);
    if ((c === DASH || c === DOT) && isMarker(text, at, c)) {
      if (c === DASH) {
        if (inDoc) ranges.push({ start, end: at, line: startLine });
        start = inDoc ? at : pending;
        startLine = inDoc ? line : pendingLine;
        inDoc = true;
      } else {
        // `...` ends the document; outside one, it is an empty document of its own.
        ranges.push(inDoc ? { start, end: next, line: startLine } : { start: pending, end: next, line: pendingLine });
        inDoc = false;
        pending = next;
        pendingLine = line + 1;
      }
    } else if (!inDoc && isContent(text, at, next)) {
      start = pending;
      startLine = pendingLine;
      inDoc = true;
    }
    at = next;
  }
  if (inDoc) ranges.push({ start, end: text.length, line: startLine });
  return ranges;
}

/** `---` or `...` at `at`, followed by a space, a tab, a line end or the end of the text. */
function isMarker(text: string, at: number, c: number): boolean {
  if (text.charCodeAt(at + 1) !== c || text.charCodeAt(at + 2) !== c) return false;
  const after = text.charCodeAt(at + 3);
  return Number.isNaN(after) || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d;
}

/** A line that is neither blank, nor a comment, nor a directive (which only precede a document). */
function isContent(text: string, at: number, next: number): boolean {
  if (text.charCodeAt(at) === 0x25) return false; // %YAML, %TAG
  for (let i = at; i < next; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) continue;
    return c !== 0x23; // '#'
  }
  return false;
}
