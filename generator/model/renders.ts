import type { GroupKind } from './k8s.js';

/**
 * What one app's chart rendered on one cluster that its AppProject must permit, as recorded by
 * `generate --render` in charts.lock.yaml (`renders:`), so a plain `generate` (no Helm) derives
 * least-privilege projects from it. `check --render` reports a record that no longer matches.
 */
export interface RenderRecord {
  repoURL: string;
  chart: string;
  version: string;
  /**
   * `sha256:<hex>` of what Helm was given besides the chart: release name, namespace, Kubernetes
   * version, the values files in order, inline values and parameters. Another digest means the
   * record was made for other values.
   */
  valuesDigest: string;
  /** Cluster-scoped kinds the chart rendered, sorted by group then kind. */
  clusterResources: GroupKind[];
  /** Namespaces other than the destination the chart rendered into, sorted. */
  namespaces: string[];
}

/** Records by `<cluster>/<app>`. */
export type RenderRecords = ReadonlyMap<string, RenderRecord>;

export function recordKey(cluster: string, app: string): string {
  return `${cluster}/${app}`;
}

/** Deterministic form of a record (lists sorted and de-duplicated). */
export function normaliseRecord(r: RenderRecord): RenderRecord {
  const kinds = new Map(r.clusterResources.map((gk) => [`${gk.group}/${gk.kind}`, { group: gk.group, kind: gk.kind }]));
  return {
    repoURL: r.repoURL,
    chart: r.chart,
    version: r.version,
    valuesDigest: r.valuesDigest,
    clusterResources: [...kinds.values()].sort((a, b) => cmp(a.group, b.group) || cmp(a.kind, b.kind)),
    namespaces: [...new Set(r.namespaces)].sort(),
  };
}

export function sameRecord(a: RenderRecord, b: RenderRecord): boolean {
  return JSON.stringify(normaliseRecord(a)) === JSON.stringify(normaliseRecord(b));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
