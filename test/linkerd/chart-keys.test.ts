import { describe, expect, it } from 'vitest';
import { CHART_KEYS, nodeAt, validKeys } from '../../generator/linkerd/chart-keys/index.js';
import { getRelease, type LinkerdChartName, type LinkerdVersionId } from '../../generator/linkerd/versions.js';

const topLevel = (chart: LinkerdChartName, id: LinkerdVersionId) =>
  new Set(validKeys(CHART_KEYS[chart], getRelease(id)));

const split = (s: string) => s.split(/[\s,]+/).filter(Boolean);
const minus = (a: string[], b: string[]) => a.filter((k) => !b.includes(k));
const sorted = (s: Iterable<string>) => [...s].sort();

// values.yaml keys at HEAD (edge-26.8.3).
const CP_HEAD = split(`clusterDomain, clusterNetworks, imagePullPolicy, revisionHistoryLimit,
  controllerLogLevel, controllerLogFormat, linkerdVersion, deploymentStrategy, enableEndpointSlices,
  enablePodAntiAffinity, enablePprof, enablePodDisruptionBudget, disableIPv6, controller, cniEnabled,
  identityTrustAnchorsPEM, identityTrustDomain, kubeAPI, podAnnotations, podLabels, commonLabels,
  priorityClassName, runtimeClassName, policyController, proxy, proxyInit, networkValidator,
  imagePullSecrets, enableH2Upgrade, enablePSP, webhookFailurePolicy, controllerImage,
  controllerImageVersion, controllerReplicas, controllerUID, controllerGID, destinationController,
  debugContainer, identity, disableHeartBeat, proxyInjector, profileValidator, policyValidator,
  nodeSelector, spValidator, prometheusUrl, podMonitor, egress, configReaders`);
const CP_EXTRA = split(`tolerations, nodeAffinity, heartbeatSchedule, heartbeat, heartbeatResources,
  destinationResources, destinationProxyResources, identityResources, identityProxyResources,
  proxyInjectorResources, proxyInjectorProxyResources, spValidatorResources, controllerResources,
  highAvailability, cliVersion`);

const VIZ_HEAD = split(`linkerdVersion, clusterDomain, podLabels, commonLabels, identityTrustDomain,
  revisionHistoryLimit, defaultRegistry, defaultImagePullPolicy, defaultLogLevel, defaultLogFormat,
  defaultUID, defaultGID, linkerdNamespace, nodeSelector, imagePullSecrets, tolerations,
  enablePodAntiAffinity, enablePodDisruptionBudget, createNamespaceMetadataJob, enablePSP, prometheusUrl,
  prometheusCredsSecret, jaegerUrl, metricsAPI, tap, tapInjector, dashboard, namespaceMetadata, grafana,
  prometheus`);
const VIZ_EXTRA = split('cniEnabled, enablePprof, podAnnotations, nodeAffinity, proxyContainerName, cliVersion, resources');

const JAEGER_LAST = split(`linkerdNamespace, podLabels, commonLabels, nodeSelector, imagePullSecrets,
  tolerations, enablePodAntiAffinity, createNamespaceMetadataJob, enablePSP, defaultUID, defaultGID,
  revisionHistoryLimit, clusterDomain, collector, jaeger, linkerdVersion, namespaceMetadata, webhook`);
const JAEGER_EXTRA = split('cniEnabled, enablePprof, nodeAffinity');

