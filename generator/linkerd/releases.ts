/**
 * The Linkerd releases the generator can target, as data. Where a fact about a release is not known,
 * the field is absent rather than guessed.
 */

import type { KubeMinor, LinkerdRelease, ProxyTracing } from './types.js';

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

export const RELEASES: readonly LinkerdRelease[] = [
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
    // Newest edge (after version-2.20): still the 2.20 line for every gate in this table.
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
