/** Whether a string written plain would be read back as something else (the reason to quote it). */
import { parse } from 'yaml';
import { YAML11_RESERVED_WORDS } from '../model/yaml.js';

/** Go's strconv (Helm, kubectl) reads these as numbers even where YAML 1.1 would not. */
const GO_NUMBER = /^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\.?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;

const ambiguousCache = new Map<string, boolean>();
const SIMPLE_WORD = /^[A-Za-z][A-Za-z0-9_./-]*$/;
/**
 * Text that is a string to every reader: starting with a letter or `$`, made of word characters and
 * `. / - = @ $ :`, with no colon at the end (URLs, `$values/...` paths, `Key=value` options). With
 * no space, a colon is no mapping indicator; no number, date, boolean or null is written so.
 */
const PLAIN_TEXT = /^[A-Za-z$][A-Za-z0-9_./=@$:-]*[A-Za-z0-9_./=@$-]$/;

/**
 * True when a plain (unquoted) string would be read as something else by a YAML 1.1 reader
 * (Helm/go-yaml: yes/no/on/off, sexagesimal, dates), a YAML 1.2 reader, or Go's number parser.
 */
export function isAmbiguousString(s: string): boolean {
  // Most strings are names and paths that start with a letter: those can only be misread as one of
  // the YAML 1.1 boolean/null words, so skip the parser for them.
  if (SIMPLE_WORD.test(s)) return YAML11_RESERVED_WORDS.has(s.toLowerCase());
  if (PLAIN_TEXT.test(s)) return false;
  let r = ambiguousCache.get(s);
  if (r === undefined) {
    r = false;
    if (s === '' || GO_NUMBER.test(s)) r = true;
    else if (!s.includes('\n')) {
      try {
        r = typeof parse(s, { version: '1.1', logLevel: 'silent' }) !== 'string' || typeof parse(s, { logLevel: 'silent' }) !== 'string';
      } catch {
        r = false;
      }
    }
    if (ambiguousCache.size > 100_000) ambiguousCache.clear();
    ambiguousCache.set(s, r);
  }
  return r;
}
