import { describe, expect, it } from 'vitest';
import {
  getRelease,
  isAtLeast,
  isLinkerdVersionId,
  kubernetesFit,
  NATIVE_SIDECAR_MIN_KUBERNETES,
  SUPPORTED_LINKERD_VERSIONS,
  type LinkerdRelease,
} from '../../generator/linkerd/versions.js';

const all = (): LinkerdRelease[] => SUPPORTED_LINKERD_VERSIONS.map(getRelease);

describe('supported Linkerd versions', () => {
  it('lists the ids oldest first', () => {
    expect(SUPPORTED_LINKERD_VERSIONS).toEqual(['2.14', '2.18', '2.19', '2.20', 'edge-26.8.3']);
  });

  it('pins tag, repo and chart versions per release', () => {
    expect(getRelease('2.14')).toMatchObject({
      tag: 'stable-2.14.10',
      channel: 'stable',
      helmRepo: 'https://helm.linkerd.io/stable',
      charts: {
        'linkerd-crds': '1.8.0',
        'linkerd-control-plane': '1.16.11',
        'linkerd-viz': '30.12.11',
        'linkerd-jaeger': '30.12.11',
      },
    });
    const edge = (tag: string, v: string, jaeger: boolean) => ({
      tag,
      channel: 'edge',
      helmRepo: 'https://helm.linkerd.io/edge',
      charts: {
        'linkerd-crds': v,
        'linkerd-control-plane': v,
        'linkerd-viz': v,
        ...(jaeger ? { 'linkerd-jaeger': v } : {}),
      },
    });
    expect(getRelease('2.18')).toMatchObject(edge('edge-25.4.4', '2025.4.4', true));
    expect(getRelease('2.19')).toMatchObject(edge('edge-25.10.7', '2025.10.7', false));
    expect(getRelease('2.20')).toMatchObject(edge('edge-26.6.3', '2026.6.3', false));
    expect(getRelease('edge-26.8.3')).toMatchObject(edge('edge-26.8.3', '2026.8.3', false));
  });

  it('has linkerd-jaeger only up to 2.18', () => {
    const withJaeger = all()
      .filter((r) => r.charts['linkerd-jaeger'] !== undefined)
      .map((r) => r.id);
    expect(withJaeger).toEqual(['2.14', '2.18']);
    for (const id of ['2.19', '2.20', 'edge-26.8.3']) {
      expect(Object.keys(getRelease(id).charts)).not.toContain('linkerd-jaeger');
    }
  });

  it('switches tracing from the jaeger extension to proxy tracing at 2.19', () => {
    const modes = all().map((r) => [r.id, r.tracing.mode, r.tracing.proxyTracingKey]);
    expect(modes).toEqual([
      ['2.14', 'jaeger-extension', null],
      ['2.18', 'jaeger-extension', null],
      ['2.19', 'proxy-tracing', 'proxy.tracing.enabled'],
      ['2.20', 'proxy-tracing', 'proxy.tracing.enabled'],
      ['edge-26.8.3', 'proxy-tracing', 'proxy.tracing.enabled'],
    ]);
    for (const r of all()) {
      expect(r.tracing.mode === 'jaeger-extension').toBe(r.charts['linkerd-jaeger'] !== undefined);
    }
  });

  it('knows the jaeger injector defaults of the jaeger releases', () => {
    const t14 = getRelease('2.14').tracing;
    const t18 = getRelease('2.18').tracing;
    if (t14.mode !== 'jaeger-extension' || t18.mode !== 'jaeger-extension') throw new Error('expected jaeger');
    expect(t14.webhookDefaults).toEqual({
      collectorSvcAddr: 'collector.linkerd-jaeger:55678',
      collectorPort: 55678,
      protocol: 'opencensus',
      collectorTraceProtocolKey: false,
    });
    expect(t18.webhookDefaults).toEqual({
      collectorSvcAddr: 'collector.linkerd-jaeger:4317',
      collectorPort: 4317,
      protocol: 'opentelemetry',
      collectorTraceProtocolKey: true,
    });
  });

  it('names the three fields proxy tracing requires once enabled', () => {
    const t = getRelease('2.19').tracing;
    if (t.mode !== 'proxy-tracing') throw new Error('expected proxy tracing');
    expect(t.requiredWhenEnabled).toEqual([
      'proxy.tracing.collector.endpoint',
      'proxy.tracing.collector.meshIdentity.serviceAccountName',
      'proxy.tracing.collector.meshIdentity.namespace',
    ]);
  });

  it('pins the native sidecar annotation and default per release', () => {
    expect(getRelease('2.14').nativeSidecar).toBeNull();
    const ns = (id: string) => {
      const n = getRelease(id).nativeSidecar;
      return n && [n.annotation, n.stage, n.chartDefault, n.minKubernetes];
    };
    expect(ns('2.18')).toEqual(['config.alpha.linkerd.io/proxy-enable-native-sidecar', 'alpha', false, '1.29']);
    expect(ns('2.19')).toEqual(['config.beta.linkerd.io/proxy-enable-native-sidecar', 'beta', false, '1.29']);
    expect(ns('2.20')).toEqual(['config.linkerd.io/proxy-enable-native-sidecar', 'ga', true, '1.29']);
    expect(ns('edge-26.8.3')).toEqual(['config.linkerd.io/proxy-enable-native-sidecar', 'ga', true, '1.29']);
    expect(NATIVE_SIDECAR_MIN_KUBERNETES).toBe('1.29');
  });

  it('pins the switches the generator branches on', () => {
    const row = (r: LinkerdRelease) => [
      r.id,
      r.createNamespaceMetadataJob,
      r.caBundleRequiresExternalSecret,
      r.proxyInitIptablesModeDefault,
      r.gatewayApi.installedByDefault,
      r.gatewayApi.switchKey,
      r.podMonitor.supported,
      r.podMonitor.honorTimestamps,
    ];
    expect(all().map(row)).toEqual([
      ['2.14', false, true, 'legacy', true, 'enableHttpRoutes', true, false],
      ['2.18', true, true, 'legacy', true, 'installGatewayAPI', true, false],
      ['2.19', true, false, 'nft', false, 'installGatewayAPI', true, false],
      ['2.20', true, false, 'nft', false, 'installGatewayAPI', true, true],
      ['edge-26.8.3', true, false, 'nft', false, 'installGatewayAPI', true, true],
    ]);
  });

  it('pins the Kubernetes ranges from the docs table and the chart kubeVersion', () => {
    const k = (id: string) => getRelease(id).kubernetes;
    expect(k('2.14')).toEqual({ docsMin: '1.21', docsMax: '1.28', chartKubeVersion: '>=1.21.0-0', chartMin: '1.21' });
    expect(k('2.18')).toEqual({ docsMin: '1.22', docsMax: '1.32', chartKubeVersion: '>=1.23.0-0', chartMin: '1.23' });
    expect(k('2.19')).toEqual({ docsMin: '1.22', docsMax: '1.35', chartKubeVersion: '>=1.23.0-0', chartMin: '1.23' });
    expect(k('2.20')).toEqual({ docsMin: '1.31', docsMax: '1.35', chartKubeVersion: '>=1.31.0-0', chartMin: '1.31' });
    // The docs table has no row for the newest edge; only the chart constraint is known.
    expect(k('edge-26.8.3')).toEqual({ chartKubeVersion: '>=1.31.0-0', chartMin: '1.31' });
  });

  it('judges a cluster version against a release', () => {
    expect(kubernetesFit(getRelease('edge-26.8.3'), '1.30').verdict).toBe('refused');
    expect(kubernetesFit(getRelease('edge-26.8.3'), 'v1.31.4').verdict).toBe('untested');
    expect(kubernetesFit(getRelease('2.19'), 'v1.30.2+k3s1').verdict).toBe('supported');
    expect(kubernetesFit(getRelease('2.14'), '1.30').verdict).toBe('unsupported');
    // 2.18's docs start at 1.22 but its charts need 1.23.
    expect(kubernetesFit(getRelease('2.18'), '1.22').verdict).toBe('refused');
    expect(() => kubernetesFit(getRelease('2.19'), 'latest')).toThrow(/not a Kubernetes version/);
  });

  it('rejects an unknown id with the list of valid ids', () => {
    expect(() => getRelease('2.17')).toThrow(
      "unknown Linkerd version '2.17'; supported versions: '2.14', '2.18', '2.19', '2.20', 'edge-26.8.3'",
    );
    expect(isLinkerdVersionId('2.20')).toBe(true);
    expect(isLinkerdVersionId('stable-2.14.10')).toBe(false);
    expect(isLinkerdVersionId('toString')).toBe(false);
  });

  it('orders releases by series, the newest edge on the 2.20 line', () => {
    expect(isAtLeast(getRelease('edge-26.8.3'), '2.20')).toBe(true);
    expect(isAtLeast(getRelease('2.18'), '2.19')).toBe(false);
    expect(isAtLeast(getRelease('2.14'), '2.14')).toBe(true);
  });

  it('cannot be changed by a caller', () => {
    const r = getRelease('2.18') as { charts: Record<string, string> };
    expect(() => {
      r.charts['linkerd-viz'] = '0.0.0';
    }).toThrow(TypeError);
    expect(getRelease('2.18').charts['linkerd-viz']).toBe('2025.4.4');
  });
});
