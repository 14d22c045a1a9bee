import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { decodeUtf8 } from '../core/utf8.js';

/** Config files and templates are small; a huge one is a mistake (or an attack) worth naming. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Read one input file as UTF-8 text, refusing files that resolve outside the repository,
 * oversized files, binary junk and invalid UTF-8. `rel` is repository-relative. Synchronous: for
 * thousands of small files the thread-pool round trips of the async calls cost several times the
 * reads themselves.
 */
export function readInput(root: string, rel: string, realRoot?: string): ReadResult {
  const abs = path.join(root, rel);
  const fail = (message: string, hint?: string): ReadResult => ({
    ok: false,
    diagnostic: { severity: 'error', code: 'input/unreadable', file: rel, message, ...(hint ? { hint } : {}) },
  });
  let real: string;
  try {
    const st = lstatSync(abs);
    real = realpathSync.native(abs);
    const rootReal = realRoot ?? realpathSync.native(root);
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
      return fail(
        `${st.isSymbolicLink() ? 'is a symbolic link that points' : 'resolves'} outside the repository (to ${real})`,
        'inputs must live inside the repository so every clone renders the same tree; copy the file in instead of linking it',
      );
    }
    const target = st.isSymbolicLink() ? lstatSync(real) : st;
    if (!target.isFile()) return fail('is not a regular file');
    if (target.size > MAX_INPUT_BYTES) {
      return fail(
        `is ${target.size} bytes; inputs are limited to ${MAX_INPUT_BYTES} bytes (1 MiB)`,
        'split the file, or move large data (dashboards, certificates) out of the config',
      );
    }
  } catch (e) {
    return fail(`cannot be read: ${(e as Error).message}`);
  }
  const bytes = readFileSync(real);
  if (bytes.includes(0)) {
    return fail('holds binary data (a NUL byte); config files and templates must be UTF-8 text');
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const at = decoded;
    return {
      ok: false,
      diagnostic: { severity: 'error', code: 'input/unreadable', file: rel, line: at.line, col: at.col, message: `is not valid UTF-8 text (byte 0x${at.byte.toString(16).padStart(2, '0')})`, hint: 're-save the file as UTF-8' },
    };
  }
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}
