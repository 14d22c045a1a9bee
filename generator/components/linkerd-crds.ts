import { CRD } from './kinds.js';
import { checkLinkerdValues, linkerdChart, releaseOf } from './linkerd-common.js';
import type { Component } from './types.js';

/** linkerd-crds at the version of the cluster's Linkerd release. */
export const linkerdCrds: Component = {
  id: 'linkerd-crds',
  summary: 'linkerd-crds from the version table; server-side apply (its largest CRDs are close to the 256 KiB annotation limit)',
  contribute(ctx) {
    const chart = linkerdChart(ctx.settings, 'linkerd-crds')!;
    const release = releaseOf(ctx.settings);
    const values: Record<string, unknown> = {};
    // Traefik charts before 40.2.0 ship the Gateway API CRDs too; two apps owning the same CRDs
    // fight over them. Linkerd's policy controller runs without them ("skipping watches").
    const traefik = [...ctx.appsOnCluster.values()].some((a) => a.chart?.name === 'traefik');
    if (traefik && release.gatewayApi.installedByDefault && release.gatewayApi.switchKey === 'installGatewayAPI') values['installGatewayAPI'] = false;
    return {
      chart,
      values,
      sync: { serverSideApply: true, createNamespace: false },
      clusterResources: [CRD],
    };
  },
  checkValues: (values, ctx, where) => checkLinkerdValues('linkerd-crds', values, ctx, where),
};
