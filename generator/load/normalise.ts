import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceDocument } from '../model/source.js';
import { deepMerge } from '../core/merge.js';
import { positionOf } from '../core/yaml-source.js';
import { APP_DEFAULTS, DEFAULT_TARGET_REVISION, defaultArgoCD, defaultRender, defaultRepoCredentials, defaultSettings, defaultSync } from '../model/defaults.js';
import { CLUSTER_FILE, VALUES_DIR } from '../model/files.js';
import type { AppFile, ClusterFile } from '../model/config-input.js';
import type { AppConfig, ClusterConfig, ClusterSelector, ClusterSettingsInput, MeshConfig, PlatformSettings, RootConfig } from '../model/config.js';
import { checkMirrors } from '../charts/mirrors.js';
import { filesMatching, type InputListing } from './discover.js';

/**
 * Schema-checked files (`ClusterFile`, `AppFile`) to the typed config the stages read: defaults
 * filled in, shorthand forms (`mesh: namespace`, `clusters: all`) expanded, templates resolved
 * against values/.
 */
export function toRootConfig(raw: ClusterFile, diags: Diagnostic[], src: SourceDocument): RootConfig {
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
  const creds = raw.repo.credentials;
  if (creds) {
    const ssh = !/^https:\/\//.test(raw.repo.url);
    const auth = creds.auth ?? defaultRepoCredentials().auth;
    if (ssh !== (auth === 'ssh')) {
      const pointer = creds.auth !== undefined ? '/repo/credentials/auth' : '/repo/credentials';
      diags.push({
        severity: 'error',
        code: 'config/repo-credentials',
        file: CLUSTER_FILE,
        ...positionOf(src, pointer),
        pointer,
        message: `repo.credentials.auth is '${auth}' but repo.url is ${ssh ? 'an ssh' : 'an https'} URL`,
        hint: ssh ? "use auth: ssh (a private key) for git@ and ssh:// URLs" : 'use auth: https (username and password or token) for an https URL',
      });
    }
  }
  const a = raw.argocd ?? {};
  const base = defaultArgoCD();
  return {
    repo: {
      url: raw.repo.url,
      targetRevision: raw.repo.targetRevision ?? DEFAULT_TARGET_REVISION,
      ...(raw.repo.credentials ? { credentials: { ...defaultRepoCredentials(), ...raw.repo.credentials } } : {}),
    },
    allowKinds: raw.validation?.allowKinds ?? [],
    argocd: {
      namespace: a.namespace ?? base.namespace,
      version: a.version ?? base.version,
      rootProject: a.rootProject ?? base.rootProject,
      progressiveSyncs: a.progressiveSyncs ?? base.progressiveSyncs,
      stages: a.stages ?? base.stages,
      stageLabel: a.stageLabel ?? base.stageLabel,
      maxUpdate: a.maxUpdate ?? base.maxUpdate,
    },
    defaults,
    clusters,
    clusterOverrides: overrides,
    charts: { mirrors: { ...(raw.charts?.mirrors ?? {}) } },
    render: { hydrate: raw.render?.hydrate ?? defaultRender().hydrate },
  };
}

export function toAppConfig(ctx: Pick<InputListing, 'valueFiles' | 'valueFileSet'>, name: string, file: string, raw: AppFile, diags: Diagnostic[]): AppConfig {
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
  const selection = raw.clusters ?? APP_DEFAULTS.clusters;
  const clusters: ClusterSelector =
    selection === 'all'
      ? { kind: 'all' }
      : Array.isArray(selection)
        ? { kind: 'list', names: selection }
        : { kind: 'labels', matchLabels: selection.matchLabels };
  return {
    name,
    file,
    description: raw.description ?? APP_DEFAULTS.description,
    project: raw.project ?? APP_DEFAULTS.project,
    namespace: raw.namespace ?? name,
    ...(raw.component !== undefined ? { component: raw.component } : {}),
    ...(raw.chart ? { chart: { ...raw.chart } } : {}),
    ...(raw.helm?.releaseName !== undefined ? { releaseName: raw.helm.releaseName } : {}),
    dependsOn: raw.dependsOn ?? [...APP_DEFAULTS.dependsOn],
    clusters,
    ...(values !== undefined ? { values } : {}),
    resources: [...new Set(resources)],
    namespaceMetadata: { labels: raw.namespaceMetadata?.labels ?? {}, annotations: raw.namespaceMetadata?.annotations ?? {} },
    namespaceObject: raw.namespaceObject ?? APP_DEFAULTS.namespaceObject,
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
    // Argo CD reads a missing group as the core group.
    ignoreDifferences: (raw.ignoreDifferences ?? []).map((d) => ({ ...d, group: d.group ?? '' })),
    mesh,
    ingress: (raw.ingress ?? []).map((r) => ({
      host: r.host,
      service: r.service,
      port: r.port,
      path: r.path ?? APP_DEFAULTS.ingressPath,
      annotations: r.annotations ?? {},
      middlewares: r.middlewares ?? [],
      tlsIssuer: r.tlsIssuer ?? '',
    })),
    source: { file, pointer: '' },
  };
}
