const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

export type Utf8Result = { ok: true; text: string } | { ok: false; text: string; line: number; col: number; byte: number };

/**
 * Bytes as UTF-8 text; on invalid UTF-8 also where the first bad sequence starts (1-based line and
 * column, in characters) and its first byte, with the text decoded leniently (U+FFFD in its place)
 * for callers that still compare it. A U+FFFD already in the file is valid and survives unchanged.
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const text = lenient.decode(bytes);
    const round = Buffer.from(text, 'utf8');
    let i = 0;
    while (i < bytes.length && bytes[i] === round[i]) i++;
    const before = Buffer.from(bytes.subarray(0, i));
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.filter((b) => b === 0x0a).length + 1;
    return { ok: false, text, line, col: lenient.decode(bytes.subarray(lineStart, i)).length + 1, byte: bytes[i] ?? 0 };
  }
}
