import type { K8sObject } from '../model/k8s.js';

/** cert-manager objects, typed for the fields the generator sets. */
export interface IssuerRef {
  name: string;
  kind: 'Issuer' | 'ClusterIssuer';
  group: 'cert-manager.io';
}

export interface Certificate extends K8sObject {
  apiVersion: 'cert-manager.io/v1';
  kind: 'Certificate';
  spec: {
    secretName: string;
    commonName?: string;
    dnsNames?: string[];
    isCA?: boolean;
    duration?: string;
    renewBefore?: string;
    usages?: string[];
    privateKey?: { algorithm: 'ECDSA' | 'RSA'; size?: number; encoding?: 'PKCS1' | 'PKCS8'; rotationPolicy?: 'Always' | 'Never' };
    issuerRef: IssuerRef;
  };
}

export interface ClusterIssuer extends K8sObject {
  apiVersion: 'cert-manager.io/v1';
  kind: 'ClusterIssuer';
  spec: { selfSigned: Record<string, never> } | { ca: { secretName: string } };
}

export function clusterIssuerRef(name: string): IssuerRef {
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
      privateKey: { algorithm: 'ECDSA', ...(opts.pkcs8 ? { encoding: 'PKCS8' as const } : {}), rotationPolicy: 'Always' },
      issuerRef: clusterIssuerRef(opts.issuer),
    },
  };
}