describe('top-level key sets', () => {
  it('linkerd-control-plane matches values.yaml plus template keys per release', () => {
    expect(CP_HEAD).toHaveLength(49);
    const head = sorted([...CP_HEAD, ...CP_EXTRA]);
    expect(sorted(topLevel('linkerd-control-plane', 'edge-26.8.3'))).toEqual(head);
    expect(sorted(topLevel('linkerd-control-plane', '2.20'))).toEqual(head);
    expect(sorted(topLevel('linkerd-control-plane', '2.19'))).toEqual(head);
    const k218 = sorted([...minus(head, ['configReaders']), 'controlPlaneTracing', 'controlPlaneTracingNamespace']);
    expect(sorted(topLevel('linkerd-control-plane', '2.18'))).toEqual(k218);
    const added = ['controller', 'controllerGID', 'destinationController', 'disableIPv6', 'revisionHistoryLimit'];
    expect(sorted(topLevel('linkerd-control-plane', '2.14'))).toEqual(minus(k218, [...added, 'egress', 'spValidator']));
  });

  it('linkerd-viz matches values.yaml plus template keys per release', () => {
    expect(VIZ_HEAD).toHaveLength(30);
    const head = sorted([...VIZ_HEAD, ...VIZ_EXTRA]);
    for (const id of ['2.18', '2.19', '2.20', 'edge-26.8.3'] as const) {
      expect(sorted(topLevel('linkerd-viz', id))).toEqual(head);
    }
    const later = ['createNamespaceMetadataJob', 'enablePodDisruptionBudget', 'defaultGID', 'revisionHistoryLimit',
      'prometheusCredsSecret'];
    expect(sorted(topLevel('linkerd-viz', '2.14'))).toEqual(minus(head, later));
  });

  it('linkerd-jaeger matches values.yaml plus template keys per release', () => {
    expect(JAEGER_LAST).toHaveLength(18);
    const last = sorted([...JAEGER_LAST, ...JAEGER_EXTRA]);
    expect(sorted(topLevel('linkerd-jaeger', '2.18'))).toEqual(last);
    const later = ['createNamespaceMetadataJob', 'enablePodAntiAffinity', 'defaultGID', 'revisionHistoryLimit'];
    expect(sorted(topLevel('linkerd-jaeger', '2.14'))).toEqual(sorted([...minus(last, later), 'imagePullPolicy']));
  });

  it('linkerd-crds has the Gateway API switches of each release', () => {
    expect(sorted(topLevel('linkerd-crds', '2.14'))).toEqual(['enableHttpRoutes']);
    const all = ['enableHttpRoutes', 'enableTcpRoutes', 'enableTlsRoutes', 'installGatewayAPI'];
    for (const id of ['2.18', '2.19', '2.20', 'edge-26.8.3'] as const) {
      expect(sorted(topLevel('linkerd-crds', id))).toEqual(all);
    }
  });

  it('never lists installNamespace', () => {
    for (const chart of Object.keys(CHART_KEYS) as LinkerdChartName[]) {
      for (const id of ['2.14', '2.18', '2.19', '2.20', 'edge-26.8.3'] as const) {
        expect(topLevel(chart, id).has('installNamespace')).toBe(false);
      }
    }
  });
});

describe('nested key trees', () => {
  const cp = CHART_KEYS['linkerd-control-plane'];

  it('has the identity tree the generator writes', () => {
    const r = getRelease('2.20');
    const identity = nodeAt(cp, r, ['identity']);
    if (identity?.kind !== 'map') throw new Error('identity is not a map');
    expect(identity.mode).toBe('closed');
    expect(sorted(validKeys(identity, r))).toEqual(sorted(split(`externalCA, serviceAccountTokenProjection, issuer,
      kubeAPI, podAnnotations, livenessProbe, readinessProbe`)));
    expect(nodeAt(cp, r, ['identity', 'issuer', 'tls', 'crtPEM'])?.kind).toBe('open');
  });

  it('has proxy.tracing only from 2.19, with the documented keys', () => {
    expect(nodeAt(cp, getRelease('2.18'), ['proxy', 'tracing'])).toBeUndefined();
    for (const id of ['2.19', '2.20', 'edge-26.8.3'] as const) {
      const r = getRelease(id);
      const tracing = nodeAt(cp, r, ['proxy', 'tracing']);
      if (tracing?.kind !== 'map') throw new Error('tracing is not a map');
      expect(sorted(validKeys(tracing, r))).toEqual(['collector', 'enabled', 'labels', 'protocol', 'traceServiceName']);
      expect(nodeAt(cp, r, ['proxy', 'tracing', 'collector', 'meshIdentity', 'namespace'])?.kind).toBe('open');
    }
  });

  it('has proxy.nativeSidecar exactly in the releases whose chart has the switch', () => {
    expect(nodeAt(cp, getRelease('2.14'), ['proxy', 'nativeSidecar'])).toBeUndefined();
    for (const id of ['2.18', '2.19', '2.20', 'edge-26.8.3'] as const) {
      expect(nodeAt(cp, getRelease(id), ['proxy', 'nativeSidecar'])?.kind).toBe('open');
    }
  });
});
