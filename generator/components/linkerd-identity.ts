import type { Bundle, Certificate, K8sObject } from '../model/k8s.js';
import { clusterIssuerRef, webhookCertificate } from './cert-manager-objects.js';
import { POD_SECURITY_PRIVILEGED } from './linkerd-common.js';
import type { Component } from './types.js';

/** Name of the trust-roots Bundle and of the ConfigMap it writes into the control-plane namespace. */
export const TRUST_ROOTS = 'linkerd-identity-trust-roots';
export const IDENTITY_ISSUER = 'linkerd-identity-issuer';

/**
 * The trust domain of the mesh: the chart's `identityTrustDomain` default. No platform setting
 * changes it, so the generated issuer always uses this one.
 */
export const DEFAULT_TRUST_DOMAIN = 'cluster.local';

/** The name Linkerd's identity controller expects on its issuer certificate. */
export function identityIssuerName(linkerdNamespace: string, trustDomain: string = DEFAULT_TRUST_DOMAIN): string {
  return `identity.${linkerdNamespace}.${trustDomain}`;
}

/** The control-plane webhooks whose serving certificates cert-manager issues. */
export const CONTROL_PLANE_WEBHOOKS = [
  { values: 'proxyInjector', service: 'linkerd-proxy-injector', secret: 'linkerd-proxy-injector-k8s-tls', pkcs8: false },
  { values: 'profileValidator', service: 'linkerd-sp-validator', secret: 'linkerd-sp-validator-k8s-tls', pkcs8: false },
  // The policy controller reads its key in PKCS#8.
  { values: 'policyValidator', service: 'linkerd-policy-validator', secret: 'linkerd-policy-validator-k8s-tls', pkcs8: true },
] as const;

/**
 * Everything the identity controller needs before it can start, one wave before the charts: the
 * `linkerd` Namespace with the metadata the chart would set under the CLI (Helm never creates it),
 * the identity issuer Certificate, the trust-roots Bundle and the webhook certificates.
 */
export const linkerdIdentity: Component = {
  id: 'linkerd-identity',
  summary: 'linkerd Namespace, identity issuer Certificate, trust-roots Bundle and webhook Certificates',
  contribute(ctx) {
    const l = ctx.settings.linkerd;
    const cm = ctx.settings.certManager;
    const ns = l.namespace;
    const issuerName = identityIssuerName(ns);
    const issuer: Certificate = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: IDENTITY_ISSUER, namespace: ns },
      spec: {
        secretName: IDENTITY_ISSUER,
        commonName: issuerName,
        dnsNames: [issuerName],
        isCA: true,
        duration: l.identityIssuer.duration,
        renewBefore: l.identityIssuer.renewBefore,
        usages: ['cert sign', 'crl sign', 'server auth', 'client auth'],
        privateKey: { algorithm: 'ECDSA', rotationPolicy: 'Always' },
        issuerRef: clusterIssuerRef(cm.caIssuer),
      },
    };
    const manifests: K8sObject[] = [issuer];
    if (l.trustAnchor.mode === 'trust-manager') {
      const bundle: Bundle = {
        apiVersion: 'trust.cert-manager.io/v1alpha1',
        kind: 'Bundle',
        metadata: { name: TRUST_ROOTS },
        spec: {
          sources: [{ secret: { name: cm.rootCA.secretName, key: 'ca.crt' } }],
          target: { configMap: { key: 'ca-bundle.crt' }, namespaceSelector: { matchLabels: { 'linkerd.io/is-control-plane': 'true' } } },
        },
      };
      manifests.push(bundle);
    }
    if (l.webhookCerts === 'cert-manager') {
      for (const w of CONTROL_PLANE_WEBHOOKS) {
        manifests.push(webhookCertificate({ name: w.service, namespace: ns, service: w.service, secretName: w.secret, issuer: cm.caIssuer, pkcs8: w.pkcs8 }));
      }
    }
    return {
      namespace: {
        object: true,
        labels: {
          'linkerd.io/is-control-plane': 'true',
          'config.linkerd.io/admission-webhooks': 'disabled',
          'linkerd.io/control-plane-ns': ns,
          ...POD_SECURITY_PRIVILEGED,
        },
        annotations: { 'linkerd.io/inject': 'disabled' },
      },
      manifests,
      sync: { skipDryRunOnMissingResource: true },
    };
  },
};
