import type { ChartRef } from '../model/config.js';

export type { ChartRef };

/** One entry of charts.lock.yaml. */
export interface LockEntry extends ChartRef {
  /** `sha256:<64 hex digits>` of the chart archive (.tgz) as pulled. */
  digest: string;
}

/** `{ <repoURL>: <mirror URL> }`; a mirror is `http(s)://` (Helm repository), `file:///dir` or `oci://host/path`. */
export type MirrorMap = Readonly<Record<string, string>>;
