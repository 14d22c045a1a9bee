/**
 * The shapes of the operator's config files as written: `cluster.yaml` (`ClusterFile`) and
 * `apps/<name>.yaml` (`AppFile`). This is the one source of those shapes:
 * `schemas/config/*.schema.json` are generated from these types (`npm run config-schemas`,
 * ts-json-schema-generator), the loader checks each file against them, and the normaliser
 * (`load/normalise.ts`) turns them into the typed config of `config.ts`.
 *
 * The JSDoc is schema text. The first paragraph of a comment is the field's `description` (what an
 * editor shows); `@default`, `@pattern`, `@minimum`, `@minLength`, `@minItems`, `@uniqueItems` and
 * `@examples` become the keywords of those names, `@asType integer` makes a number an integer.
 * Messages read two descriptions: a pattern mismatch prints the description next to the pattern
 * ("invalid value: <description>", or the pattern itself when there is none), and a union prints
 * its description as the hint; so those descriptions are written as rules. A `@default` repeats the
 * built-in default of `defaults.ts` (a test holds the two together); the value itself is filled in
 * by the normaliser, never by the schema check.
 */

/**
 * A Kubernetes name: lower-case letters, digits and '-', at most 63 characters.
 * @pattern ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$
 */
export type DnsLabel = string;

/**
 * A Go duration such as 48h0m0s or 25h.
 * @pattern ^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$
 */
export type Duration = string;

/** @pattern ^(https?://\S+)?$ */
export type Url = string;

export type StringMap = Record<string, string>;

/**
 * How an app is meshed: `namespace` (every pod of the namespace), `workloads` (the chart's
 * long-running workloads), `ingress` (an ingress controller's proxy in ingress mode) or `off`.
 */
export type MeshMode = 'namespace' | 'workloads' | 'ingress' | 'off';

export type PortList = PortRange[];

/** @pattern ^[0-9]+(-[0-9]+)?$ */
type PortRange = string;

/** @minLength 1 */
type NonEmptyString = string;

/** @asType integer */
type Integer = number;

/**
 * @asType integer
 * @minimum 1
 * @maximum 65535
 */
type Port = number;

// ---------------------------------------------------------------- cluster.yaml

/**
 * Where the generated tree lives, the Argo CD settings, the clusters and the platform settings templates read.
 * @title cluster.yaml
 */
export interface ClusterFile {
  repo: RepoInput;
  argocd?: ArgoCDInput;
  /** Platform settings of every cluster; a cluster's own `settings` override them key by key. */
  defaults?: Settings;
  /** @minItems 1 */
  clusters: ClusterInput[];
  /** Where Helm charts are pulled from (gitops-generator charts pull, --render). */
  charts?: {
    /**
     * Mirror per chart repository: { <repoURL>: <mirror> }; a mirror is an http(s):// Helm repository, file:///<dir> or oci://host/path. --chart-mirror wins.
     */
    mirrors?: Record<string, NonEmptyString>;
  };
  /** What generate --render and check --render do with the charts they render. */
  render?: {
    /**
     * generate --render writes every rendered object to rendered/<cluster>/<app>/; check --render compares it.
     * @default false
     */
    hydrate?: boolean;
  };
  /** How npm run check validates the generated tree. */
  validation?: {
    /**
     * Kinds that may appear without a schema in schemas/k8s/: 'apiVersion/Kind' (elasticsearch.k8s.elastic.co/v1/Elasticsearch) or 'Kind'.
     * @uniqueItems true
     */
    allowKinds?: AllowedKind[];
  };
}

/** @pattern ^([a-z0-9.-]+/)?(v[0-9a-z]+/)?[A-Z][A-Za-z0-9]*$ */
type AllowedKind = string;

/** The Git repository that holds this config and the generated tree. */
interface RepoInput {
  /**
   * Git URL of this repository, as Argo CD knows it.
   * @pattern ^(https://|ssh://|git@)\S+$
   * @examples ["https://github.com/example/pi-gitops.git", "git@github.com:example/pi-gitops.git"]
   */
  url: string;
  /**
   * Branch, tag or commit Argo CD syncs the generated tree from.
   * @default main
   */
  targetRevision?: NonEmptyString;
  /**
   * Set for a private repository: Argo CD reads it with credentials from a repository Secret in its
   * namespace (created once at bootstrap, then kept up to date from the secrets inbox).
   */
  credentials?: RepoCredentialsInput;
}

