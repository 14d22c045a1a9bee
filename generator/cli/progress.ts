import type { Progress } from '../model/progress.js';
import type { CliStream } from './io.js';

/** A progress line on stderr, rewritten in place; only on a terminal, gone when the run ends. */
export interface ProgressLine extends Progress {
  /** Erase the line (call before printing anything else, and at the end). */
  clear(): void;
}

/** Redraw at most this often: a 5,000-app render reports 5,000 steps. */
const MIN_INTERVAL_MS = 80;

export function progressLine(stream: CliStream, now: () => number = Date.now): ProgressLine {
  if (!stream.isTTY) return { step() {}, clear() {} };
  let shown = false;
  let last = -Infinity;
  let lastLabel = '';
  return {
    step(label, done, total, unit) {
      const t = now();
      // A new stage always shows; steps within one stage are throttled, except the last one.
      if (label === lastLabel && done !== total && t - last < MIN_INTERVAL_MS) return;
      last = t;
      lastLabel = label;
      const text = done !== undefined && total !== undefined ? `${label} ${done}/${total}${unit ? ` ${unit}` : ''}` : label;
      stream.write(`\r\x1b[2K${text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
      lastLabel = '';
    },
  };
}
