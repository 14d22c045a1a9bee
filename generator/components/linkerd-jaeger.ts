import { CLUSTER_RBAC, MUTATING_WEBHOOK } from './kinds.js';
import type { IgnoreDifference } from '../model/config.js';
import type { K8sObject } from '../model/k8s.js';
import { webhookCertificate } from './cert-manager-objects.js';
import { checkLinkerdValues, externalWebhook, linkerdChart, POD_SECURITY_PRIVILEGED, releaseOf } from './linkerd-common.js';
import type { Component } from './types.js';

/**
 * Tracing to Grafana Tempo up to Linkerd 2.18: the linkerd-jaeger chart with only its injector,
 * pointing proxies at the Tempo collector (which must be meshed, with the ServiceAccount named
 * here, because the injector derives the collector's mesh identity from it). From 2.19 the chart
 * no longer exists and the control plane's `proxy.tracing` takes over, so the app is skipped.
 */
export const linkerdJaeger: Component = {
  id: 'linkerd-jaeger',
  summary: 'linkerd-jaeger injector only, exporting to Tempo (Linkerd <= 2.18; skipped from 2.19)',
  skipReason(ctx) {
    const release = releaseOf(ctx.settings);
    if (release.tracing.mode !== 'jaeger-extension') return `Linkerd ${release.id} has no linkerd-jaeger chart; tracing is configured by proxy.tracing on linkerd-control-plane`;
    if (!ctx.settings.tracing.enabled) return 'tracing is disabled (settings.tracing.enabled: false)';
    return undefined;
  },
  contribute(ctx) {
    const s = ctx.settings;
    const ns = ctx.app.namespace;
    const release = releaseOf(s);
    const c = s.tracing.collector;
    const facts = release.tracing.mode === 'jaeger-extension' ? release.tracing.webhookDefaults : undefined;
    // Before 2.17 the injector speaks only OpenCensus, which Tempo receives on 55678 (tempo-distributed's
    // traces.opencensus; the single-binary chart exposes no such port).
    const port = facts && facts.protocol === 'opencensus' ? 55678 : c.port;
    const values: Record<string, unknown> = {
      linkerdNamespace: s.linkerd.namespace,
      collector: { enabled: false },
      jaeger: { enabled: false },
      webhook: { collectorSvcAddr: `${c.service}.${c.namespace}:${port}`, collectorSvcAccount: c.serviceAccount },
    };
    if (release.createNamespaceMetadataJob) values['createNamespaceMetadataJob'] = false;
    const manifests: K8sObject[] = [];
    const ignoreDifferences: IgnoreDifference[] = [];
    if (s.linkerd.webhookCerts === 'cert-manager') {
      Object.assign(values['webhook'] as object, externalWebhook(ns, 'jaeger-injector'));
      manifests.push(webhookCertificate({ name: 'jaeger-injector', namespace: ns, service: 'jaeger-injector', secretName: 'jaeger-injector-k8s-tls', issuer: s.certManager.caIssuer }));
    } else {
      ignoreDifferences.push(
        { group: '', kind: 'Secret', name: 'jaeger-injector-k8s-tls', jsonPointers: ['/data/tls.crt', '/data/tls.key'] },
        { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', name: 'linkerd-jaeger-injector-webhook-config', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] },
        { group: 'apps', kind: 'Deployment', name: 'jaeger-injector', jsonPointers: ['/spec/template/metadata/annotations/checksum~1config'] },
      );
    }
    return {
      chart: linkerdChart(s, 'linkerd-jaeger')!,
      values,
      manifests,
      ignoreDifferences,
      namespace: { object: true, labels: { 'linkerd.io/extension': 'jaeger', ...POD_SECURITY_PRIVILEGED } },
      sync: { skipDryRunOnMissingResource: true, ...(ignoreDifferences.length ? { respectIgnoreDifferences: true } : {}) },
      clusterResources: [
        ...CLUSTER_RBAC,
        MUTATING_WEBHOOK,
      ],
    };
  },
  checkValues: (values, ctx, where) => checkLinkerdValues('linkerd-jaeger', values, ctx, where),
};
