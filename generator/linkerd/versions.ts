/**
 * The Linkerd releases the generator can target, as data. Every fact here comes from the team's Linkerd
 * research notes; where the notes say nothing, the field is absent rather than guessed.
 */

/** The id an operator writes in `cluster.yaml` to pick a Linkerd release. */
export type LinkerdVersionId = '2.14' | '2.18' | '2.19' | '2.20' | 'edge-26.8.3';

export const LINKERD_CHARTS = Object.freeze([
  'linkerd-crds',
  'linkerd-control-plane',
  'linkerd-viz',
  'linkerd-jaeger',
] as const);
export type LinkerdChartName = (typeof LINKERD_CHARTS)[number];

/**
 * A Linkerd minor line such as `2.16`. Key gates and feature switches compare against it; an edge
 * release after a `version-2.X` tag belongs to the 2.X line until 2.(X+1) ships.
 */
export type LinkerdSeries = `2.${number}`;

/** Kubernetes minor version, `1.29`. */
export type KubeMinor = `1.${number}`;

export interface KubernetesSupport {
  /** Range of the docs' supported-versions table; absent where the docs have no row for the release. */
  readonly docsMin?: KubeMinor;
  readonly docsMax?: KubeMinor;
  /** Chart.yaml `kubeVersion`; `helm template` (and so Argo CD) refuses older clusters outright. */
  readonly chartKubeVersion: string;
  /** The lower bound of `chartKubeVersion` as a minor. */
  readonly chartMin: KubeMinor;
}

/** Tracing before 2.19: the linkerd-jaeger extension's injector points proxies at a collector. */
export interface JaegerExtensionTracing {
  readonly mode: 'jaeger-extension';
  /** The control plane has no `proxy.tracing` values in this release. */
  readonly proxyTracingKey: null;
  /** linkerd-jaeger `webhook.*` defaults of this release. */
  readonly webhookDefaults: {
    readonly collectorSvcAddr: string;
    readonly collectorPort: number;
    readonly protocol: 'opencensus' | 'opentelemetry';
    /** Whether `webhook.collectorTraceProtocol` exists (added in 2.17). */
    readonly collectorTraceProtocolKey: boolean;
  };
}

/** Tracing from 2.19: the proxies export spans themselves, configured on linkerd-control-plane. */
export interface ProxyTracing {
  readonly mode: 'proxy-tracing';
  readonly proxyTracingKey: 'proxy.tracing.enabled';
  /** Default of the template when `proxy.tracing.protocol` is unset. */
  readonly protocol: 'opentelemetry';
  /** The chart fails to render, in this order, when one of these is empty and tracing is enabled. */
  readonly requiredWhenEnabled: readonly string[];
}

export type TracingFacts = JaegerExtensionTracing | ProxyTracing;

export interface NativeSidecarFacts {
  /** Pod or namespace annotation for opting in (`"true"`) or out (`"false"`) in this release. */
  readonly annotation: string;
  readonly stage: 'alpha' | 'beta' | 'ga';
  /** Default of the chart switch `proxy.nativeSidecar`. */
  readonly chartDefault: boolean;
  /** SidecarContainers must be on in the cluster. */
  readonly minKubernetes: KubeMinor;
}

export interface GatewayApiFacts {
  /** Whether linkerd-crds installs the Gateway API CRDs with its default values. */
  readonly installedByDefault: boolean;
  /** The linkerd-crds value that switches them. */
  readonly switchKey: 'enableHttpRoutes' | 'installGatewayAPI';
  /** Gateway API bundle versions the docs list as compatible; absent where the notes give none. */
  readonly compatible?: { readonly min: string; readonly max: string; readonly recommended?: string };
}

