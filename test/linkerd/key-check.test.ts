import { describe, expect, it } from 'vitest';
import { parseSourceDocuments, positionOf } from '../../generator/core/yaml-source.js';
import {
  checkChartValues,
  isLinkerdChart,
  listLinkerdCharts,
} from '../../generator/linkerd/key-check.js';
import { closest, KEY_TYPOS } from '../../generator/core/suggest.js';
import {
  getRelease,
  isAtLeast,
  SUPPORTED_LINKERD_VERSIONS,
  type LinkerdChartName,
  type LinkerdVersionId,
} from '../../generator/linkerd/versions.js';

const at = { file: 'manifests/values/pi/linkerd.yaml' };
const check = (chart: string, release: LinkerdVersionId, values: unknown) =>
  checkChartValues(chart, release, values, at);

const JAEGER_RELEASES: LinkerdVersionId[] = ['2.14', '2.18'];
const PROXY_TRACING_RELEASES: LinkerdVersionId[] = ['2.19', '2.20', 'edge-26.8.3'];

/** Values as the generator writes them for a Pi cluster: cert-manager CA, BYO monitoring, HA keys. */
function controlPlaneValues(id: LinkerdVersionId): Record<string, unknown> {
  const r = getRelease(id);
  const resources = { cpu: { request: '100m' }, memory: { request: '50Mi', limit: '250Mi' } };
  const webhook = (name: string) => ({
    externalSecret: true,
    injectCaFrom: `linkerd/${name}`,
    namespaceSelector: { matchExpressions: [{ key: 'config.linkerd.io/admission-webhooks', operator: 'NotIn' }] },
    timeoutSeconds: 10,
  });
  const proxy: Record<string, unknown> = {
    image: { name: 'cr.l5d.io/linkerd/proxy', version: '' },
    resources: { cpu: { request: '100m', limit: '' }, memory: { request: '20Mi', limit: '250Mi' } },
    logLevel: 'warn,linkerd=info',
    logFormat: 'json',
    ports: { admin: 4191, control: 4190, inbound: 4143, outbound: 4140 },
    await: true,
    waitBeforeExitSeconds: 0,
    enableShutdownEndpoint: false,
    opaquePorts: '25,587,3306,4444,5432,6379,9300,11211',
    defaultInboundPolicy: 'all-unauthenticated',
    outboundConnectTimeout: '1000ms',
    livenessProbe: { initialDelaySeconds: 10, timeoutSeconds: 1 },
    startupProbe: { failureThreshold: 120 },
  };
  if (r.nativeSidecar) proxy.nativeSidecar = true;
  if (r.tracing.mode === 'proxy-tracing') {
    proxy.tracing = {
      enabled: true,
      traceServiceName: 'linkerd-proxy',
      labels: { 'k8s.pod.ip': '$(_pod_ip)' },
      protocol: 'opentelemetry',
      collector: {
        endpoint: 'tempo-distributor.tempo:4317',
        meshIdentity: { serviceAccountName: 'tempo-distributor', namespace: 'tempo' },
      },
    };
  }
  const honor = r.podMonitor.honorTimestamps ? { honorTimestamps: false } : {};
  return {
    clusterDomain: 'cluster.local',
    identityTrustAnchorsPEM: '',
    identityTrustDomain: '',
    identity: {
      externalCA: true,
      serviceAccountTokenProjection: true,
      issuer: { scheme: 'kubernetes.io/tls', clockSkewAllowance: '20s', issuanceLifetime: '24h0m0s' },
      kubeAPI: { clientQPS: 100, clientBurst: 200 },
      podAnnotations: {},
      livenessProbe: { timeoutSeconds: 1 },
    },
    proxy,
    proxyInit: { iptablesMode: r.proxyInitIptablesModeDefault, ignoreOutboundPorts: '4567,4568' },
    proxyInjector: { ...webhook('linkerd-proxy-injector'), objectSelector: {} },
    profileValidator: webhook('linkerd-sp-validator'),
    policyValidator: webhook('linkerd-policy-validator'),
    heartbeatSchedule: '0 0 * * *',
    disableHeartBeat: false,
    podMonitor: {
      enabled: true,
      scrapeInterval: '10s',
      scrapeTimeout: '10s',
      labels: { release: 'kube-prometheus-stack' },
      controller: { enabled: true, namespaceSelector: 'matchNames:\n  - linkerd\n', ...honor },
      serviceMirror: { enabled: false, ...honor },
      proxy: { enabled: true, ...honor },
    },
    // values-ha.yaml, inlined
    enablePodDisruptionBudget: true,
    enablePodAntiAffinity: true,
    deploymentStrategy: { rollingUpdate: { maxUnavailable: 1 } },
    controllerReplicas: 3,
    webhookFailurePolicy: 'Fail',
    highAvailability: true,
    destinationResources: resources,
    heartbeatResources: resources,
    proxyInjectorResources: resources,
    spValidatorResources: resources,
    identityResources: { cpu: { request: '100m' }, memory: { request: '10Mi', limit: '250Mi' } },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    ...(isAtLeast(r, '2.16') ? { revisionHistoryLimit: 3, disableIPv6: true, controller: { tracing: {} } } : {}),
  };
}

