import type { ChartRef, PlatformSettings } from '../model/config.js';
import { checkChartValues, isLinkerdChart } from '../linkerd/key-check.js';
import { getRelease, isLinkerdVersionId, type LinkerdRelease } from '../linkerd/versions.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ComponentContext, ValuesLocation } from './types.js';

/** The Linkerd release a cluster runs (validated in `plan`). */
export function releaseOf(settings: PlatformSettings): LinkerdRelease {
  return getRelease(settings.linkerd.version);
}

/** Linkerd charts come from the version table, never from the app file, so a version bump is one line. */
export function linkerdChart(settings: PlatformSettings, chart: 'linkerd-crds' | 'linkerd-control-plane' | 'linkerd-viz' | 'linkerd-jaeger'): ChartRef | undefined {
  const r = releaseOf(settings);
  const version = r.charts[chart];
  return version ? { repoURL: r.helmRepo, name: chart, version } : undefined;
}

/** Helm has no schema for these charts; check every key against the release's known keys. */
export function checkLinkerdValues(chart: string, values: Record<string, unknown>, ctx: ComponentContext, where: ValuesLocation): Diagnostic[] {
  const id = ctx.settings.linkerd.version;
  if (!isLinkerdChart(chart) || !isLinkerdVersionId(id)) return [];
  return checkChartValues(chart, id, values, where);
}

/** Pod-security level the Linkerd namespaces need: linkerd-init needs NET_ADMIN/NET_RAW without CNI. */
export const POD_SECURITY_PRIVILEGED = { 'pod-security.kubernetes.io/enforce': 'privileged' };

/** The webhook certificate settings of a chart section: externalSecret + injectCaFrom. */
export function externalWebhook(namespace: string, certificate: string): Record<string, unknown> {
  return { externalSecret: true, injectCaFrom: `${namespace}/${certificate}` };
}
