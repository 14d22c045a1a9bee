/** Exit codes (also in README and `--help`); scripts and CI rely on them, so they never change. */
export const EXIT = {
  OK: 0,
  /** Invalid config, template, generated object or lint error; nothing was written. */
  INVALID: 1,
  /** Wrong command line. */
  USAGE: 2,
  /** `check`: manifests/ differs from a fresh render, or a source path is missing. */
  DRIFT: 3,
  /** Another generate holds the lock. */
  LOCKED: 4,
  /** A bug or an I/O failure; the message says which. */
  INTERNAL: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code table of `--help`, one line per code. */
export const EXIT_HELP = `Exit codes:
  0   success
  1   invalid config, template, generated object or lint error (nothing written)
  2   usage error
  3   check: manifests/ is not what a fresh render gives (run generate and commit)
  4   another generate is running (lock held)
  70  internal error
`;