export interface LinkerdRelease {
  readonly id: LinkerdVersionId;
  readonly series: LinkerdSeries;
  /** Git tag of the release. */
  readonly tag: string;
  readonly channel: 'stable' | 'edge';
  readonly helmRepo: string;
  /** Chart name -> published chart version. linkerd-jaeger is absent where it no longer ships. */
  readonly charts: {
    readonly 'linkerd-crds': string;
    readonly 'linkerd-control-plane': string;
    readonly 'linkerd-viz': string;
    readonly 'linkerd-jaeger'?: string;
  };
  readonly kubernetes: KubernetesSupport;
  readonly tracing: TracingFacts;
  /** Whether viz/jaeger have `createNamespaceMetadataJob`; without it they always render the hook Job. */
  readonly createNamespaceMetadataJob: boolean;
  /** Absent (null) where Linkerd has no native-sidecar support. */
  readonly nativeSidecar: NativeSidecarFacts | null;
  /**
   * Whether the webhook cert validation rejects `caBundle` without `externalSecret`. From 2.19 it does
   * not, and the chart then renders its own Secret from crtPEM/keyPEM.
   */
  readonly caBundleRequiresExternalSecret: boolean;
  readonly proxyInitIptablesModeDefault: 'legacy' | 'nft';
  readonly gatewayApi: GatewayApiFacts;
  readonly podMonitor: {
    /** linkerd-control-plane renders PodMonitors with `podMonitor.enabled: true`. */
    readonly supported: boolean;
    /** Whether `podMonitor.{controller,serviceMirror,proxy}.honorTimestamps` exist. */
    readonly honorTimestamps: boolean;
  };
}

export const NATIVE_SIDECAR_MIN_KUBERNETES: KubeMinor = '1.29';

const STABLE_REPO = 'https://helm.linkerd.io/stable';
const EDGE_REPO = 'https://helm.linkerd.io/edge';

const PROXY_TRACING: ProxyTracing = {
  mode: 'proxy-tracing',
  proxyTracingKey: 'proxy.tracing.enabled',
  protocol: 'opentelemetry',
  requiredWhenEnabled: [
    'proxy.tracing.collector.endpoint',
    'proxy.tracing.collector.meshIdentity.serviceAccountName',
    'proxy.tracing.collector.meshIdentity.namespace',
  ],
};

function sameChartVersion(version: string): LinkerdRelease['charts'] {
  return { 'linkerd-crds': version, 'linkerd-control-plane': version, 'linkerd-viz': version };
}

