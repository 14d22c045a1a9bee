import type { Diagnostic, Where } from '../model/diagnostics.js';
import type { ChartRef } from '../model/config.js';
import type { RenderRecord } from '../model/renders.js';

/**
 * What hydrate needs of one Application Argo CD will run. The lint tree model's `ArgoApp` has this
 * shape; hydrate is a lower layer than lint, so it names the fields it reads instead of the type.
 */
export interface HydrateSubject {
  kind: 'Application' | 'ApplicationSet';
  /** The Application or ApplicationSet object: its file in the tree and document index. */
  object: { file: string; index: number };
  /** Name of the Application (generated name for a set element). */
  name: string;
  /** The app in config, when the generator made it. */
  app?: string;
  cluster?: string;
  /** 0-based list element of the ApplicationSet. */
  element?: number;
  /** Pointer of the Application spec in its file: `/spec` or `/spec/template/spec`. */
  specPointer: string;
  spec: Record<string, unknown>;
  sources: { source: Record<string, unknown>; pointer: string }[];
  destinationNamespace?: string;
  /** Template fields a set element does not define: such an app cannot be rendered here. */
  unresolved: string[];
}

/** A subchart as its parent sees it: under its alias, or its name. */
export interface SubchartArchive extends ChartArchive {
  /** The key its values sit under in the parent's values: the alias, else the chart name. */
  as: string;
}

/** One CRD file of a chart's `crds/` folder (Helm installs these as they are, untemplated). */
export interface ChartCrdFile {
  /** Path inside the archive, e.g. `crd-and-cr/crds/widgets.yaml`. */
  path: string;
  /** Its YAML documents (YAML 1.1), non-empty ones only. */
  objects: Record<string, unknown>[];
}

/** A chart archive (.tgz) read once per run. */
export interface ChartArchive {
  name: string;
  version: string;
  /** Chart.yaml as parsed. */
  chartYaml: Record<string, unknown>;
  /** values.yaml of this chart (not merged with subcharts); `{}` when it has none. */
  values: Record<string, unknown>;
  /** values.yaml text, for locating keys in it. */
  valuesText: string;
  /** values.schema.json, parsed, when the chart has one. */
  schema?: unknown;
  crds: ChartCrdFile[];
  /** Whether a template of this chart or a subchart reads `.Capabilities.APIVersions`. */
  usesApiVersions: boolean;
  subcharts: SubchartArchive[];
}

/** How a kind is scoped: from the built-in table, a CRD of the tree, or unknown. */
export type Scope = 'Cluster' | 'Namespaced' | 'Unknown';

/** Helm hook phases Argo CD runs (mapped to PreSync / PostSync); every other Helm hook it never runs. */
export const HOOKS_ARGO_RUNS: ReadonlySet<string> = new Set(['pre-install', 'pre-upgrade', 'post-install', 'post-upgrade']);

export interface RenderedObject {
  apiVersion: string;
  kind: string;
  group: string;
  name: string;
  /**
   * For namespaced (and unknown) kinds: `metadata.namespace` as rendered, else the release
   * namespace (Argo CD applies it there). Undefined for cluster-scoped kinds.
   */
  namespace?: string;
  scope: Scope;
  data: Record<string, unknown>;
  /** The template Helm rendered it from, as its `# Source:` comment says: `<chart>/templates/x.yaml`. */
  template: string;
  /** 1-based position in Helm's output. */
  index: number;
  /** `helm.sh/hook` phases, when it is a Helm hook. */
  hook?: string[];
  /**
   * Whether Argo CD applies it: not for Helm hooks it never runs (test, pre-/post-delete,
   * pre-/post-rollback), nor for `argocd.argoproj.io/hook: Skip`.
   */
  applied: boolean;
}

export interface HydratedApp<A extends HydrateSubject = HydrateSubject> {
  app: A;
  /** Index of the Helm source in `app.sources`. */
  sourceIndex: number;
  chart: ChartRef;
  archive: ChartArchive;
  /** The archive in the chart cache. */
  archiveFile: string;
  /** `helm <argv>` as run (temporary value-file paths included), for --verbose and messages. */
  argv: string[];
  /** The release name and namespace Helm was given. */
  releaseName: string;
  namespace: string;
  /** `--api-versions` given (the cluster's built-in versions and the tree's CRD versions). */
  apiVersions: string[];
  /** First render, parsed as Argo CD parses it (YAML 1.1). */
  objects: RenderedObject[];
  /** Second render, for the convergence rule. */
  second: RenderedObject[];
  /** `sha256:` digest of the Helm inputs besides the chart (see RenderRecord.valuesDigest). */
  valuesDigest: string;
  /** Record key `<cluster>/<app>`, when the generator made the app. */
  key?: string;
}

/** An app that was not rendered, and why (a note with `--render=available`, an error otherwise). */
export interface SkippedApp<A extends HydrateSubject = HydrateSubject> {
  app: A;
  chart?: ChartRef;
  reason: string;
}

/** What one CRD says, found anywhere in the tree, a chart's `crds/` or a chart's templates. */
export interface CrdFact {
  group: string;
  kind: string;
  scope: 'Cluster' | 'Namespaced';
  /** Served versions, e.g. ['v1', 'v1beta1']. */
  versions: string[];
  /** The CRD object itself (its `openAPIV3Schema`s are in it). */
  object: Record<string, unknown>;
  /** Where it was found: a tree file, `<chart>/crds/x.yaml` or `<chart>/templates/x.yaml`. */
  from: string;
}

/** Every CRD known, by `group/kind`; the first one found wins. */
export type CrdIndex = ReadonlyMap<string, CrdFact>;

/** The whole render of a tree: what the rendered-object rules read. */
export interface RenderedTree<A extends HydrateSubject = HydrateSubject> {
  apps: HydratedApp<A>[];
  skipped: SkippedApp<A>[];
  crds: CrdIndex;
  /** Records as charts.lock.yaml holds them (for `generate --render`: what it is about to write). */
  records: ReadonlyMap<string, RenderRecord>;
  /** Line and column of each record in charts.lock.yaml, when read from it. */
  recordPositions: ReadonlyMap<string, { line: number; col: number }>;
  /** Records as this render gives them, for the apps rendered. */
  facts: ReadonlyMap<string, RenderRecord>;
  /** The scope of a kind: built-in table, then the CRDs above. */
  scopeOf(group: string, kind: string): Scope;
}

export interface HydrateResult<A extends HydrateSubject = HydrateSubject> {
  tree: RenderedTree<A>;
  /** Errors (charts that cannot be rendered, Helm failures) and warnings. */
  diagnostics: Diagnostic[];
  /** One-off remarks: the Helm used, apps skipped with `--render=available`. */
  notes: string[];
  /** Charts verified in the cache this run, with their digests (for the lock). */
  charts: (ChartRef & { digest: string })[];
  /** Wall time of the Helm renders (both passes, re-renders included), for the benchmark. */
  renderMs: number;
}

/** Where a finding is reported (config files get their line from the pipeline's pointer mapping). */
export type { Where } from '../model/diagnostics.js';

/** Where the caller wants hydrate's findings: at the config when the tree is what the config renders. */
export interface HydrateBlame {
  /** A key of the values Helm was given (JSON pointer into them), or undefined when no file sets it. */
  value(subject: HydrateSubject, pointer: string): Where | undefined;
  /** The app's chart (its repository, name and version). */
  chart(subject: HydrateSubject, sourceIndex: number): Where;
}
