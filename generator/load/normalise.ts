import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceDocument } from '../model/source.js';
import { deepMerge } from '../core/merge.js';
import { positionOf } from '../core/yaml-source.js';
import { defaultSettings, defaultSync } from '../model/defaults.js';
import { CLUSTER_FILE, VALUES_DIR } from '../model/files.js';
import type {
  AppConfig,
  ArgoCDConfig,
  ClusterConfig,
  ClusterSelector,
  ClusterSettingsInput,
  IngressRoute,
  MeshConfig,
  PlatformSettings,
  RootConfig,
} from '../model/config.js';
import { checkMirrors } from '../charts/index.js';
import { filesMatching, type InputListing } from './discover.js';

/**
 * Schema-checked raw config to the typed config the stages read: defaults filled in, shorthand
 * forms (`mesh: namespace`, `clusters: all`) expanded, templates resolved against values/.
 */
export interface RawCluster {
  repo: { url: string; targetRevision?: string };
  argocd?: Partial<ArgoCDConfig>;
  validation?: { allowKinds?: string[] };
  charts?: { mirrors?: Record<string, string> };
  render?: { hydrate?: boolean };
  defaults?: Record<string, unknown>;
  clusters: { name: string; server?: string; destinationName?: string; labels?: Record<string, string>; settings?: ClusterSettingsInput }[];
}

export function toRootConfig(raw: RawCluster, diags: Diagnostic[], src: SourceDocument): RootConfig {
  const defaults = deepMerge<PlatformSettings>(defaultSettings(), raw.defaults ?? {});
  const clusters: ClusterConfig[] = [];
  const overrides = new Map<string, ClusterSettingsInput>();
  const seen = new Set<string>();
  raw.clusters.forEach((c, i) => {
    const pointer = `/clusters/${i}`;
    if (seen.has(c.name)) {
      diags.push({ severity: 'error', code: 'config/duplicate-cluster', file: CLUSTER_FILE, ...positionOf(src, `${pointer}/name`), pointer: `${pointer}/name`, message: `cluster '${c.name}' is declared twice` });
    }
    seen.add(c.name);
    if ((c.server === undefined) === (c.destinationName === undefined)) {
      diags.push({
        severity: 'error',
        code: 'config/cluster-destination',
        file: CLUSTER_FILE,
        ...positionOf(src, pointer),
        pointer,
        message: `cluster '${c.name}' needs exactly one of 'server' (API server URL) or 'destinationName' (Argo CD cluster name)`,
        hint: 'for the cluster Argo CD runs in, use server: https://kubernetes.default.svc',
      });
    }
    clusters.push({
      name: c.name,
      ...(c.server !== undefined ? { server: c.server } : {}),
      ...(c.destinationName !== undefined ? { destinationName: c.destinationName } : {}),
      labels: c.labels ?? {},
      source: { file: CLUSTER_FILE, pointer },
    });
    overrides.set(c.name, c.settings ?? {});
  });
  if (raw.charts?.mirrors !== undefined) {
    for (const d of checkMirrors(raw.charts.mirrors)) diags.push({ ...d, file: CLUSTER_FILE, ...(d.pointer !== undefined ? positionOf(src, d.pointer) : {}) });
  }
  const a = raw.argocd ?? {};
  return {
    repo: { url: raw.repo.url, targetRevision: raw.repo.targetRevision ?? 'main' },
    allowKinds: raw.validation?.allowKinds ?? [],
    argocd: {
      namespace: a.namespace ?? 'argocd',
      rootProject: a.rootProject ?? 'bootstrap',
      progressiveSyncs: a.progressiveSyncs ?? false,
      stages: a.stages ?? [],
      stageLabel: a.stageLabel ?? 'stage',
      maxUpdate: a.maxUpdate ?? 1,
    },
    defaults,
    clusters,
    clusterOverrides: overrides,
    charts: { mirrors: { ...(raw.charts?.mirrors ?? {}) } },
    render: { hydrate: raw.render?.hydrate ?? false },
  };
}

export interface RawApp {
  description?: string;
  project?: string;
  namespace?: string;
  component?: string;
  chart?: { repoURL: string; name: string; version: string };
  dependsOn?: string[];
  clusters?: 'all' | string[] | { matchLabels: Record<string, string> };
  values?: string;
  resources?: string[];
  namespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  namespaceObject?: boolean;
  clusterResources?: { group: string; kind: string }[];
  sync?: Partial<Omit<AppConfig['sync'], 'retry'>> & { retry?: { limit?: number; backoff?: Partial<AppConfig['sync']['retry']['backoff']> } };
  ignoreDifferences?: AppConfig['ignoreDifferences'];
  mesh?: MeshConfig['mode'] | { mode: MeshConfig['mode']; skipInboundPorts?: string[]; skipOutboundPorts?: string[]; proxy?: Record<string, string> };
  ingress?: Partial<IngressRoute>[];
}

