import { GeneratorError, type Diagnostic } from '../model/diagnostics.js';
import { closest } from '../core/suggest.js';
import { valueAt } from '../core/value-at.js';
import type { AppConfig, ClusterConfig, PlatformSettings, ResolvedCluster, RootConfig } from '../model/config.js';
import type { ComponentContext } from '../components/types.js';
import { getComponent, componentIds } from '../components/index.js';
import type { LoadedConfig } from '../load/types.js';
import type { AppInstance, Plan, PlannedApp } from './types.js';
import { computeWaves } from './graph.js';
import { checkIngressSettings, checkLinkerdSettings } from './settings-check.js';
import { effectiveSettings } from './settings.js';
import { CLUSTER_FILE } from '../model/files.js';
import { positionOf } from '../core/yaml-source.js';
import { checkSharedTrustAnchor } from './trust-anchor.js';

/** Defaults, cluster fan-out and sync waves. Pure: reads only the loaded config. */
export function planConfig(config: LoadedConfig): Plan {
  const diags: Diagnostic[] = [];
  const { rootConfig } = config;
  const clusters = resolveClusters(config, diags);
  if (diags.some((d) => d.severity === 'error')) throw new GeneratorError(diags);

  for (const app of config.apps) {
    if (app.component !== undefined && !getComponent(app.component)) {
      const guess = closest(app.component, componentIds());
      diags.push({
        severity: 'error',
        code: 'config/unknown-component',
        file: app.file,
        pointer: '/component',
        message: `unknown component '${app.component}'${guess ? `; did you mean '${guess}'?` : ''}`,
        hint: `built-in components: ${componentIds().join(', ')}`,
      });
    }
  }

  // Linkerd settings are checked on every cluster that runs a Linkerd component.
  clusters.forEach((cluster, i) => {
    const usesLinkerd = config.apps.some((a) => a.component?.startsWith('linkerd-') && selectsCluster(a, cluster));
    if (!usesLinkerd) return;
    const override = rootConfig.clusterOverrides.get(cluster.name) ?? {};
    diags.push(...checkLinkerdSettings(cluster, i, (path) => valueAt(override, path) !== undefined));
  });

  // One PEM under defaults must not be inherited by a cluster that mints its own root CA.
  diags.push(
    ...checkSharedTrustAnchor(
      clusters,
      rootConfig.defaults.linkerd.trustAnchor.pem,
      (name) => rootConfig.clusterOverrides.get(name) ?? {},
      (cluster) => config.apps.some((a) => a.component === 'cert-manager' && selectsCluster(a, cluster)),
    ),
  );

  diags.push(...checkIngressSettings(clusters, (name, path) => valueAt(rootConfig.clusterOverrides.get(name) ?? {}, path) !== undefined));

  const { waves, diagnostics } = computeWaves(config.apps.map((a) => ({ name: a.name, dependsOn: a.dependsOn, file: a.file })));
  diags.push(...diagnostics);

  // Which clusters each app targets.
  const targets = new Map<string, ResolvedCluster[]>();
  for (const app of config.apps) {
    const chosen = selectClusters(app, clusters, diags);
    targets.set(app.name, chosen);
  }
  if (diags.some((d) => d.severity === 'error')) throw new GeneratorError(diags);

  const apps: PlannedApp[] = [];
  const byCluster = new Map<string, Map<string, AppConfig>>();
  const skips = new Map<string, { cluster: string; reason: string }[]>();
  // First pass: decide presence per cluster (components may rule an app out).
  for (const cluster of clusters) {
    const present = new Map<string, AppConfig>();
    for (const app of config.apps) if (targets.get(app.name)!.includes(cluster)) present.set(app.name, app);
    byCluster.set(cluster.name, present);
  }
  for (const cluster of clusters) {
    const present = byCluster.get(cluster.name)!;
    for (const app of [...present.values()]) {
      const comp = app.component ? getComponent(app.component) : undefined;
      const reason = comp?.skipReason?.(makeContext(rootConfig, app, cluster, present));
      if (reason) {
        present.delete(app.name);
        const list = skips.get(app.name) ?? [];
        list.push({ cluster: cluster.name, reason });
        skips.set(app.name, list);
      }
    }
  }
  for (const app of [...config.apps].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const instances: AppInstance[] = [];
    for (const cluster of clusters) {
      const present = byCluster.get(cluster.name)!;
      if (!present.has(app.name)) continue;
      instances.push({
        app,
        cluster,
        wave: waves.get(app.name) ?? 0,
        deps: app.dependsOn.filter((d) => present.has(d)),
        ctx: makeContext(rootConfig, app, cluster, present),
      });
    }
    apps.push({ app, wave: waves.get(app.name) ?? 0, instances, skipped: skips.get(app.name) ?? [] });
  }
  const waveCount = Math.max(0, ...[...waves.values()].map((w) => w + 1));
  return { config, clusters, apps, waveCount, diagnostics: diags };
}

