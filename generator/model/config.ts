import type { AppFile, ClusterFile, MeshMode, SecretInput, Settings } from './config-input.js';

export type { MeshMode } from './config-input.js';

/**
 * The typed config the stages read: the file shapes of `config-input.ts` after loading and
 * defaulting. Where a setting keeps its file shape, its type is derived from that shape with every
 * field filled in, so each field is declared (and documented) once, in `config-input.ts`.
 */

/**
 * `T` with every optional field filled in, recursively through nested objects (not into lists,
 * maps or unions of scalars); the fields named in `Keep` stay optional.
 */
type Filled<T, Keep extends PropertyKey = never> = T extends readonly unknown[]
  ? T
  : T extends object
    ? string extends keyof T
      ? T
      : { [K in keyof T as K extends Keep ? never : K]-?: Filled<NonNullable<T[K]>, Keep> } & { [K in keyof T as K extends Keep ? K : never]?: T[K] }
    : T;

/**
 * Platform facts that built-in components and templates read, every one set: the built-in
 * defaults (`defaults.ts`) under `cluster.yaml`'s `defaults` under the cluster's own `settings`.
 * The trust anchor PEM is the one setting without a default.
 */
export type PlatformSettings = Filled<Settings, 'pem'>;
export type IngressController = PlatformSettings['ingress']['controller'];

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

/** How Argo CD reads a private repository (`repo.credentials`), every field set. */
export type RepoCredentials = Filled<NonNullable<ClusterFile['repo']['credentials']>>;

/** `repo`, with `credentials` only for a private repository. */
export type RepoConfig = Omit<Filled<ClusterFile['repo'], 'credentials'>, 'credentials'> & { credentials?: RepoCredentials };

/** A declared bootstrap input (`settings.inputs` entry), every field set. */
export type DeclaredInput = Filled<SecretInput>;

export type ArgoCDConfig = Filled<NonNullable<ClusterFile['argocd']>>;

/** A cluster's `settings` as written: merged over the defaults in `plan`. */
export type ClusterSettingsInput = Settings;

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

export type ChartRef = NonNullable<AppFile['chart']>;

export type ClusterSelector =
  | { kind: 'all' }
  | { kind: 'list'; names: string[] }
  | { kind: 'labels'; matchLabels: Record<string, string> };

export interface MeshConfig {
  mode: MeshMode;
  skipInboundPorts: string[];
  skipOutboundPorts: string[];
  /** Extra `config.linkerd.io/*` proxy annotations, e.g. `proxy-cpu-request: 20m`. */
  proxy: Record<string, string>;
  /** Whether the mode was written by the operator or is the component's default. */
  explicit: boolean;
}

/** An `ignoreDifferences` entry; the group is filled in ('' for the core group). */
export type IgnoreDifference = NonNullable<AppFile['ignoreDifferences']>[number] & { group: string };

export type SyncConfig = Filled<NonNullable<AppFile['sync']>>;

/** An `ingress:` entry; the host may use templates (`linkerd.{{settings.domain}}`) until render expands it. */
export type IngressRoute = Filled<NonNullable<AppFile['ingress']>[number]>;

export interface AppConfig {
  name: string;
  file: string;
  description: string;
  project: string;
  namespace: string;
  /** Built-in component that contributes values, manifests and checks (`generator/components`). */
  component?: string;
  chart?: ChartRef;
  /** Helm release name from the app file (`helm.releaseName`); otherwise the component's, else the app name. */
  releaseName?: string;
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
