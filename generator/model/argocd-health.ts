/**
 * The Lua health checks Argo CD itself ships (`resource_customizations/<group>/<Kind>/health.lua`
 * in argoproj/argo-cd), with the first minor release that has each: the generator writes its own
 * check to argocd-cm only for a kind the targeted Argo CD (`argocd.version`) lacks one for, and
 * lint counts these kinds as checked. Only kinds this generator deals with are listed.
 *
 * Argo CD has none for `argoproj.io/Application` (removed in 1.8), `trust.cert-manager.io/Bundle`,
 * `kibana.k8s.elastic.co/Kibana` or `generators.external-secrets.io/*`; the generator ships those
 * it needs under `health/`. The External Secrets generators need none: they have no status and
 * nothing reconciles them (lint counts them as kinds without readiness).
 */
export interface BuiltInHealthCheck {
  group: string;
  kind: string;
  /** First Argo CD minor release with the check, `major.minor`. */
  since: string;
  /**
   * Set when Argo CD's check does not say what a sync wave needs; the generator then emits its
   * own check for the kind on every version. The text says why.
   */
  insufficient?: string;
}

export const ARGOCD_BUILT_IN_HEALTH: readonly BuiltInHealthCheck[] = [
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', since: '3.0' },
  {
    group: 'argoproj.io',
    kind: 'ApplicationSet',
    since: '2.3',
    insufficient: "Argo CD's check turns Healthy once the set has generated its Applications (ResourcesUpToDate), not once they are healthy, so a sync wave after a set would not wait for its apps",
  },
  { group: 'argoproj.io', kind: 'Rollout', since: '0.12' },
  { group: 'beat.k8s.elastic.co', kind: 'Beat', since: '2.11' },
  { group: 'cert-manager.io', kind: 'Certificate', since: '1.4' },
  { group: 'cert-manager.io', kind: 'Issuer', since: '1.4' },
  { group: 'cert-manager.io', kind: 'ClusterIssuer', since: '2.8' },
  { group: 'elasticsearch.k8s.elastic.co', kind: 'Elasticsearch', since: '2.1' },
  { group: 'external-secrets.io', kind: 'ExternalSecret', since: '2.3' },
  { group: 'external-secrets.io', kind: 'SecretStore', since: '2.6' },
  { group: 'external-secrets.io', kind: 'ClusterSecretStore', since: '2.8' },
  { group: 'external-secrets.io', kind: 'ClusterExternalSecret', since: '2.8' },
  { group: 'external-secrets.io', kind: 'PushSecret', since: '2.9' },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', since: '3.1' },
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', since: '3.1' },
  { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', since: '3.1' },
  { group: 'gateway.networking.k8s.io', kind: 'GatewayClass', since: '3.5' },
  { group: 'gateway.networking.k8s.io', kind: 'BackendTLSPolicy', since: '3.5' },
  { group: 'grafana.integreatly.org', kind: 'Grafana', since: '2.14' },
  { group: 'grafana.integreatly.org', kind: 'GrafanaDatasource', since: '2.14' },
  { group: 'grafana.integreatly.org', kind: 'GrafanaDashboard', since: '3.1' },
  { group: 'grafana.integreatly.org', kind: 'GrafanaFolder', since: '3.1' },
  { group: 'monitoring.coreos.com', kind: 'Prometheus', since: '2.5' },
];

const MINOR = /^(\d+)\.(\d+)$/;

/** `a >= b` for `major.minor` versions; a malformed one never compares as newer. */
export function minorAtLeast(a: string, b: string): boolean {
  const x = MINOR.exec(a);
  const y = MINOR.exec(b);
  if (!x || !y) return false;
  return Number(x[1]) !== Number(y[1]) ? Number(x[1]) > Number(y[1]) : Number(x[2]) >= Number(y[2]);
}

/** Argo CD's own check for the kind, when the release `version` has one. */
export function builtInHealthCheck(group: string, kind: string, version: string): BuiltInHealthCheck | undefined {
  return ARGOCD_BUILT_IN_HEALTH.find((c) => c.group === group && c.kind === kind && minorAtLeast(version, c.since));
}

/** Whether Argo CD `version` tells, on its own, when an object of the kind is ready for the next sync wave. */
export function argocdChecksHealth(group: string, kind: string, version: string): boolean {
  const c = builtInHealthCheck(group, kind, version);
  return c !== undefined && c.insufficient === undefined;
}