function makeContext(rc: RootConfig, app: AppConfig, cluster: ResolvedCluster, present: Map<string, AppConfig>): ComponentContext {
  return {
    app,
    cluster,
    settings: cluster.settings,
    argocd: rc.argocd,
    repo: rc.repo,
    appsOnCluster: present,
    appWithComponent: (id) => {
      for (const a of present.values()) if (a.component === id) return a;
      return undefined;
    },
  };
}

/** Every cluster with its effective settings; a setting template that fails is an error here. */
function resolveClusters(config: LoadedConfig, diags: Diagnostic[]): ResolvedCluster[] {
  const { rootConfig } = config;
  const src = config.sources.get(CLUSTER_FILE);
  const seen = new Set<string>();
  return rootConfig.clusters.map((c, index) => {
    const { settings, diagnostics } = effectiveSettings(c, {
      defaults: rootConfig.defaults,
      override: rootConfig.clusterOverrides.get(c.name) ?? {},
      index,
      inDefaults: (path) => src?.doc.hasIn(['defaults', ...path]) ?? false,
      repo: rootConfig.repo,
      argocdNamespace: rootConfig.argocd.namespace,
      ...(src ? { positionAt: (pointer: string) => positionOf(src, pointer) } : {}),
    });
    // A template in `defaults:` fails the same way on every cluster: say it once.
    for (const d of diagnostics) {
      const key = `${d.pointer}\0${d.message}`;
      if (!seen.has(key)) diags.push(d);
      seen.add(key);
    }
    return { ...c, settings };
  });
}

/** One cluster's effective settings from defaults and its own overrides (no cluster.yaml positions). */
export function resolveCluster(c: ClusterConfig, defaults: PlatformSettings, override: unknown): ResolvedCluster {
  const { settings, diagnostics } = effectiveSettings(c, { defaults, override, index: 0, inDefaults: () => false, repo: { url: '', targetRevision: '' }, argocdNamespace: 'argocd' });
  if (diagnostics.some((d) => d.severity === 'error')) throw new GeneratorError(diagnostics);
  return { ...c, settings };
}

function selectsCluster(app: AppConfig, c: ResolvedCluster): boolean {
  const sel = app.clusters;
  if (sel.kind === 'all') return true;
  if (sel.kind === 'list') return sel.names.includes(c.name);
  return Object.entries(sel.matchLabels).every(([k, v]) => c.labels[k] === v);
}

function selectClusters(app: AppConfig, clusters: ResolvedCluster[], diags: Diagnostic[]): ResolvedCluster[] {
  const sel = app.clusters;
  if (sel.kind === 'all') return clusters;
  if (sel.kind === 'list') {
    const out: ResolvedCluster[] = [];
    sel.names.forEach((n, i) => {
      const c = clusters.find((x) => x.name === n);
      if (!c) {
        const guess = closest(n, clusters.map((x) => x.name));
        diags.push({
          severity: 'error',
          code: 'config/unknown-cluster',
          file: app.file,
          pointer: `/clusters/${i}`,
          message: `unknown cluster '${n}'${guess ? `; did you mean '${guess}'?` : ''}`,
          hint: `clusters declared in cluster.yaml: ${clusters.map((x) => x.name).join(', ')}`,
        });
      } else out.push(c);
    });
    return out;
  }
  const matched = clusters.filter((c) => selectsCluster(app, c));
  if (matched.length === 0) {
    diags.push({
      severity: 'error',
      code: 'config/no-cluster-matches',
      file: app.file,
      pointer: '/clusters/matchLabels',
      message: `no cluster has the labels ${Object.entries(sel.matchLabels).map(([k, v]) => `${k}=${v}`).join(', ')}`,
      hint: `cluster labels: ${clusters.map((c) => `${c.name} {${Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(', ')}}`).join('; ')}`,
    });
  }
  return matched;
}
