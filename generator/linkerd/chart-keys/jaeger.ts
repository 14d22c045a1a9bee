/** linkerd-jaeger values (the chart ships up to Linkerd 2.18; edge-25.9.4 was its last build). */
import { INSTALL_NAMESPACE, NAMESPACE_METADATA_JOB_HINT, WEBHOOK_CERT_KEYS } from './common.js';
import { ANY, closed, leaves, never, partial, since, until, type MapNode } from './tree.js';

// Partial: the documented injector keys, not necessarily every key values.yaml has.
const WEBHOOK: MapNode = partial({
  ...leaves('collectorSvcAddr', 'collectorSvcAccount', 'collectorTraceSvcName'),
  collectorTraceProtocol: since(
    '2.17',
    ANY,
    'before 2.17 the injector always exports OpenCensus (collector port 55678)',
  ),
  ...WEBHOOK_CERT_KEYS,
  ...leaves('replicas', 'failurePolicy', 'namespaceSelector', 'objectSelector', 'image', 'logLevel'),
  enabled: never(
    'no linkerd-jaeger template reads `webhook.enabled` (a migration doc suggests it, wrongly); to stop the ' +
      'injector, remove the linkerd-jaeger app',
  ),
});

export const JAEGER_KEYS: MapNode = closed({
  // values.yaml keys present in every release that ships the chart
  ...leaves('linkerdNamespace', 'podLabels', 'commonLabels', 'nodeSelector', 'imagePullSecrets', 'tolerations'),
  ...leaves('enablePSP', 'defaultUID', 'clusterDomain', 'linkerdVersion', 'namespaceMetadata'),
  collector: partial({ enabled: ANY }),
  jaeger: partial({ enabled: ANY }),
  webhook: WEBHOOK,

  // removed in 2.15
  imagePullPolicy: until('2.15'),
  // added in 2.15
  createNamespaceMetadataJob: since('2.15', ANY, NAMESPACE_METADATA_JOB_HINT),
  enablePodAntiAffinity: since('2.15'),
  // added in 2.16
  defaultGID: since('2.16'),
  revisionHistoryLimit: since('2.16'),

  // Not in values.yaml but read by the templates.
  ...leaves('cniEnabled', 'enablePprof', 'nodeAffinity'),

  installNamespace: INSTALL_NAMESPACE,
});
