import { CLUSTER_RBAC, MUTATING_WEBHOOK, VALIDATING_WEBHOOK } from './kinds.js';
import type { IgnoreDifference } from '../model/config.js';
import { CONTROL_PLANE_WEBHOOKS } from './linkerd-identity.js';
import { checkLinkerdValues, externalWebhook, linkerdChart, releaseOf } from './linkerd-common.js';
import type { Component } from './types.js';

/**
 * linkerd-control-plane with an external CA. Two trust-anchor paths:
 * - trust-manager (default): `identity.externalCA: true`; the Bundle writes the trust-roots ConfigMap.
 * - pem: the anchor's public certificate as `identityTrustAnchorsPEM`; the chart writes the ConfigMap.
 * Either way `identity.issuer.scheme: kubernetes.io/tls` makes the identity controller read the
 * issuer Secret cert-manager writes, so no private key is ever in git.
 *
 * Convergence: the chart generates webhook certificates and a heartbeat schedule on every render.
 * By default cert-manager issues the webhook certificates (`externalSecret` + `injectCaFrom`) and the
 * schedule is fixed, so two renders are byte-identical; the `ignore-differences` setting instead
 * lists the exact fields Argo CD must ignore.
 */
export const linkerdControlPlane: Component = {
  id: 'linkerd-control-plane',
  summary: 'linkerd-control-plane: external CA identity, cert-manager webhook certs, fixed heartbeat, version-aware tracing',
  contribute(ctx) {
    const s = ctx.settings;
    const l = s.linkerd;
    const release = releaseOf(s);
    const values: Record<string, unknown> = {
      identity: { externalCA: l.trustAnchor.mode === 'trust-manager', issuer: { scheme: 'kubernetes.io/tls' } },
      heartbeatSchedule: l.heartbeatSchedule,
    };
    if (l.trustAnchor.mode === 'pem') values['identityTrustAnchorsPEM'] = l.trustAnchor.pem ?? '';
    const ignoreDifferences: IgnoreDifference[] = [];
    if (l.webhookCerts === 'cert-manager') {
      for (const w of CONTROL_PLANE_WEBHOOKS) values[w.values] = externalWebhook(l.namespace, w.service);
    } else {
      for (const w of CONTROL_PLANE_WEBHOOKS) ignoreDifferences.push({ group: '', kind: 'Secret', name: w.secret, jsonPointers: ['/data/tls.crt', '/data/tls.key'] });
      ignoreDifferences.push(
        { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', name: 'linkerd-proxy-injector-webhook-config', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] },
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'linkerd-sp-validator-webhook-config', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] },
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'linkerd-policy-validator-webhook-config', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] },
        { group: 'apps', kind: 'Deployment', name: 'linkerd-destination', jsonPointers: ['/spec/template/metadata/annotations/checksum~1config'] },
        { group: 'apps', kind: 'Deployment', name: 'linkerd-proxy-injector', jsonPointers: ['/spec/template/metadata/annotations/checksum~1config'] },
        { group: 'batch', kind: 'CronJob', name: 'linkerd-heartbeat', jsonPointers: ['/spec/schedule'] },
      );
    }
    // From 2.19 the proxies export spans themselves; the collector must be in the mesh.
    if (s.tracing.enabled && release.tracing.mode === 'proxy-tracing') {
      const c = s.tracing.collector;
      values['proxy'] = {
        tracing: {
          enabled: true,
          collector: { endpoint: `${c.service}.${c.namespace}:${c.port}`, meshIdentity: { serviceAccountName: c.serviceAccount, namespace: c.namespace } },
        },
      };
    }
    return {
      chart: linkerdChart(s, 'linkerd-control-plane')!,
      values,
      ignoreDifferences,
      sync: { createNamespace: false, ...(ignoreDifferences.length ? { respectIgnoreDifferences: true } : {}) },
      clusterResources: [
        ...CLUSTER_RBAC,
        MUTATING_WEBHOOK,
        VALIDATING_WEBHOOK,
      ],
    };
  },
  checkValues: (values, ctx, where) => checkLinkerdValues('linkerd-control-plane', values, ctx, where),
};