/** How Argo CD authenticates to a private repository; the values themselves never go into git. */
interface RepoCredentialsInput {
  /**
   * The repository Secret in Argo CD's namespace (labelled argocd.argoproj.io/secret-type: repository).
   * @default gitops-repo
   */
  secretName?: DnsLabel;
  /**
   * https: a username and password (or token); ssh: a private key (repo.url must then be an ssh URL).
   * @default https
   */
  auth?: 'https' | 'ssh';
}

/** Argo CD's namespace, the root app's project and how multi-cluster apps roll out. */
interface ArgoCDInput {
  /**
   * Namespace Argo CD runs in; every Application, ApplicationSet and AppProject goes there.
   * @default argocd
   */
  namespace?: DnsLabel;
  /**
   * The Argo CD minor release the tree targets, as a quoted "major.minor" such as "3.4"; argocd-cm gets health checks only for kinds that release cannot judge.
   * @pattern ^[0-9]+\.[0-9]+$
   * @default "3.4"
   */
  version?: string;
  /**
   * AppProject of the root app-of-apps.
   * @default bootstrap
   */
  rootProject?: DnsLabel;
  /**
   * Apps on several clusters become ApplicationSets with a RollingSync strategy (needs the Argo CD Progressive Syncs feature).
   * @default false
   */
  progressiveSyncs?: boolean;
  /**
   * Label whose value is a cluster's stage.
   * @default stage
   */
  stageLabel?: NonEmptyString;
  /**
   * Rollout order of cluster stages, e.g. [lab, home].
   * @uniqueItems true
   * @default []
   */
  stages?: NonEmptyString[];
  // No description: a union's description is the hint of its message, and this one needs none.
  /** @default 1 */
  maxUpdate?: UpdateCount | UpdatePercentage;
}

/**
 * @asType integer
 * @minimum 1
 */
type UpdateCount = number;

/** @pattern ^[0-9]+%$ */
type UpdatePercentage = string;

/** One cluster Argo CD deploys to. */
interface ClusterInput {
  /** Cluster name: the `<cluster>-` prefix of its Applications and its folder under manifests/. */
  name: DnsLabel;
  /** @pattern ^https://\S+$ */
  server?: string;
  /**
   * Argo CD cluster name, instead of server.
   * @minLength 1
   */
  destinationName?: string;
  /** Labels for `clusters: {matchLabels: ...}` selections and the rollout stage. */
  labels?: Record<string, string>;
  /** This cluster's platform settings, over `defaults`. */
  settings?: Settings;
}

