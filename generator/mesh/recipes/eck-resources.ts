import { isPlainObject } from '../../core/merge.js';
import type { K8sObject } from '../../model/k8s.js';
import type { MeshRecipe } from '../types.js';

const ES_GROUP = 'elasticsearch.k8s.elastic.co/';
const KIBANA_GROUP = 'kibana.k8s.elastic.co/';

export function isElasticsearch(o: K8sObject): boolean {
  return o.kind === 'Elasticsearch' && o.apiVersion.startsWith(ES_GROUP);
}

export function isKibana(o: K8sObject): boolean {
  return o.kind === 'Kibana' && o.apiVersion.startsWith(KIBANA_GROUP);
}

/** Pod specs of an Elasticsearch (one per nodeSet) or Kibana resource, with their pointers; created when missing. */
export function eckPodSpecs(o: K8sObject, create: boolean): { pointer: string; spec: Record<string, unknown> }[] {
  // A plain object, as every manifest is; the check lets the walk below index it by string.
  const spec = isPlainObject(o) ? child(o, 'spec', create) : undefined;
  if (!spec) return [];
  if (isKibana(o)) {
    const tpl = child(spec, 'podTemplate', create);
    const podSpec = tpl && child(tpl, 'spec', create);
    return podSpec ? [{ pointer: '/spec/podTemplate/spec', spec: podSpec }] : [];
  }
  const nodeSets = Array.isArray(spec['nodeSets']) ? (spec['nodeSets'] as unknown[]) : [];
  const out: { pointer: string; spec: Record<string, unknown> }[] = [];
  nodeSets.forEach((ns, i) => {
    if (!isPlainObject(ns)) return;
    const tpl = child(ns, 'podTemplate', create);
    const podSpec = tpl && child(tpl, 'spec', create);
    if (podSpec) out.push({ pointer: `/spec/nodeSets/${i}/podTemplate/spec`, spec: podSpec });
  });
  return out;
}

function child(parent: Record<string, unknown>, key: string, create: boolean): Record<string, unknown> | undefined {
  const v = parent[key];
  if (isPlainObject(v)) return v;
  if (!create || (v !== undefined && v !== null)) return undefined;
  const made: Record<string, unknown> = {};
  parent[key] = made;
  return made;
}

/**
 * Elasticsearch and Kibana custom resources managed by ECK, found among an app's manifests.
 * ECK turns off the service-account token in their pods, and the Linkerd proxy needs that token to
 * get its identity, so without `automountServiceAccountToken: true` the proxy is not injected.
 * HTTP TLS is switched off so the proxy sees plain HTTP (L7 metrics, retries); the mesh's mTLS
 * protects the traffic instead.
 */
export const eckResources: MeshRecipe = {
  id: 'eck-resources',
  keys: [],
  summary: 'Elasticsearch/Kibana resources: automountServiceAccountToken on, self-signed HTTP TLS off; namespace meshed',
  defaultMode: 'namespace',
  allowedModes: ['namespace', 'off'],
  refusedModes: {
    workloads: 'ECK builds the pods from the resources; mesh the namespace',
    ingress: 'ingress mode is for ingress controllers only',
  },
  workloadsVia: 'none',
  podAnnotationPaths: [],
  neverMesh: [],
  jobs: { createsJobs: false },
  matchManifests: (manifests) => manifests.some((m) => isElasticsearch(m) || isKibana(m)),
  editManifests(manifests) {
    for (const o of manifests) {
      if (!isElasticsearch(o) && !isKibana(o)) continue;
      for (const { spec } of eckPodSpecs(o, true)) {
        // An explicit false stays; the eck-automount rule rejects it.
        if (spec['automountServiceAccountToken'] === undefined) spec['automountServiceAccountToken'] = true;
      }
      const spec = isPlainObject(o) ? child(o, 'spec', true) : undefined;
      const http = spec && child(spec, 'http', true);
      const tls = http && child(http, 'tls', true);
      // An operator-provided certificate means they want TLS; leave it alone.
      if (!tls || tls['certificate'] !== undefined) continue;
      const selfSigned = child(tls, 'selfSignedCertificate', true);
      if (selfSigned && selfSigned['disabled'] === undefined) selfSigned['disabled'] = true;
    }
  },
};
