import type { Certificate, CertificateIssuerRef } from '../model/k8s.js';

/** A reference to a cert-manager ClusterIssuer, as Certificates name their signer. */
export function clusterIssuerRef(name: string): CertificateIssuerRef {
  return { name, kind: 'ClusterIssuer', group: 'cert-manager.io' };
}

/**
 * A serving certificate for a webhook, signed by the cluster CA. cert-manager's cainjector copies
 * the CA into the webhook configuration named by `injectCaFrom`, so nothing random reaches git.
 */
export function webhookCertificate(opts: { name: string; namespace: string; service: string; secretName: string; issuer: string; pkcs8?: boolean }): Certificate {
  const dns = `${opts.service}.${opts.namespace}.svc`;
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: opts.name, namespace: opts.namespace },
    spec: {
      secretName: opts.secretName,
      commonName: dns,
      dnsNames: [dns],
      isCA: false,
      duration: '24h0m0s',
      renewBefore: '1h0m0s',
      usages: ['server auth'],
      privateKey: { algorithm: 'ECDSA', ...(opts.pkcs8 ? { encoding: 'PKCS8' } : {}), rotationPolicy: 'Always' },
      issuerRef: clusterIssuerRef(opts.issuer),
    },
  };
}
