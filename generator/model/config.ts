/**
 * The typed shape of the operator's config after loading and defaulting. The JSON Schemas in
 * `schemas/config/` describe the files on disk; these types describe what the stages see.
 */

/** Platform facts that built-in components and templates read. Per-cluster values override. */
export interface PlatformSettings {
  /** Base DNS domain of the cluster's ingresses, e.g. `pi.example.com`. */
  domain: string;
  /** Kubernetes minor version the cluster runs, e.g. `1.30` (native sidecars need 1.29+). */
  kubernetesVersion: string;
  ingress: IngressSettings;
  certManager: CertManagerSettings;
  linkerd: LinkerdSettings;
  monitoring: MonitoringSettings;
  tracing: TracingSettings;
  /** Free-form variables for the operator's own templates (`{{vars.x}}`). */
  vars: Record<string, unknown>;
}

export type IngressController = 'traefik' | 'nginx';

export interface IngressSettings {
  controller: IngressController;
  /** IngressClass name; defaults to the controller name. */
  className: string;
  /** Namespace the controller runs in (never kube-system: the Linkerd injector skips it). */
  namespace: string;
  /** Traefik entry point for TLS routes. */
  entryPoint: string;
}

export interface CertManagerSettings {
  namespace: string;
  selfSignedIssuer: string;
  caIssuer: string;
  /** The cluster root CA (the Linkerd trust anchor when `linkerd.trustAnchor` is trust-manager). */
  rootCA: { name: string; secretName: string; commonName: string; duration: string; renewBefore: string };
  /** ClusterIssuer used for ingress TLS certificates. */
  ingressIssuer: string;
}

export interface LinkerdSettings {
  /** An id from the supported-versions table (`generator/linkerd/releases.ts`). */
  version: string;
  namespace: string;
  /**
   * `trust-manager`: the trust anchor lives in cert-manager, a Bundle writes
   * `linkerd-identity-trust-roots` and the chart runs with `identity.externalCA: true`.
   * `pem`: the anchor PEM is passed as `identityTrustAnchorsPEM` and no Bundle is emitted.
   */
  trustAnchor: { mode: 'trust-manager' | 'pem'; pem?: string };
  identityIssuer: { duration: string; renewBefore: string };
  /**
   * `cert-manager`: webhook certificates come from cert-manager (`externalSecret` + `injectCaFrom`),
   * so renders are byte-stable. `ignore-differences`: the chart generates them and the
   * Application ignores the random fields.
   */
  webhookCerts: 'cert-manager' | 'ignore-differences';
  /** Fixed cron schedule for the heartbeat CronJob (a computed one changes on every render). */
  heartbeatSchedule: string;
  viz: {
    /** Host name of the dashboard Ingress; empty for no Ingress. */
    host: string;
    /** Secret holding htpasswd data for ingress-nginx basic auth (referenced, never in git). */
    basicAuthSecret: string;
  };
}

export interface MonitoringSettings {
  namespace: string;
  /** Helm release of kube-prometheus-stack; PodMonitors are labelled `release: <this>`. */
  prometheusRelease: string;
  prometheusUrl: string;
  /** In-cluster Grafana reached through viz (`grafana.url`) ... */
  grafanaUrl: string;
  /** ... or an external one (`grafana.externalUrl`). Set exactly one. */
  grafanaExternalUrl: string;
}

export interface TracingSettings {
  enabled: boolean;
  /** OTLP gRPC collector (the Tempo distributor): service, namespace, port, ServiceAccount. */
  collector: { service: string; namespace: string; port: number; serviceAccount: string };
}

export interface ClusterConfig {
  name: string;
  /** API server URL, or the Argo CD cluster name in `destinationName`. */
  server?: string;
  destinationName?: string;
  labels: Record<string, string>;
  /** Position in `cluster.yaml`, for messages. */
  source: SourceRef;
}

/** A cluster with its effective settings (defaults deep-merged with its overrides). */
export interface ResolvedCluster extends ClusterConfig {
  settings: PlatformSettings;
}

export interface SourceRef {
  file: string;
  pointer: string;
}

export interface RepoConfig {
  url: string;
  targetRevision: string;
}

