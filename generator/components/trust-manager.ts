import { CLUSTER_RBAC, CRD, VALIDATING_WEBHOOK } from './kinds.js';
import type { Component } from './types.js';

/**
 * trust-manager, reading trust sources from the cert-manager namespace. (Argo CD has no health
 * check for its Bundle kind; the renderer adds one to argocd-cm whenever a Bundle is in the tree.)
 */
export const trustManager: Component = {
  id: 'trust-manager',
  summary: 'trust-manager, reading trust sources from the cert-manager namespace',
  contribute(ctx) {
    return {
      values: {
        app: { trust: { namespace: ctx.settings.certManager.namespace } },
        crds: { enabled: true },
      },
      clusterResources: [
        CRD,
        ...CLUSTER_RBAC,
        VALIDATING_WEBHOOK,
      ],
    };
  },
};