export function toAppConfig(ctx: Pick<InputListing, 'valueFiles' | 'valueFileSet'>, name: string, file: string, raw: RawApp, diags: Diagnostic[]): AppConfig {
  let values = raw.values;
  const defaultValues = `${VALUES_DIR}/${name}/values.yaml`;
  if (values === undefined && ctx.valueFileSet.has(defaultValues)) values = defaultValues;
  if (values !== undefined && !ctx.valueFileSet.has(values)) {
    diags.push({ severity: 'error', code: 'config/missing-template', file, pointer: '/values', message: `values template '${values}' does not exist` });
  }
  const patterns = raw.resources ?? [`${VALUES_DIR}/${name}/resources/*.yaml`];
  const resources: string[] = [];
  for (const p of patterns) {
    if (p.split('/').includes('..')) {
      diags.push({ severity: 'error', code: 'config/invalid-path', file, pointer: '/resources', message: `resource pattern '${p}' must stay inside values/` });
      continue;
    }
    const found = filesMatching(ctx.valueFiles, p);
    if (found.length === 0 && raw.resources !== undefined) {
      diags.push({ severity: 'error', code: 'config/missing-template', file, pointer: '/resources', message: `resource pattern '${p}' matches no file` });
    }
    resources.push(...found);
  }
  if (!raw.chart && !raw.component && resources.length === 0) {
    diags.push({
      severity: 'error',
      code: 'config/empty-app',
      file,
      message: `app '${name}' has no chart, no component and no resources, so it would deploy nothing`,
      hint: `add a chart, or put manifests in ${VALUES_DIR}/${name}/resources/`,
    });
  }
  const base = defaultSync();
  const s = raw.sync ?? {};
  const mesh: MeshConfig =
    raw.mesh === undefined
      ? { mode: 'off', skipInboundPorts: [], skipOutboundPorts: [], proxy: {}, explicit: false }
      : typeof raw.mesh === 'string'
        ? { mode: raw.mesh, skipInboundPorts: [], skipOutboundPorts: [], proxy: {}, explicit: true }
        : { mode: raw.mesh.mode, skipInboundPorts: raw.mesh.skipInboundPorts ?? [], skipOutboundPorts: raw.mesh.skipOutboundPorts ?? [], proxy: raw.mesh.proxy ?? {}, explicit: true };
  const clusters: ClusterSelector =
    raw.clusters === undefined || raw.clusters === 'all'
      ? { kind: 'all' }
      : Array.isArray(raw.clusters)
        ? { kind: 'list', names: raw.clusters }
        : { kind: 'labels', matchLabels: raw.clusters.matchLabels };
  return {
    name,
    file,
    description: raw.description ?? '',
    project: raw.project ?? 'platform',
    namespace: raw.namespace ?? name,
    ...(raw.component !== undefined ? { component: raw.component } : {}),
    ...(raw.chart ? { chart: { ...raw.chart } } : {}),
    dependsOn: raw.dependsOn ?? [],
    clusters,
    ...(values !== undefined ? { values } : {}),
    resources: [...new Set(resources)],
    namespaceMetadata: { labels: raw.namespaceMetadata?.labels ?? {}, annotations: raw.namespaceMetadata?.annotations ?? {} },
    namespaceObject: raw.namespaceObject ?? false,
    clusterResources: raw.clusterResources ?? [],
    sync: {
      prune: s.prune ?? base.prune,
      selfHeal: s.selfHeal ?? base.selfHeal,
      serverSideApply: s.serverSideApply ?? base.serverSideApply,
      skipDryRunOnMissingResource: s.skipDryRunOnMissingResource ?? base.skipDryRunOnMissingResource,
      respectIgnoreDifferences: s.respectIgnoreDifferences ?? base.respectIgnoreDifferences,
      createNamespace: s.createNamespace ?? base.createNamespace,
      retry: {
        limit: s.retry?.limit ?? base.retry.limit,
        backoff: { ...base.retry.backoff, ...(s.retry?.backoff ?? {}) },
      },
    },
    // `group` may be left out for the core group, as in Argo CD.
    ignoreDifferences: (raw.ignoreDifferences ?? []).map((d) => ({ ...d, group: d.group ?? '' })),
    mesh,
    ingress: (raw.ingress ?? []).map((r) => ({
      host: r.host!,
      service: r.service!,
      port: r.port!,
      path: r.path ?? '/',
      annotations: r.annotations ?? {},
      middlewares: r.middlewares ?? [],
      tlsIssuer: r.tlsIssuer ?? '',
    })),
    source: { file, pointer: '' },
  };
}
