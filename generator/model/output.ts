/** One serialised file of the generated tree (or of `manifests/` read back from disk). */
export interface OutputFile {
  /** Repository-relative, always under manifests/. */
  path: string;
  content: string;
}