const RELEASES: readonly LinkerdRelease[] = [
  {
    id: '2.14',
    series: '2.14',
    tag: 'stable-2.14.10',
    channel: 'stable',
    helmRepo: STABLE_REPO,
    charts: {
      'linkerd-crds': '1.8.0',
      'linkerd-control-plane': '1.16.11',
      'linkerd-viz': '30.12.11',
      'linkerd-jaeger': '30.12.11',
    },
    kubernetes: { docsMin: '1.21', docsMax: '1.28', chartKubeVersion: '>=1.21.0-0', chartMin: '1.21' },
    tracing: {
      mode: 'jaeger-extension',
      proxyTracingKey: null,
      webhookDefaults: {
        collectorSvcAddr: 'collector.linkerd-jaeger:55678',
        collectorPort: 55678,
        protocol: 'opencensus',
        collectorTraceProtocolKey: false,
      },
    },
    createNamespaceMetadataJob: false,
    nativeSidecar: null,
    caBundleRequiresExternalSecret: true,
    proxyInitIptablesModeDefault: 'legacy',
    gatewayApi: { installedByDefault: true, switchKey: 'enableHttpRoutes' },
    podMonitor: { supported: true, honorTimestamps: false },
  },
  {
    id: '2.18',
    series: '2.18',
    tag: 'edge-25.4.4',
    channel: 'edge',
    helmRepo: EDGE_REPO,
    charts: { ...sameChartVersion('2025.4.4'), 'linkerd-jaeger': '2025.4.4' },
    kubernetes: { docsMin: '1.22', docsMax: '1.32', chartKubeVersion: '>=1.23.0-0', chartMin: '1.23' },
    tracing: {
      mode: 'jaeger-extension',
      proxyTracingKey: null,
      webhookDefaults: {
        collectorSvcAddr: 'collector.linkerd-jaeger:4317',
        collectorPort: 4317,
        protocol: 'opentelemetry',
        collectorTraceProtocolKey: true,
      },
    },
    createNamespaceMetadataJob: true,
    nativeSidecar: {
      annotation: 'config.alpha.linkerd.io/proxy-enable-native-sidecar',
      stage: 'alpha',
      chartDefault: false,
      minKubernetes: NATIVE_SIDECAR_MIN_KUBERNETES,
    },
    caBundleRequiresExternalSecret: true,
    proxyInitIptablesModeDefault: 'legacy',
    gatewayApi: {
      installedByDefault: true,
      switchKey: 'installGatewayAPI',
      compatible: { min: '1.1.1', max: '1.2.1' },
    },
    podMonitor: { supported: true, honorTimestamps: false },
  },
  {
    id: '2.19',
    series: '2.19',
    tag: 'edge-25.10.7',
    channel: 'edge',
    helmRepo: EDGE_REPO,
    charts: sameChartVersion('2025.10.7'),
    kubernetes: { docsMin: '1.22', docsMax: '1.35', chartKubeVersion: '>=1.23.0-0', chartMin: '1.23' },
    tracing: PROXY_TRACING,
    createNamespaceMetadataJob: true,
    nativeSidecar: {
      annotation: 'config.beta.linkerd.io/proxy-enable-native-sidecar',
      stage: 'beta',
      chartDefault: false,
      minKubernetes: NATIVE_SIDECAR_MIN_KUBERNETES,
    },
    caBundleRequiresExternalSecret: false,
    proxyInitIptablesModeDefault: 'nft',
    gatewayApi: {
      installedByDefault: false,
      switchKey: 'installGatewayAPI',
      compatible: { min: '1.1.1', max: '1.2.1' },
    },
    podMonitor: { supported: true, honorTimestamps: false },
  },
  {
    id: '2.20',
    series: '2.20',
    tag: 'edge-26.6.3',
    channel: 'edge',
    helmRepo: EDGE_REPO,
    charts: sameChartVersion('2026.6.3'),
    kubernetes: { docsMin: '1.31', docsMax: '1.35', chartKubeVersion: '>=1.31.0-0', chartMin: '1.31' },
    tracing: PROXY_TRACING,
    createNamespaceMetadataJob: true,
    nativeSidecar: {
      annotation: 'config.linkerd.io/proxy-enable-native-sidecar',
      stage: 'ga',
      chartDefault: true,
      minKubernetes: NATIVE_SIDECAR_MIN_KUBERNETES,
    },
    caBundleRequiresExternalSecret: false,
    proxyInitIptablesModeDefault: 'nft',
    gatewayApi: {
      installedByDefault: false,
      switchKey: 'installGatewayAPI',
      compatible: { min: '1.2.1', max: '1.5.1', recommended: '1.2.1' },
    },
    podMonitor: { supported: true, honorTimestamps: true },
  },
  {
    // Newest edge (after version-2.20): still the 2.20 line for every gate the notes record.
    id: 'edge-26.8.3',
    series: '2.20',
    tag: 'edge-26.8.3',
    channel: 'edge',
    helmRepo: EDGE_REPO,
    charts: sameChartVersion('2026.8.3'),
    kubernetes: { chartKubeVersion: '>=1.31.0-0', chartMin: '1.31' },
    tracing: PROXY_TRACING,
    createNamespaceMetadataJob: true,
    nativeSidecar: {
      annotation: 'config.linkerd.io/proxy-enable-native-sidecar',
      stage: 'ga',
      chartDefault: true,
      minKubernetes: NATIVE_SIDECAR_MIN_KUBERNETES,
    },
    caBundleRequiresExternalSecret: false,
    proxyInitIptablesModeDefault: 'nft',
    gatewayApi: { installedByDefault: false, switchKey: 'installGatewayAPI' },
    podMonitor: { supported: true, honorTimestamps: true },
  },
];

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
  const have = parseKubeMinor(kubernetesVersion);
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

function parseKubeMinor(version: string): number | undefined {
  const m = /^v?1\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}

function minorOf(v: KubeMinor): number {
  return Number(v.slice(2));
}
