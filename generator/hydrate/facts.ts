/**
 * The render records of a render: per `<cluster>/<app>`, the cluster-scoped kinds and the
 * namespaces outside the destination that Argo CD will apply for the app's chart.
 */
import { normaliseRecord, type RenderRecord } from '../model/renders.js';
import type { HydratedApp, HydrateSubject } from './types.js';

export function factsOf(apps: readonly HydratedApp<HydrateSubject>[]): Map<string, RenderRecord> {
  const out = new Map<string, RenderRecord>();
  for (const h of apps) {
    if (h.key === undefined) continue;
    const destination = h.app.destinationNamespace ?? '';
    const applied = h.objects.filter((o) => o.applied);
    const record: RenderRecord = {
      repoURL: h.chart.repoURL.replace(/\/+$/, ''),
      chart: h.chart.name,
      version: h.chart.version,
      valuesDigest: h.valuesDigest,
      clusterResources: applied.filter((o) => o.scope === 'Cluster').map((o) => ({ group: o.group, kind: o.kind })),
      namespaces: applied.filter((o) => o.scope !== 'Cluster' && o.namespace !== undefined && o.namespace !== destination).map((o) => o.namespace as string),
    };
    const before = out.get(h.key);
    // Two Helm sources of one app: one record holding what both need.
    out.set(h.key, normaliseRecord(before ? { ...before, clusterResources: [...before.clusterResources, ...record.clusterResources], namespaces: [...before.namespaces, ...record.namespaces] } : record));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
