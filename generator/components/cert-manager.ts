import { CLUSTER_RBAC, CRD, MUTATING_WEBHOOK, VALIDATING_WEBHOOK } from './kinds.js';
import type { Certificate, ClusterIssuer } from '../model/k8s.js';
import { clusterIssuerRef } from './cert-manager-objects.js';
import type { Component } from './types.js';

/**
 * cert-manager plus the cluster CA chain in git: a self-signed ClusterIssuer, the root CA
 * Certificate (ECDSA; its Secret in the cert-manager namespace is the Linkerd trust anchor) and
 * the CA ClusterIssuer that signs everything else. In trust-anchor pem mode there is no root CA
 * Certificate: the CA issuer signs with the operator's root CA, a declared input Secret.
 */
export const certManager: Component = {
  id: 'cert-manager',
  summary: 'cert-manager with CRDs, a self-signed ClusterIssuer, the root CA Certificate and the CA ClusterIssuer',
  contribute(ctx) {
    const cm = ctx.settings.certManager;
    const selfSigned: ClusterIssuer = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: cm.selfSignedIssuer },
      spec: { selfSigned: {} },
    };
    const root: Certificate = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: cm.rootCA.name, namespace: cm.namespace },
      spec: {
        secretName: cm.rootCA.secretName,
        commonName: cm.rootCA.commonName,
        isCA: true,
        duration: cm.rootCA.duration,
        renewBefore: cm.rootCA.renewBefore,
        usages: ['cert sign', 'crl sign'],
        // A new key on renewal would be a new trust anchor: every meshed pod would need a restart.
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Never' },
        issuerRef: clusterIssuerRef(cm.selfSignedIssuer),
      },
    };
    const ca: ClusterIssuer = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: cm.caIssuer },
      spec: { ca: { secretName: cm.rootCA.secretName } },
    };
    // With the trust anchor given as a PEM, the root CA is the operator's: its certificate and key
    // are the declared input Secret rootCA.secretName, which the CA issuer signs with.
    const mintsRoot = ctx.settings.linkerd.trustAnchor.mode !== 'pem';
    return {
      values: {
        crds: { enabled: true, keep: true },
        // The chart's default puts leader-election Roles in kube-system; keep them in our namespace
        // so the AppProject does not need kube-system.
        global: { leaderElection: { namespace: cm.namespace } },
      },
      manifests: mintsRoot ? [selfSigned, root, ca] : [selfSigned, ca],
      // The chart installs the CRDs in the same sync as these issuers.
      sync: { skipDryRunOnMissingResource: true },
      clusterResources: [
        CRD,
        ...CLUSTER_RBAC,
        MUTATING_WEBHOOK,
        VALIDATING_WEBHOOK,
      ],
    };
  },
};