function vizValues(id: LinkerdVersionId): Record<string, unknown> {
  const r = getRelease(id);
  return {
    linkerdNamespace: 'linkerd',
    clusterDomain: 'cluster.local',
    prometheusUrl: 'http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090',
    prometheus: { enabled: false },
    grafana: { externalUrl: 'https://grafana.pi.example', uidPrefix: '' },
    jaegerUrl: '',
    dashboard: {
      enforcedHostRegexp: '^linkerd\\.pi\\.example$',
      replicas: 1,
      restrictPrivileges: true,
      image: { name: 'web' },
      service: { annotations: {}, labels: {} },
      resources: { cpu: { request: '100m' } },
    },
    tap: { externalSecret: true, injectCaFrom: 'linkerd-viz/tap', replicas: 3, ignoreHeaders: [] },
    tapInjector: {
      externalSecret: true,
      injectCaFrom: 'linkerd-viz/linkerd-tap-injector',
      failurePolicy: 'Ignore',
      namespaceSelector: {},
    },
    metricsAPI: { replicas: 1, resources: { memory: { limit: '250Mi' } } },
    enablePodAntiAffinity: true,
    defaultLogLevel: 'info',
    podAnnotations: {},
    ...(r.createNamespaceMetadataJob ? { createNamespaceMetadataJob: false, enablePodDisruptionBudget: true } : {}),
    ...(isAtLeast(r, '2.16') ? { defaultGID: 2103, revisionHistoryLimit: 3 } : {}),
    ...(isAtLeast(r, '2.17') ? { prometheusCredsSecret: '' } : {}),
  };
}

function jaegerValues(id: LinkerdVersionId): Record<string, unknown> {
  const r = getRelease(id);
  const webhook: Record<string, unknown> = {
    collectorSvcAddr: 'tempo-distributor.tempo:4317',
    collectorSvcAccount: 'tempo-distributor',
    collectorTraceSvcName: 'linkerd-proxy',
    externalSecret: true,
    injectCaFrom: 'linkerd-jaeger/jaeger-injector',
    failurePolicy: 'Ignore',
    replicas: 1,
  };
  if (r.tracing.mode === 'jaeger-extension' && r.tracing.webhookDefaults.collectorTraceProtocolKey) {
    webhook.collectorTraceProtocol = 'opentelemetry';
  }
  return {
    linkerdNamespace: 'linkerd',
    collector: { enabled: false },
    jaeger: { enabled: false },
    webhook,
    nodeSelector: {},
    ...(r.createNamespaceMetadataJob ? { createNamespaceMetadataJob: false, enablePodAntiAffinity: true } : {}),
    ...(isAtLeast(r, '2.16') ? { defaultGID: 2103, revisionHistoryLimit: 3 } : { imagePullPolicy: 'IfNotPresent' }),
  };
}

function crdsValues(id: LinkerdVersionId): Record<string, unknown> {
  return getRelease(id).gatewayApi.switchKey === 'installGatewayAPI'
    ? { installGatewayAPI: false, enableHttpRoutes: true }
    : { enableHttpRoutes: true };
}

const VALUES: Record<LinkerdChartName, (id: LinkerdVersionId) => Record<string, unknown>> = {
  'linkerd-crds': crdsValues,
  'linkerd-control-plane': controlPlaneValues,
  'linkerd-viz': vizValues,
  'linkerd-jaeger': jaegerValues,
};

const keysOf = (ds: { pointer?: string }[]) => ds.map((d) => d.pointer);