export interface ArgoCDConfig {
  namespace: string;
  /** AppProject of the root app-of-apps. */
  rootProject: string;
  /** Apps on several clusters become ApplicationSets with a RollingSync strategy. */
  progressiveSyncs: boolean;
  /** Order of cluster stages for progressive rollout, e.g. [lab, home]. */
  stages: string[];
  /** Label whose value is a cluster's stage. */
  stageLabel: string;
  /** `maxUpdate` of each RollingSync step (number or percentage). */
  maxUpdate: number | string;
}

export interface ClusterSettingsInput {
  [key: string]: unknown;
}

export interface RootConfig {
  repo: RepoConfig;
  /** Kinds allowed in the tree without a schema (`apiVersion/Kind` or `Kind`). */
  allowKinds: string[];
  argocd: ArgoCDConfig;
  defaults: PlatformSettings;
  clusters: ClusterConfig[];
  /** Raw per-cluster overrides, merged in `plan`. */
  clusterOverrides: Map<string, ClusterSettingsInput>;
  charts: ChartsConfig;
  render: RenderConfig;
}

export interface ChartsConfig {
  /** `{ <repoURL>: <mirror> }`: pull that repository's charts from the mirror (`--chart-mirror` wins). */
  mirrors: Record<string, string>;
}

export interface RenderConfig {
  /** `generate --render` writes every rendered object under `rendered/`; `check --render` compares it. */
  hydrate: boolean;
}

export interface ChartRef {
  repoURL: string;
  name: string;
  version: string;
}

export type ClusterSelector =
  | { kind: 'all' }
  | { kind: 'list'; names: string[] }
  | { kind: 'labels'; matchLabels: Record<string, string> };

export type MeshMode = 'namespace' | 'workloads' | 'ingress' | 'off';

export interface MeshConfig {
  mode: MeshMode;
  skipInboundPorts: string[];
  skipOutboundPorts: string[];
  /** Extra `config.linkerd.io/*` proxy annotations, e.g. `proxy-cpu-request: 20m`. */
  proxy: Record<string, string>;
  /** Whether the mode was written by the operator or is the component's default. */
  explicit: boolean;
}

export interface IgnoreDifference {
  group: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

export interface SyncConfig {
  prune: boolean;
  selfHeal: boolean;
  serverSideApply: boolean;
  skipDryRunOnMissingResource: boolean;
  respectIgnoreDifferences: boolean;
  createNamespace: boolean;
  retry: { limit: number; backoff: { duration: string; factor: number; maxDuration: string } };
}

export interface IngressRoute {
  /** Host name; may use templates (`linkerd.{{settings.domain}}`). */
  host: string;
  service: string;
  port: number;
  path: string;
  /** Extra annotations for the Ingress. */
  annotations: Record<string, string>;
  /** Extra Traefik middlewares (`<ns>-<name>@kubernetescrd`), joined with the generated ones. */
  middlewares: string[];
  /** ClusterIssuer for the TLS certificate; empty for no TLS. */
  tlsIssuer: string;
}

export interface AppConfig {
  name: string;
  file: string;
  description: string;
  project: string;
  namespace: string;
  /** Built-in component that contributes values, manifests and checks (`generator/components`). */
  component?: string;
  chart?: ChartRef;
  dependsOn: string[];
  clusters: ClusterSelector;
  /** Repository-relative path of the Helm values template, if any. */
  values?: string;
  /** Repository-relative paths of extra-manifest templates. */
  resources: string[];
  namespaceMetadata: { labels: Record<string, string>; annotations: Record<string, string> };
  /** Emit a Namespace object instead of relying on CreateNamespace + managedNamespaceMetadata. */
  namespaceObject: boolean;
  /** Cluster-scoped kinds the chart creates (for the AppProject whitelist). */
  clusterResources: { group: string; kind: string }[];
  sync: SyncConfig;
  ignoreDifferences: IgnoreDifference[];
  mesh: MeshConfig;
  ingress: IngressRoute[];
  /** Where each key came from, for messages. */
  source: SourceRef;
}

export interface Config {
  root: string;
  rootConfig: RootConfig;
  apps: AppConfig[];
  /** Every input file read, repository-relative, for headers and the README. */
  inputs: string[];
}
