/** A writable stream as the CLI needs it; tests pass plain objects that collect the text. */
export interface CliStream {
  write(s: string): unknown;
  /** True on a terminal: colour and the progress line are only for people. */
  isTTY?: boolean;
}

export interface CliIO {
  out: CliStream;
  err: CliStream;
  /** Environment for NO_COLOR / FORCE_COLOR (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Where relative paths start (default: process.cwd()). */
  cwd?: string;
}
