import type { Diagnostic } from '../model/diagnostics.js';
import type { AppConfig, ArgoCDConfig, ChartRef, IgnoreDifference, IngressRoute, PlatformSettings, RepoConfig, ResolvedCluster, SyncConfig } from '../model/config.js';
import type { GroupKind, K8sObject } from '../model/k8s.js';

/** Where Helm values came from: the template file, and a way to find a key's line in it. */
export interface ValuesLocation {
  file: string;
  /** Position of the value at a JSON pointer when the template itself sets it. */
  locate?: (pointer: string) => { line: number; col: number } | undefined;
}

/** What a component sees: one app on one cluster, with the rest of that cluster's plan. */
export interface ComponentContext {
  app: AppConfig;
  cluster: ResolvedCluster;
  settings: PlatformSettings;
  /** The Argo CD the tree is for (`cluster.yaml` `argocd`), and the repository it reads. */
  argocd: ArgoCDConfig;
  repo: RepoConfig;
  /** Apps deployed on this cluster, by name. */
  appsOnCluster: ReadonlyMap<string, AppConfig>;
  /** The app on this cluster that uses the given component, if any. */
  appWithComponent(id: string): AppConfig | undefined;
}

/** What a component adds to its app's Application, values and extra manifests. */
export interface ComponentContribution {
  /** Replaces the app's chart (e.g. Linkerd charts come from the version table). */
  chart?: ChartRef;
  /** Helm values merged *under* the operator's values template (the template wins). */
  values?: Record<string, unknown>;
  /** Extra objects written to `manifests/resources/<cluster>/<app>/`. */
  manifests?: K8sObject[];
  /** Namespace labels/annotations; `object: true` emits a Namespace object in the app's resources. */
  namespace?: { labels?: Record<string, string>; annotations?: Record<string, string>; object?: boolean };
  ignoreDifferences?: IgnoreDifference[];
  sync?: Partial<Pick<SyncConfig, 'serverSideApply' | 'skipDryRunOnMissingResource' | 'respectIgnoreDifferences' | 'createNamespace'>>;
  /** Cluster-scoped kinds the chart creates. */
  clusterResources?: GroupKind[];
  /** Ingress routes added to the app's own `ingress:` entries (rendered the same way). */
  ingress?: IngressRoute[];
  /** Argo CD health checks (Lua) this component's kinds need, keyed by argocd-cm key. */
  healthChecks?: Record<string, string>;
  /** Helm release name when the app file sets none (default: the app name). */
  releaseName?: string;
  /**
   * false: the Application carries no resources finalizer, so deleting it leaves its resources
   * running (Argo CD managing itself must never delete itself that way).
   */
  finalizer?: boolean;
}

/**
 * What the whole render knows once every app on every cluster is rendered: what a component may
 * need to finish its app (Argo CD's health checks, the users of a secret store).
 */
export interface TreeFacts {
  /** argocd-cm health checks of the whole tree, by key. */
  healthChecks: Readonly<Record<string, string>>;
  /** Every extra manifest rendered for the same cluster, all apps included. */
  manifestsOnCluster: readonly K8sObject[];
}

/** An app's rendered values and extra manifests, before the component's last pass. */
export interface RenderedApp {
  values: Record<string, unknown>;
  manifests: readonly K8sObject[];
}

/**
 * A built-in component: the knowledge of one chart or platform piece. One file each, one
 * interface, listed in `components/index.ts` (like Argo CD's ApplicationSet generators).
 */
export interface Component {
  id: string;
  summary: string;
  /** A reason when the app must not be deployed on this cluster (e.g. a chart that no longer exists). */
  skipReason?(ctx: ComponentContext): string | undefined;
  contribute(ctx: ComponentContext): ComponentContribution;
  /** Checks on the final Helm values (e.g. known chart keys); `where` places findings in the template. */
  checkValues?(values: Record<string, unknown>, ctx: ComponentContext, where: ValuesLocation): Diagnostic[];
  /**
   * A last pass once the whole tree is rendered: values and manifests that depend on other apps
   * (a post-pass of render, so no component reads another's output while rendering). Objects keep
   * their kind and name; only their content may change.
   */
  complete?(app: RenderedApp, ctx: ComponentContext, tree: TreeFacts): RenderedApp;
}
