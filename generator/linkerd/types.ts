/** The shape of one Linkerd release in the table (`releases.ts`). */

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
  /** Gateway API bundle versions the docs list as compatible; absent where none is known. */
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
