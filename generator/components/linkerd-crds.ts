import { checkLinkerdValues, linkerdChart } from './linkerd-common.js';
import type { Component } from './types.js';

/** linkerd-crds at the version of the cluster's Linkerd release. */
export const linkerdCrds: Component = {
  id: 'linkerd-crds',
  summary: 'linkerd-crds from the version table; server-side apply (its largest CRDs are close to the 256 KiB annotation limit)',
  contribute(ctx) {
    const chart = linkerdChart(ctx.settings, 'linkerd-crds')!;
    return {
      chart,
      sync: { serverSideApply: true, createNamespace: false },
      clusterResources: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }],
    };
  },
  checkValues: (values, ctx, file) => checkLinkerdValues('linkerd-crds', values, ctx, file),
};
