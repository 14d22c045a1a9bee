/** A chart as an Argo CD Application source names it. */
export interface ChartRef {
  /**
   * `https://…` / `http://…` for a Helm repository, or `oci://host/path` for an OCI registry, where
   * (as in Argo CD) the path leaves out the chart name: the chart is at `oci://host/path/<name>`.
   */
  repoURL: string;
  /** The chart name (an Application source's `chart`). */
  name: string;
  /** An exact chart version (the source's `targetRevision`); a range cannot be pinned. */
  version: string;
}

/** One entry of charts.lock.yaml. */
export interface LockEntry extends ChartRef {
  /** `sha256:<64 hex digits>` of the chart archive (.tgz) as pulled. */
  digest: string;
}

/** `{ <repoURL>: <mirror URL> }`; a mirror is `http(s)://` (Helm repository), `file:///dir` or `oci://host/path`. */
export type MirrorMap = Readonly<Record<string, string>>;
