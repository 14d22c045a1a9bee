/** What a write changed, and the knobs a caller may turn. */
export interface WriteResult {
  written: string[];
  deleted: string[];
  unchanged: number;
}

export interface WriteOptions {
  /**
   * The folders the write owns: every file must be under one of them, and each is pruned of the
   * generated files the write no longer holds. Defaults to `manifests/` alone.
   */
  roots?: readonly string[];
  /** Test hook: throw after this many files were staged, to prove a failed write loses nothing. */
  failAfterStaged?: number;
  /** Test hook: throw after this many staged files were renamed into place, to prove they are restored. */
  failAfterRenamed?: number;
}
