/** Lookups in the Linkerd release table: by config id, by series, against a Kubernetes version. */
import { kubeMinor } from '../core/kube-version.js';
import { RELEASES } from './releases.js';
import type { KubeMinor, LinkerdRelease, LinkerdSeries, LinkerdVersionId } from './types.js';

export { LINKERD_CHARTS } from './types.js';
export { NATIVE_SIDECAR_MIN_KUBERNETES } from './releases.js';
export type {
  LinkerdVersionId,
  LinkerdChartName,
  LinkerdSeries,
  KubeMinor,
  KubernetesSupport,
  JaegerExtensionTracing,
  ProxyTracing,
  TracingFacts,
  NativeSidecarFacts,
  GatewayApiFacts,
  LinkerdRelease,
} from './types.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// Frozen so a caller cannot change the table for everyone else in the process.
const BY_ID: ReadonlyMap<LinkerdVersionId, LinkerdRelease> = new Map(
  deepFreeze(RELEASES).map((r) => [r.id, r]),
);

/** Oldest first; the last entry is the newest edge release. */
export const SUPPORTED_LINKERD_VERSIONS: readonly LinkerdVersionId[] = Object.freeze(RELEASES.map((r) => r.id));

export function isLinkerdVersionId(id: unknown): id is LinkerdVersionId {
  return typeof id === 'string' && BY_ID.has(id as LinkerdVersionId);
}

/** The release for a config id; throws, naming the valid ids, for anything else. */
export function getRelease(id: string): LinkerdRelease {
  const release = isLinkerdVersionId(id) ? BY_ID.get(id) : undefined;
  if (!release) {
    const valid = SUPPORTED_LINKERD_VERSIONS.map((v) => `'${v}'`).join(', ');
    throw new Error(`unknown Linkerd version '${id}'; supported versions: ${valid}`);
  }
  return release;
}

/** Numeric minor of a `2.X` series, for gate comparisons. */
export function seriesMinor(series: LinkerdSeries): number {
  return Number(series.slice(2));
}

/** True when the release belongs to `series` or a later line. */
export function isAtLeast(release: LinkerdRelease, series: LinkerdSeries): boolean {
  return seriesMinor(release.series) >= seriesMinor(series);
}

export interface KubernetesFit {
  /**
   * `refused`: below the chart's kubeVersion, so the render fails. `unsupported`: the chart renders but
   * the docs do not list this version. `untested`: the docs have no row for this release.
   */
  verdict: 'supported' | 'untested' | 'unsupported' | 'refused';
  reason: string;
}

/** How a cluster's Kubernetes version (`1.30`, `v1.30.2`) fits a release. */
export function kubernetesFit(release: LinkerdRelease, kubernetesVersion: string): KubernetesFit {
  const have = kubeMinor(kubernetesVersion);
  if (have === undefined) throw new Error(`not a Kubernetes version: '${kubernetesVersion}'`);
  const k = release.kubernetes;
  const label = `Linkerd ${release.id} (${release.tag})`;
  if (have < minorOf(k.chartMin)) {
    return {
      verdict: 'refused',
      reason: `${label} charts require kubeVersion ${k.chartKubeVersion}; Kubernetes ${kubernetesVersion} cannot render them`,
    };
  }
  if (k.docsMin === undefined || k.docsMax === undefined) {
    return { verdict: 'untested', reason: `the Linkerd docs list no supported Kubernetes range for ${label}` };
  }
  if (have < minorOf(k.docsMin) || have > minorOf(k.docsMax)) {
    return {
      verdict: 'unsupported',
      reason: `${label} supports Kubernetes ${k.docsMin}–${k.docsMax}; ${kubernetesVersion} is outside that range`,
    };
  }
  return { verdict: 'supported', reason: `${label} supports Kubernetes ${k.docsMin}–${k.docsMax}` };
}

/** A table minor (`1.31`) as a number. */
function minorOf(v: KubeMinor): number {
  return kubeMinor(v)!;
}