/** Platform facts that built-in components and templates read (`{{settings.*}}`). */
export interface Settings {
  // Patterned fields without a description: a mismatch prints the pattern itself.
  /**
   * @pattern ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$
   * @default cluster.local
   */
  domain?: string;
  /**
   * @pattern ^1\.[0-9]+$
   * @default "1.32"
   */
  kubernetesVersion?: string;
  /** The ingress controller that serves the apps' `ingress:` entries. */
  ingress?: {
    /**
     * Which controller: Traefik or ingress-nginx.
     * @default traefik
     */
    controller?: 'traefik' | 'nginx';
    /**
     * IngressClass name; defaults to the controller name.
     * @minLength 1
     */
    className?: string;
    /** Namespace the controller runs in (never kube-system: the Linkerd injector skips it); defaults to the controller name. */
    namespace?: DnsLabel;
    /**
     * Traefik entry point for TLS routes.
     * @default websecure
     */
    entryPoint?: NonEmptyString;
  };
  /** cert-manager and the cluster CA chain. */
  certManager?: {
    /**
     * Namespace cert-manager runs in.
     * @default cert-manager
     */
    namespace?: DnsLabel;
    /**
     * The self-signed ClusterIssuer that signs the root CA.
     * @default self-signed-issuer
     */
    selfSignedIssuer?: DnsLabel;
    /**
     * The CA ClusterIssuer that signs everything else.
     * @default ca-issuer
     */
    caIssuer?: DnsLabel;
    /**
     * ClusterIssuer used for ingress TLS certificates.
     * @default ca-issuer
     */
    ingressIssuer?: DnsLabel;
    /** The cluster root CA and Linkerd trust anchor: minted by cert-manager, or (trustAnchor.mode pem) a declared input Secret. */
    rootCA?: {
      /**
       * Name of the root CA Certificate.
       * @default root-ca
       */
      name?: DnsLabel;
      /**
       * Secret the root CA is written to.
       * @default root-ca
       */
      secretName?: DnsLabel;
      /**
       * Common name of the root CA.
       * @minLength 1
       * @default root.linkerd.cluster.local
       */
      commonName?: string;
      /**
       * Lifetime of the root CA; a trust anchor that renews breaks every meshed pod, so make it long.
       * @default 87600h0m0s
       */
      duration?: Duration;
      /** @default 8760h0m0s */
      renewBefore?: Duration;
    };
  };
  /** Linkerd: version, trust anchor, identity issuer and webhook certificates. */
  linkerd?: {
    /**
     * A supported Linkerd version id: 2.14, 2.18, 2.19, 2.20 or edge-26.8.3.
     * @minLength 1
     * @default "2.20"
     */
    version?: string;
    /**
     * Namespace of the Linkerd control plane.
     * @default linkerd
     */
    namespace?: DnsLabel;
    /**
     * Where the trust anchor comes from: trust-manager copies the root CA cert-manager mints into the
     * control plane's trust-roots ConfigMap, or (pem) the root CA is yours: its certificate is pasted
     * here and the certificate with its key is a declared input Secret (certManager.rootCA.secretName).
     */
    trustAnchor?: {
      /** @default trust-manager */
      mode?: 'trust-manager' | 'pem';
      /**
       * The root CA certificate (public part only): a CA certificate, not expired, ECDSA P-256 or RSA of at least 2048 bits.
       * @pattern ^-----BEGIN CERTIFICATE-----
       */
      pem?: string;
    };
    /** Lifetime of the identity issuer certificate cert-manager issues. */
    identityIssuer?: {
      /** @default 48h0m0s */
      duration?: Duration;
      /** @default 25h0m0s */
      renewBefore?: Duration;
    };
    /**
     * Webhook certificates from cert-manager (renders stay byte-stable), or generated by the charts
     * with the random fields in ignoreDifferences.
     * @default cert-manager
     */
    webhookCerts?: 'cert-manager' | 'ignore-differences';
    /**
     * @pattern ^\S+ \S+ \S+ \S+ \S+$
     * @default 0 0 * * *
     */
    heartbeatSchedule?: string;
    /** The viz dashboard. */
    viz?: {
      /**
       * Host name of the dashboard Ingress; empty for no Ingress.
       * @default ""
       */
      host?: string;
      /**
       * Secret with htpasswd data for the dashboard's basic auth (referenced, never in git); empty for none.
       * @default ""
       */
      basicAuthSecret?: string;
    };
  };
  /** The cluster's Prometheus and Grafana. */
  monitoring?: {
    /**
     * Namespace of kube-prometheus-stack.
     * @default monitoring
     */
    namespace?: DnsLabel;
    /**
     * Helm release of kube-prometheus-stack; PodMonitors are labelled `release: <this>`.
     * @minLength 1
     * @default kube-prometheus-stack
     */
    prometheusRelease?: string;
    /**
     * Prometheus URL linkerd-viz queries.
     * @default http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090
     */
    prometheusUrl?: Url;
    /**
     * In-cluster Grafana the viz dashboard proxies to (`grafana.url`); set this or grafanaExternalUrl.
     * @default kube-prometheus-stack-grafana.monitoring.svc.cluster.local
     */
    grafanaUrl?: string;
    /**
     * External Grafana the viz dashboard links to (`grafana.externalUrl`); wins over grafanaUrl when set.
     * @default ""
     */
    grafanaExternalUrl?: Url;
  };
  /** Distributed tracing to Grafana Tempo. */
  tracing?: {
    /**
     * Whether Linkerd proxies export spans.
     * @default true
     */
    enabled?: boolean;
    /** The OTLP gRPC collector (the Tempo pod, or the tempo-distributed distributor). */
    collector?: {
      /** @default tempo */
      service?: DnsLabel;
      /** @default tracing */
      namespace?: DnsLabel;
      /** @default 4317 */
      port?: Port;
      /**
       * ServiceAccount of the collector pods; the proxies check the collector's mesh identity against it.
       * @default tempo
       */
      serviceAccount?: DnsLabel;
    };
  };
  /** Where the Secrets that come from outside the cluster are kept (read by External Secrets). */
  secrets?: {
    /**
     * Namespace the operator fills once with the Secrets no tool can make; a ClusterSecretStore reads it.
     * @default secrets-inbox
     */
    inboxNamespace?: DnsLabel;
    /**
     * The Secret in the inbox namespace holding the platform's external credentials, one key each.
     * @default platform-inputs
     */
    inboxSecret?: DnsLabel;
    /**
     * Name of the ClusterSecretStore reading the inbox namespace.
     * @default inbox
     */
    store?: DnsLabel;
  };
  /**
   * The declared bootstrap inputs: Secrets nothing in the tree can produce, created once by hand (gitops-generator bootstrap prints the commands). A cluster's own list replaces the defaults' list.
   * @default []
   */
  inputs?: SecretInput[];
  /**
   * Free-form variables for your own templates ({{vars.name}}).
   * @default {}
   */
  vars?: Record<string, unknown>;
}

