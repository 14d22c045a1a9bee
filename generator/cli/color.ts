import type { CliStream } from './io.js';

/** ANSI colours for one stream; every function is the identity when colour is off. */
export interface Colors {
  enabled: boolean;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

/**
 * Colour only for a terminal. FORCE_COLOR turns it on (`0` or `false` off) and wins over NO_COLOR,
 * as in Node itself; a non-empty NO_COLOR turns it off (no-color.org); TERM=dumb means none.
 */
export function colorEnabled(stream: CliStream, env: Record<string, string | undefined>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function colors(enabled: boolean): Colors {
  const sgr = (open: number, close: number) => (s: string) => (enabled && s ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { enabled, red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), cyan: sgr(36, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}
