/** linkerd-control-plane values: top-level keys per release and the subtrees the generator writes. */
import { INSTALL_NAMESPACE, WEBHOOK_CERT_KEYS } from './common.js';
import { ANY, closed, leaves, never, partial, since, until, type MapNode } from './tree.js';

/** Linkerd's own resource shape (singular request/limit), not the Kubernetes one. */
const PROXY_RESOURCES: MapNode = closed({
  cpu: closed(leaves('request', 'limit')),
  memory: closed(leaves('request', 'limit')),
  'ephemeral-storage': closed(leaves('request', 'limit')),
});

const IDENTITY: MapNode = closed({
  ...leaves('externalCA', 'serviceAccountTokenProjection'),
  issuer: closed({
    ...leaves('scheme', 'clockSkewAllowance', 'issuanceLifetime'),
    tls: closed(leaves('crtPEM', 'keyPEM')),
  }),
  ...leaves('kubeAPI', 'podAnnotations', 'livenessProbe', 'readinessProbe'),
});

const PROXY_TRACING: MapNode = closed({
  ...leaves('enabled', 'traceServiceName', 'labels', 'protocol'),
  collector: closed({
    endpoint: ANY,
    meshIdentity: closed(leaves('serviceAccountName', 'namespace')),
  }),
  enable: never(
    '`proxy.tracing.enable` was the spelling of edge-25.6.4 to edge-25.9.4 only; use `proxy.tracing.enabled`',
  ),
});

// Partial: the documented proxy keys, not necessarily every key values.yaml has.
const PROXY: MapNode = partial({
  ...leaves('image', 'cores', 'runtime'),
  resources: PROXY_RESOURCES,
  ports: closed(leaves('admin', 'control', 'inbound', 'outbound')),
  ...leaves('logLevel', 'logFormat', 'logHTTPHeaders', 'uid', 'gid', 'securityContext'),
  ...leaves('await', 'waitBeforeExitSeconds', 'shutdownGracePeriod', 'enableShutdownEndpoint'),
  // The chart switch is documented from 2.18 on; 2.14 has no native-sidecar support at all.
  nativeSidecar: since('2.18', ANY, 'Linkerd 2.14 has no native-sidecar support'),
  ...leaves('opaquePorts', 'defaultInboundPolicy', 'outboundTransportMode', 'enableExternalProfiles'),
  ...leaves('requireIdentityOnInboundPorts', 'outboundConnectTimeout', 'inboundConnectTimeout'),
  ...leaves('outboundDiscoveryCacheUnusedTimeout', 'inboundDiscoveryCacheUnusedTimeout'),
  ...leaves('disableOutboundProtocolDetectTimeout', 'disableInboundProtocolDetectTimeout'),
  ...leaves('livenessProbe', 'readinessProbe', 'startupProbe', 'control', 'metrics', 'inbound', 'outbound'),
  tracing: since(
    '2.19',
    PROXY_TRACING,
    'before 2.19 the control plane has no proxy tracing; trace through the linkerd-jaeger app ' +
      '(webhook.collectorSvcAddr / webhook.collectorSvcAccount) instead',
  ),
});

// Partial: only the cert, selector and timeout keys of these webhooks are listed.
const WEBHOOK: MapNode = partial({
  ...WEBHOOK_CERT_KEYS,
  ...leaves('namespaceSelector', 'objectSelector', 'timeoutSeconds'),
});

const HONOR_TIMESTAMPS = since('2.20');

const POD_MONITOR: MapNode = closed({
  ...leaves('enabled', 'scrapeInterval', 'scrapeTimeout', 'labels'),
  controller: closed({ ...leaves('enabled', 'namespaceSelector'), honorTimestamps: HONOR_TIMESTAMPS }),
  serviceMirror: closed({ enabled: ANY, honorTimestamps: HONOR_TIMESTAMPS }),
  proxy: closed({ enabled: ANY, honorTimestamps: HONOR_TIMESTAMPS }),
});

export const CONTROL_PLANE_KEYS: MapNode = closed({
  // values.yaml keys present in every supported release
  ...leaves('clusterDomain', 'clusterNetworks', 'imagePullPolicy', 'controllerLogLevel', 'controllerLogFormat'),
  ...leaves('linkerdVersion', 'deploymentStrategy', 'enableEndpointSlices', 'enablePodAntiAffinity', 'enablePprof'),
  ...leaves('enablePodDisruptionBudget', 'cniEnabled', 'identityTrustAnchorsPEM', 'identityTrustDomain', 'kubeAPI'),
  ...leaves('podAnnotations', 'podLabels', 'commonLabels', 'priorityClassName', 'runtimeClassName'),
  ...leaves('policyController', 'proxyInit', 'networkValidator', 'imagePullSecrets', 'enableH2Upgrade'),
  ...leaves('enablePSP', 'webhookFailurePolicy', 'controllerImage', 'controllerImageVersion', 'controllerReplicas'),
  ...leaves('controllerUID', 'debugContainer', 'disableHeartBeat', 'nodeSelector', 'prometheusUrl'),
  identity: IDENTITY,
  proxy: PROXY,
  proxyInjector: WEBHOOK,
  profileValidator: WEBHOOK,
  policyValidator: WEBHOOK,
  podMonitor: POD_MONITOR,

  // added in 2.16
  controller: since('2.16'),
  controllerGID: since('2.16'),
  destinationController: since('2.16'),
  disableIPv6: since('2.16'),
  revisionHistoryLimit: since('2.16'),
  // added in 2.17
  egress: since('2.17'),
  spValidator: since('2.17'),
  // added in edge-25.6.2, so first released in 2.19
  configReaders: since('2.19'),
  // removed in 2.19
  controlPlaneTracing: until('2.19', ANY, 'control-plane tracing moved to `controller.tracing.*`'),
  controlPlaneTracingNamespace: until('2.19', ANY, 'control-plane tracing moved to `controller.tracing.*`'),

  // Not in values.yaml but read by the templates or set by values-ha.yaml / the CLI.
  ...leaves('tolerations', 'nodeAffinity', 'heartbeatSchedule', 'heartbeatResources', 'destinationResources'),
  ...leaves('destinationProxyResources', 'identityResources', 'identityProxyResources', 'proxyInjectorResources'),
  ...leaves('proxyInjectorProxyResources', 'spValidatorResources', 'controllerResources', 'highAvailability'),
  cliVersion: ANY,
  heartbeat: closed(leaves('additionalEnv', 'experimentalEnv')),

  installNamespace: INSTALL_NAMESPACE,
});