/** One Secret created by hand before (or at) bootstrap; the tree never holds its values. */
export interface SecretInput {
  namespace: DnsLabel;
  /** @pattern ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$ */
  name: string;
  /**
   * The keys the operator fills in.
   * @minItems 1
   * @uniqueItems true
   */
  keys: SecretKey[];
  /**
   * Keys read from a file (kubectl --from-file) rather than typed in, e.g. a credentials file.
   * @uniqueItems true
   */
  files?: SecretKey[];
  /**
   * Secret type: Opaque, or kubernetes.io/tls for a certificate and its key (keys tls.crt, tls.key).
   * @default Opaque
   */
  type?: 'Opaque' | 'kubernetes.io/tls';
  /** Labels the Secret needs (e.g. argocd.argoproj.io/secret-type: repository). */
  labels?: StringMap;
  /**
   * What the Secret is for; shown in the README and by the bootstrap command.
   * @default ""
   */
  description?: string;
}

/**
 * A Secret key: letters, digits, '-', '_' and '.'.
 * @pattern ^[-._a-zA-Z0-9]+$
 */
type SecretKey = string;

// ---------------------------------------------------------------- apps/<name>.yaml

/**
 * One Argo CD application: its chart or plain manifests, namespace, dependencies, mesh mode and sync settings. The file name (without .yaml) is the app name.
 * @title apps/<name>.yaml
 */
export interface AppFile {
  /**
   * What the app is for; shown in its AppProject.
   * @default ""
   */
  description?: string;
  /**
   * AppProject of the app.
   * @default platform
   */
  project?: DnsLabel;
  /** Namespace the app deploys to; defaults to the app name. */
  namespace?: DnsLabel;
  /**
   * A built-in component (see README: Components) that adds values, manifests and checks.
   * @pattern ^[a-z0-9-]+$
   */
  component?: string;
  chart?: ChartInput;
  /** How Argo CD renders the chart. */
  helm?: {
    /**
     * Helm release name; defaults to the app name (the argocd component uses argocd, the release of the bootstrap install).
     * @pattern ^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$
     */
    releaseName?: string;
  };
  /**
   * Apps that must be synced and healthy first.
   * @uniqueItems true
   * @default []
   */
  dependsOn?: NonEmptyString[];
  /**
   * Which clusters get this app: 'all' (default), a list of names, or {matchLabels: {...}}.
   * @default all
   */
  clusters?: 'all' | ClusterNames | { matchLabels: MatchLabels };
  /**
   * Helm values template; default values/<app>/values.yaml when that file exists.
   * @pattern ^values/
   */
  values?: string;
  /** Extra-manifest templates (globs); default values/<app>/resources/*.yaml. */
  resources?: ValuesPath[];
  /** Labels and annotations of the app's namespace. */
  namespaceMetadata?: {
    labels?: StringMap;
    annotations?: StringMap;
  };
  /**
   * Emit a Namespace object with the metadata instead of CreateNamespace + managedNamespaceMetadata.
   * @default false
   */
  namespaceObject?: boolean;
  /** Cluster-scoped kinds the chart creates; they go into the AppProject's clusterResourceWhitelist. */
  clusterResources?: { group: string; kind: KindName }[];
  /** How Argo CD syncs the app. */
  sync?: SyncInput;
  /** Fields Argo CD ignores when it compares the app with git. */
  ignoreDifferences?: IgnoreDifferenceInput[];
  /** How Linkerd meshes this app: a mode, or an object with mode and proxy settings. */
  mesh?: MeshMode | MeshInput;
  /** Ingresses for the app's services, wired for the cluster's ingress controller. */
  ingress?: IngressInput[];
}