describe('checkChartValues', () => {
  for (const id of SUPPORTED_LINKERD_VERSIONS) {
    for (const chart of listLinkerdCharts(id)) {
      it(`accepts realistic ${chart} values on ${id}`, () => {
        expect(check(chart, id, VALUES[chart](id))).toEqual([]);
      });
    }
  }

  it('rejects installNamespace on every chart and release', () => {
    for (const id of SUPPORTED_LINKERD_VERSIONS) {
      for (const chart of listLinkerdCharts(id)) {
        const ds = check(chart, id, { ...VALUES[chart](id), installNamespace: false });
        expect(ds).toHaveLength(1);
        expect(ds[0]).toMatchObject({
          severity: 'error',
          code: 'values/unknown-key',
          pointer: '/installNamespace',
          file: at.file,
        });
        expect(ds[0]?.message).toContain(`"installNamespace" for ${chart} ${getRelease(id).charts[chart]} (Linkerd ${id})`);
        expect(ds[0]?.hint).toMatch(/removed in Linkerd 2\.12/);
        expect(ds[0]?.hint).toMatch(/generator writes the Namespace/);
      }
    }
  });

  it('rejects webhook.enabled on linkerd-jaeger', () => {
    for (const id of JAEGER_RELEASES) {
      const ds = check('linkerd-jaeger', id, { webhook: { enabled: false, collectorSvcAddr: 'x.tempo:4317' } });
      expect(keysOf(ds)).toEqual(['/webhook/enabled']);
      expect(ds[0]?.hint).toMatch(/no linkerd-jaeger template reads `webhook.enabled`/);
    }
  });

  it('rejects proxy.tracing before 2.19 and points at the jaeger app', () => {
    for (const id of JAEGER_RELEASES) {
      const ds = check('linkerd-control-plane', id, { proxy: { tracing: { enabled: true } } });
      expect(keysOf(ds)).toEqual(['/proxy/tracing']);
      expect(ds[0]?.message).toContain(`unknown key "proxy.tracing" for linkerd-control-plane`);
      expect(ds[0]?.hint).toContain('needs Linkerd 2.19 or later; the target is ' + id);
      expect(ds[0]?.hint).toContain('linkerd-jaeger');
      expect(ds[0]?.hint).toContain('valid in: 2.19, 2.20, edge-26.8.3');
    }
  });

  it('accepts proxy.tracing.enabled from 2.19', () => {
    for (const id of PROXY_TRACING_RELEASES) {
      expect(check('linkerd-control-plane', id, { proxy: { tracing: { enabled: true } } })).toEqual([]);
    }
  });

  it('rejects proxy.tracing.enable everywhere', () => {
    for (const id of SUPPORTED_LINKERD_VERSIONS) {
      const ds = check('linkerd-control-plane', id, { proxy: { tracing: { enable: true } } });
      expect(ds).toHaveLength(1);
      if (PROXY_TRACING_RELEASES.includes(id)) {
        expect(ds[0]?.pointer).toBe('/proxy/tracing/enable');
        expect(ds[0]?.hint).toContain('use `proxy.tracing.enabled`');
      } else {
        expect(ds[0]?.pointer).toBe('/proxy/tracing');
      }
    }
  });

  it('suggests externalCA for a misspelt identity.externalCa', () => {
    for (const id of SUPPORTED_LINKERD_VERSIONS) {
      const ds = check('linkerd-control-plane', id, { identity: { externalCa: true } });
      expect(keysOf(ds)).toEqual(['/identity/externalCa']);
      expect(ds[0]?.message).toContain('did you mean "identity.externalCA"?');
    }
  });

  it('rejects the keys a release removed or has not added yet', () => {
    expect(keysOf(check('linkerd-control-plane', '2.19', { controlPlaneTracing: true }))).toEqual([
      '/controlPlaneTracing',
    ]);
    expect(check('linkerd-control-plane', '2.18', { controlPlaneTracing: true })).toEqual([]);
    expect(keysOf(check('linkerd-control-plane', '2.18', { configReaders: [] }))).toEqual(['/configReaders']);
    expect(keysOf(check('linkerd-control-plane', '2.14', { egress: {}, controller: {}, proxy: { nativeSidecar: true } })))
      .toEqual(['/egress', '/controller', '/proxy/nativeSidecar']);
    expect(keysOf(check('linkerd-control-plane', '2.19', { podMonitor: { proxy: { honorTimestamps: true } } })))
      .toEqual(['/podMonitor/proxy/honorTimestamps']);
    expect(keysOf(check('linkerd-viz', '2.14', { createNamespaceMetadataJob: false, prometheusCredsSecret: '' })))
      .toEqual(['/createNamespaceMetadataJob', '/prometheusCredsSecret']);
    expect(keysOf(check('linkerd-jaeger', '2.14', { webhook: { collectorTraceProtocol: 'opentelemetry' } })))
      .toEqual(['/webhook/collectorTraceProtocol']);
    expect(keysOf(check('linkerd-jaeger', '2.18', { imagePullPolicy: 'Always' }))).toEqual(['/imagePullPolicy']);
    expect(keysOf(check('linkerd-crds', '2.14', { installGatewayAPI: true, enableTlsRoutes: true }))).toEqual([
      '/installGatewayAPI',
      '/enableTlsRoutes',
    ]);
  });

  it('rejects Kubernetes-style resource keys where Linkerd expects request/limit', () => {
    const ds = check('linkerd-control-plane', '2.20', { proxy: { resources: { cpu: { requests: '100m' } } } });
    expect(keysOf(ds)).toEqual(['/proxy/resources/cpu/requests']);
    expect(ds[0]?.message).toContain('did you mean "proxy.resources.cpu.request"?');
  });

  it('points at the right place for a misplaced key', () => {
    const ds = check('linkerd-viz', '2.20', { enforcedHostRegexp: '.*' });
    expect(keysOf(ds)).toEqual(['/enforcedHostRegexp']);
    expect(ds[0]?.hint).toContain('"dashboard.enforcedHostRegexp"');
  });

  it('accepts undocumented keys in partially documented maps but flags near-misses there', () => {
    expect(check('linkerd-control-plane', '2.20', { proxy: { accessLog: 'apache' } })).toEqual([]);
    expect(check('linkerd-viz', '2.20', { dashboard: { logLevel: 'debug' } })).toEqual([]);
    const ds = check('linkerd-viz', '2.20', { prometheus: { enable: false } });
    expect(keysOf(ds)).toEqual(['/prometheus/enable']);
    expect(ds[0]?.message).toContain('did you mean "prometheus.enabled"?');
  });

  it('accepts anything below open subtrees', () => {
    const values = {
      podAnnotations: { 'a/b': 'c' },
      proxyInit: { anything: { at: ['all'] } },
      identity: { podAnnotations: { x: 'y' }, kubeAPI: { whatever: 1 } },
    };
    expect(check('linkerd-control-plane', '2.18', values)).toEqual([]);
  });

  it('reports every unknown key once and does not descend below it', () => {
    const ds = check('linkerd-control-plane', '2.20', {
      installNamespace: true,
      bogus: { deeper: { still: 1 } },
      identity: { issuer: { tls: { crt: 'x' } } },
    });
    expect(keysOf(ds)).toEqual(['/installNamespace', '/bogus', '/identity/issuer/tls/crt']);
    expect(ds[2]?.hint).toBe('valid keys under "identity.issuer.tls": crtPEM, keyPEM');
  });

  it('escapes pointers and maps them to source positions', () => {
    const text = 'podMonitor:\n  enabled: true\n  labels: {}\n  "a/b~c": 1\n';
    const [src] = parseSourceDocuments('values.yaml', text);
    if (!src) throw new Error('no document');
    const ds = checkChartValues('linkerd-control-plane', '2.20', src.doc.toJS(), {
      file: 'values.yaml',
      locate: (p) => positionOf(src, p),
    });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ pointer: '/podMonitor/a~1b~0c', line: 4, file: 'values.yaml' });
  });

  it('handles empty and non-map values', () => {
    expect(check('linkerd-viz', '2.20', null)).toEqual([]);
    expect(check('linkerd-viz', '2.20', {})).toEqual([]);
    expect(check('linkerd-viz', '2.20', ['x'])[0]?.code).toBe('values/not-a-map');
    // Type mismatches are not key errors.
    expect(check('linkerd-control-plane', '2.20', { identity: 'oops' })).toEqual([]);
  });

  it('does not treat Object.prototype names as keys', () => {
    expect(keysOf(check('linkerd-crds', '2.20', { constructor: 1, toString: 2 }))).toEqual([
      '/constructor',
      '/toString',
    ]);
  });

  it('reports linkerd-jaeger on a release that no longer ships it', () => {
    for (const id of PROXY_TRACING_RELEASES) {
      const ds = check('linkerd-jaeger', id, jaegerValues('2.18'));
      expect(ds).toHaveLength(1);
      expect(ds[0]).toMatchObject({ code: 'values/chart-not-in-release', severity: 'error' });
      expect(ds[0]?.hint).toContain('proxy.tracing');
    }
  });

  it('refuses a chart that is not a Linkerd chart', () => {
    expect(() => check('traefik', '2.20', {})).toThrow(/not a Linkerd chart: 'traefik'/);
  });
});

describe('chart helpers', () => {
  it('knows the Linkerd charts', () => {
    expect(listLinkerdCharts()).toEqual(['linkerd-crds', 'linkerd-control-plane', 'linkerd-viz', 'linkerd-jaeger']);
    expect(listLinkerdCharts('2.18')).toContain('linkerd-jaeger');
    expect(listLinkerdCharts('2.19')).not.toContain('linkerd-jaeger');
    expect(isLinkerdChart('linkerd-viz')).toBe(true);
    expect(isLinkerdChart('linkerd2-cni')).toBe(false);
  });

  it('suggests only plausible misspellings', () => {
    expect(closest('externalCa', ['externalCA', 'kubeAPI'], KEY_TYPOS)).toBe('externalCA');
    expect(closest('enable', ['enabled', 'labels'], KEY_TYPOS)).toBe('enabled');
    expect(closest('uid', ['gid'], KEY_TYPOS)).toBeUndefined();
    expect(closest('installNamespace', ['linkerdNamespace'], KEY_TYPOS)).toBeUndefined();
    expect(closest('enalbed', ['enabled'], KEY_TYPOS)).toBe('enabled');
  });
});
