/** linkerd-viz values: top-level keys per release and the subtrees the generator writes. */
import { INSTALL_NAMESPACE, NAMESPACE_METADATA_JOB_HINT, WEBHOOK_CERT_KEYS } from './common.js';
import { ANY, closed, leaves, partial, since, type MapNode } from './tree.js';

// The subtrees below are partial: the documented keys, not every key values.yaml has.

const TAP: MapNode = partial({
  ...WEBHOOK_CERT_KEYS,
  ...leaves('replicas', 'logLevel', 'logFormat', 'image', 'resources', 'ignoreHeaders', 'proxy'),
  ...leaves('UID', 'GID', 'service'),
});

const TAP_INJECTOR: MapNode = partial({
  ...WEBHOOK_CERT_KEYS,
  ...leaves('replicas', 'image', 'namespaceSelector', 'objectSelector', 'failurePolicy'),
  // values-ha.yaml sets resources for the tap components
  resources: ANY,
});

const DASHBOARD: MapNode = partial({
  ...leaves('enforcedHostRegexp', 'replicas', 'restrictPrivileges', 'image', 'resources'),
  service: partial(leaves('annotations', 'labels')),
});

const METRICS_API: MapNode = partial(
  leaves('replicas', 'logLevel', 'logFormat', 'image', 'resources', 'proxy', 'UID', 'GID', 'nodeSelector',
    'tolerations', 'service'),
);

const PROMETHEUS: MapNode = partial(
  leaves('enabled', 'image', 'args', 'globalConfig', 'alertmanagers', 'remoteWrite', 'scrapeConfigs',
    'metricRelabelConfigs', 'ruleConfigMapMounts', 'sidecarContainers', 'persistence', 'resources',
    'podAnnotations'),
);

export const VIZ_KEYS: MapNode = closed({
  // values.yaml keys present in every supported release
  ...leaves('linkerdVersion', 'clusterDomain', 'podLabels', 'commonLabels', 'identityTrustDomain'),
  ...leaves('defaultRegistry', 'defaultImagePullPolicy', 'defaultLogLevel', 'defaultLogFormat', 'defaultUID'),
  ...leaves('linkerdNamespace', 'nodeSelector', 'imagePullSecrets', 'tolerations', 'enablePodAntiAffinity'),
  ...leaves('enablePSP', 'prometheusUrl', 'jaegerUrl', 'namespaceMetadata'),
  metricsAPI: METRICS_API,
  tap: TAP,
  tapInjector: TAP_INJECTOR,
  dashboard: DASHBOARD,
  grafana: closed(leaves('url', 'externalUrl', 'uidPrefix')),
  prometheus: PROMETHEUS,

  // added in 2.15
  createNamespaceMetadataJob: since('2.15', ANY, NAMESPACE_METADATA_JOB_HINT),
  enablePodDisruptionBudget: since('2.15'),
  // added in 2.16
  defaultGID: since('2.16'),
  revisionHistoryLimit: since('2.16'),
  // added in 2.17
  prometheusCredsSecret: since('2.17'),

  // Not in values.yaml but read by the templates; `resources` is an anchor of values-ha.yaml.
  ...leaves('cniEnabled', 'enablePprof', 'podAnnotations', 'nodeAffinity', 'proxyContainerName', 'cliVersion'),
  resources: ANY,

  installNamespace: INSTALL_NAMESPACE,
});
