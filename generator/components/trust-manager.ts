import { BUNDLE_HEALTH_LUA, healthKey } from '../render/health-checks.js';
import type { Component } from './types.js';

/**
 * trust-manager, reading trust sources from the cert-manager namespace. Argo CD has no health check
 * for its Bundle kind, so this component ships one: without it the control plane's wave would
 * start before the trust-roots ConfigMap exists.
 */
export const trustManager: Component = {
  id: 'trust-manager',
  summary: 'trust-manager (trust namespace = cert-manager namespace) and the argocd-cm health check for Bundle',
  contribute(ctx) {
    return {
      values: {
        app: { trust: { namespace: ctx.settings.certManager.namespace } },
        crds: { enabled: true },
      },
      healthChecks: { [healthKey('trust.cert-manager.io', 'Bundle')]: BUNDLE_HEALTH_LUA },
      clusterResources: [
        { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
        { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
        { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
      ],
    };
  },
};
