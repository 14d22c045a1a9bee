/**
 * Keys a chart's values.yaml documents but leaves commented out (`# existingSecret: ""`): charts
 * read many optional keys that have no default, and write them down this way. They count as keys
 * of the chart, so setting one is not an unknown key. Read from the text by indentation; a comment
 * that happens to look like `word:` only adds a key nobody sets.
 */
import { encodePointer } from '../model/source.js';

const KEY_LINE = /^(\s*)([A-Za-z_][\w.-]*|"[^"]+"|'[^']+'):(\s|$)/;
const COMMENTED_KEY = /^(\s*)#+( *)([A-Za-z_][\w.-]*):(\s|$)/;

interface Open {
  indent: number;
  key: string;
}

/** JSON pointers of the commented-out keys of a values.yaml text, each under its parent key. */
export function commentedKeys(text: string): Set<string> {
  const out = new Set<string>();
  const stack: Open[] = [];
  const push = (indent: number, key: string) => {
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack.push({ indent, key });
    return stack.map((o) => o.key);
  };
  for (const line of text.split(/\r?\n/)) {
    const real = KEY_LINE.exec(line);
    if (real) {
      push(real[1]!.length, unquote(real[2]!));
      continue;
    }
    const commented = COMMENTED_KEY.exec(line);
    if (!commented) continue;
    // `# key:` sits where the key would; `#   key:` one level deeper than `# parent:` above it.
    const indent = commented[1]!.length + Math.max(0, commented[2]!.length - 1);
    out.add(encodePointer(push(indent, commented[3]!)));
  }
  return out;
}

function unquote(k: string): string {
  return /^["'].*["']$/.test(k) ? k.slice(1, -1) : k;
}