/**
 * @minItems 1
 * @uniqueItems true
 */
type ClusterNames = NonEmptyString[];

/** @minProperties 1 */
type MatchLabels = Record<string, string>;

/** @pattern ^values/ */
type ValuesPath = string;

/** @pattern ^[A-Z][A-Za-z0-9]*$ */
type KindName = string;

/** The Helm chart the app installs. */
interface ChartInput {
  /** @pattern ^(https://|oci://)\S+$ */
  repoURL: string;
  /** @pattern ^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$ */
  name: string;
  /**
   * An exact chart version (semver, optionally with a leading v); ranges are not allowed so renders are reproducible.
   * @pattern ^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$
   */
  version: string;
}

interface SyncInput {
  /**
   * Delete resources that left git.
   * @default true
   */
  prune?: boolean;
  /**
   * Undo changes made in the cluster.
   * @default true
   */
  selfHeal?: boolean;
  /**
   * Apply with server-side apply (large CRDs).
   * @default false
   */
  serverSideApply?: boolean;
  /**
   * Skip the dry run for kinds whose CRDs the same sync installs.
   * @default false
   */
  skipDryRunOnMissingResource?: boolean;
  /**
   * Keep ignoreDifferences fields while syncing, too.
   * @default false
   */
  respectIgnoreDifferences?: boolean;
  /**
   * Let Argo CD create the namespace (with namespaceMetadata).
   * @default true
   */
  createNamespace?: boolean;
  /** Retries of a failed sync. */
  retry?: {
    /**
     * @minimum 0
     * @default 5
     */
    limit?: Integer;
    backoff?: {
      /** @default 10s */
      duration?: BackoffDuration;
      /**
       * @asType integer
       * @minimum 1
       * @default 2
       */
      factor?: number;
      /** @default 5m */
      maxDuration?: BackoffDuration;
    };
  };
}

/** @pattern ^[0-9]+(s|m|h)$ */
type BackoffDuration = string;

interface IgnoreDifferenceInput {
  /**
   * The bare API group, without version ('' for core).
   * @pattern ^[^/]*$
   */
  group?: string;
  /** @minLength 1 */
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: JsonPointer[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

/** @pattern ^/ */
type JsonPointer = string;

interface MeshInput {
  mode: MeshMode;
  skipInboundPorts?: PortList;
  skipOutboundPorts?: PortList;
  /**
   * config.linkerd.io/<key> proxy annotations without the prefix, e.g. proxy-cpu-request: 20m.
   * @propertyNames {"pattern": "^[a-z0-9-]+$"}
   */
  proxy?: Record<string, string>;
}

interface IngressInput {
  /** @minLength 1 */
  host: string;
  service: DnsLabel;
  port: Port;
  /**
   * @pattern ^/
   * @default /
   */
  path?: string;
  annotations?: StringMap;
  middlewares?: MiddlewareRef[];
  tlsIssuer?: string;
}

/** @pattern ^[a-z0-9-]+@[a-z]+$ */
type MiddlewareRef = string;
