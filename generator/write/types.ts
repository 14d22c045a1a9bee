/** What a write changed, and the knobs a caller may turn. */
export interface WriteResult {
  written: string[];
  deleted: string[];
  unchanged: number;
}

export interface WriteOptions {
  /** Test hook: throw after this many files were staged, to prove a failed write loses nothing. */
  failAfterStaged?: number;
  /** Test hook: throw after this many staged files were renamed into place, to prove they are restored. */
  failAfterRenamed?: number;
}
