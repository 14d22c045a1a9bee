import type { Diagnostic } from '../model/diagnostics.js';

/** A `yaml` parse error as a diagnostic: its position, a readable message and a hint for the usual mistakes. */
export function yamlErrorDiagnostic(
  file: string,
  e: { code: string; message: string; pos?: [number, number]; linePos?: [{ line: number; col: number }, ...unknown[]] },
  text?: string,
): Diagnostic {
  const pos = e.linePos?.[0];
  const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (e.code === 'DUPLICATE_KEY' && text !== undefined && e.pos && pos) {
    const dup = describeDuplicate(text, e.pos[0], pos.col);
    if (dup) {
      return {
        severity: 'error',
        code: 'config/duplicate-key',
        file,
        line: pos.line,
        col: pos.col,
        message: `duplicate key '${dup.key}'${dup.firstLine ? ` (first set on line ${dup.firstLine})` : ''}`,
        hint: 'each key may appear once per mapping; remove or merge the duplicate',
      };
    }
  }
  const hints: Record<string, string> = {
    TAB_AS_INDENT: 'YAML indentation must use spaces, not tabs',
    DUPLICATE_KEY: 'each key may appear once per mapping; remove or merge the duplicate',
    BAD_INDENT: 'check the indentation of this line against its parent',
  };
  return {
    severity: 'error',
    code: e.code === 'DUPLICATE_KEY' ? 'config/duplicate-key' : 'config/yaml-syntax',
    file,
    ...(pos ? { line: pos.line, col: pos.col } : {}),
    message: e.code === 'DUPLICATE_KEY' ? `duplicate key: ${first}` : `YAML syntax error (${e.code}): ${first}`,
    ...(hints[e.code] ? { hint: hints[e.code] } : {}),
  };
}

/** The key at a duplicate-key error and the line of its first occurrence at the same indentation. */
function describeDuplicate(text: string, offset: number, col: number): { key: string; firstLine?: number } | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n]+?)\s*:/.exec(text.slice(offset, offset + 300));
  if (!m) return undefined;
  const key = m[1]!.replace(/^["']|["']$/g, '');
  const lines = text.slice(0, offset).split('\n');
  const indent = ' '.repeat(col - 1);
  for (let i = 0; i < lines.length - 1; i++) {
    const l = lines[i]!;
    if (l.startsWith(indent) && !/^\s/.test(l.slice(indent.length)) && l.slice(indent.length).replace(/^["']|["']?\s*:.*$/g, '') === key) return { key, firstLine: i + 1 };
  }
  return { key };
}
