/**
 * The `--render` half of the pipeline: the tree's charts rendered with Helm (hydrate) for the lint
 * context of the tree being checked, the render records that follow, the hydrated output, and the
 * `charts` commands over the tree's chart list.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listCharts, normaliseRepoURL, parseChartMirrorFlags, pullCharts, readLockFile, type ListChartsResult, type MirrorMap, type PullChartsResult } from './charts/index.js';
import { locate } from './core/yaml-source.js';
import { chartRefsOf, helmTargets, hydrate, HYDRATE_COMMAND, hydratedOutput, type HydratedApp, type HydratedFile, type HydrateResult, type RenderedTree } from './hydrate/index.js';
import { createLintContext, treeOf, type ArgoApp, type LintContext } from './lint/index.js';
import { hydrateBlame } from './lint/rendered.js';
import { differsOnlyWhereIgnored, ignoreEntriesOf } from './lint/ignore-differences.js';
import { renderYamlFile } from './core/serialize.js';
import { loadAllFast } from './core/yaml11.js';
import type { LoadedConfig } from './load/types.js';
import type { ChartRef } from './model/config.js';
import type { Diagnostic } from './model/diagnostics.js';
import { CLUSTER_FILE, isGeneratedText, RENDERED_DIR } from './model/files.js';
import type { OutputFile } from './model/output.js';
import { normaliseRecord, recordKey, type RenderRecord, type RenderRecords } from './model/renders.js';
export { hasRenderedDir } from './write/rendered-dir.js';

/** `--render` renders every chart (a chart that cannot be had fails the run); `available` skips those with a note. */
export type RenderMode = boolean | 'available';

export interface RenderOptions {
  render?: RenderMode;
  /** `--chart-mirror` flags as `{ <repoURL>: <mirror> }`; they win over cluster.yaml `charts.mirrors`. */
  mirrors?: MirrorMap;
  /** Environment for finding and running Helm and for the cache folder; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export interface Hydration extends HydrateResult<ArgoApp> {
  tree: RenderedTree<ArgoApp>;
}

/** cluster.yaml's mirrors under the flags (keys compared normalised, so a trailing slash is the same repository). */
export function mirrorsOf(config: LoadedConfig, flags: MirrorMap | undefined): MirrorMap {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.rootConfig.charts.mirrors)) out[normaliseRepoURL(k)] = v;
  for (const [k, v] of Object.entries(flags ?? {})) out[normaliseRepoURL(k)] = v;
  return out;
}

/** Renders the charts of the tree in `ctx` (its files are the tree being checked). */
export async function hydrateContext(root: string, ctx: LintContext, config: LoadedConfig, opts: RenderOptions & { lock: 'verify' | 'record' }): Promise<Hydration> {
  const t = treeOf(ctx);
  const treeObjects = new Map<string, { data: unknown; file: string }[]>();
  for (const a of t.apps) {
    const list = treeObjects.get(a.cluster ?? '') ?? [];
    for (const o of a.deployed) list.push({ data: o.data, file: o.file });
    treeObjects.set(a.cluster ?? '', list);
  }
  const lock = await readLockFile(root);
  const clusters = new Map(ctx.plan.clusters.map((c) => [c.name, c.settings.kubernetesVersion]));
  const result = await hydrate(t.apps, {
    root,
    ...(opts.env ? { env: opts.env } : {}),
    mode: opts.render === 'available' ? 'available' : 'all',
    lock: opts.lock,
    mirrors: mirrorsOf(config, opts.mirrors),
    files: new Map(ctx.files.map((f) => [f.path, f.content])),
    repoURL: config.rootConfig.repo.url,
    treeObjects,
    kubeVersionOf: (cluster) => (cluster !== undefined ? clusters.get(cluster) : undefined) ?? config.rootConfig.defaults.kubernetesVersion,
    records: config.renders,
    recordPositions: lock.renderPositions,
    blame: hydrateBlame(ctx),
  });
  return { ...result, diagnostics: locate(result.diagnostics, config.sources) };
}

/**
 * The built-in key tables' findings (held back while building the tree for `--render`) for the
 * apps Helm did not render; a rendered app's keys are judged by its chart (rendered/unknown-values-key).
 */
export function keyTableFallback(tree: { rendered: LintContext['rendered']; config: LoadedConfig }, rendered: RenderedTree<ArgoApp>): Diagnostic[] {
  const done = new Set(rendered.apps.map((a) => a.key));
  const held = tree.rendered.instances.filter((r) => !done.has(recordKey(r.instance.cluster.name, r.instance.app.name))).flatMap((r) => r.keyTableFindings ?? []);
  return locate(held, tree.config.sources);
}

/**
 * The records `generate --render` writes: this render's facts for the apps it rendered, the old
 * record for apps it skipped (`--render=available`) or could not render, none for apps gone.
 */
export function nextRecords(ctx: LintContext, h: Hydration, before: RenderRecords): Map<string, RenderRecord> {
  const keys = new Set(treeOf(ctx).apps.filter((a) => a.app !== undefined && a.cluster !== undefined && a.chart !== undefined).map((a) => `${a.cluster}/${a.app}`));
  const out = new Map<string, RenderRecord>();
  for (const [k, r] of before) if (keys.has(k)) out.set(k, r);
  for (const [k, r] of h.tree.facts) out.set(k, normaliseRecord(r));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function sameRecords(a: RenderRecords, b: RenderRecords): boolean {
  const text = (m: RenderRecords) => JSON.stringify([...m].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, r]) => [k, normaliseRecord(r)]));
  return text(a) === text(b);
}

/**
 * The files of `rendered/`: every rendered object of the apps rendered, and, for apps skipped this
 * run, the files already there (so a partial render never prunes what it did not render). An object
 * that differs from its committed file only where the Application ignores differences (a generated
 * password) keeps the committed text, so neither generate nor check churns on it.
 */
export function renderedFiles(root: string, ctx: LintContext, config: LoadedConfig, h: Hydration): OutputFile[] {
  const files: OutputFile[] = hydratedOutput(h.tree.apps, (x: HydratedApp<ArgoApp>) => sourcesOf(config, x)).map((f) => ({ path: f.path, content: steady(root, ctx, f, sourcesOf(config, f.app)) }));
  const rendered = new Set(h.tree.apps.map((a) => a.key));
  for (const s of h.tree.skipped) {
    if (s.app.app === undefined || s.app.cluster === undefined) continue;
    const key = `${s.app.cluster}/${s.app.app}`;
    if (rendered.has(key)) continue;
    files.push(...filesUnder(root, `${RENDERED_DIR}/${key}`));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function steady(root: string, ctx: LintContext, f: HydratedFile<ArgoApp>, sources: string[]): string {
  const abs = path.join(root, f.path);
  if (!existsSync(abs) || !statSync(abs).isFile()) return f.content;
  const disk = readFileSync(abs, 'utf8');
  if (disk === f.content || !isGeneratedText(disk)) return f.content;
  let committed: unknown;
  try {
    committed = loadAllFast(disk)[0];
  } catch {
    return f.content;
  }
  if (!differsOnlyWhereIgnored(ignoreEntriesOf(ctx, f.app.app), f.object, committed, f.object.data)) return f.content;
  return renderYamlFile(sources, [committed], HYDRATE_COMMAND);
}

function sourcesOf(config: LoadedConfig, h: HydratedApp<ArgoApp>): string[] {
  const app = config.apps.find((a) => a.name === h.app.app);
  return [CLUSTER_FILE, ...(app ? [app.file, ...(app.values ? [app.values] : [])] : [h.app.object.file]), `chart ${h.chart.name} ${h.chart.version}`];
}

function filesUnder(root: string, rel: string): OutputFile[] {
  const out: OutputFile[] = [];
  const abs = path.join(root, rel);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return out;
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    const child = `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...filesUnder(root, child));
    else if (e.isFile()) out.push({ path: child, content: readFileSync(path.join(root, child), 'utf8') });
  }
  return out;
}

/** Every (repoURL, chart, version) the tree deploys: each Application's and set element's Helm source. */
export function chartsOfTree(ctx: LintContext): ChartRef[] {
  return chartRefsOf(helmTargets(treeOf(ctx).apps).targets);
}

export interface ChartsCommandOptions {
  env?: NodeJS.ProcessEnv;
  offline?: boolean;
  /** Raw `--chart-mirror` values. */
  mirrorFlags?: string[];
}

/** `charts pull`: the tree's charts into the cache, the lock pinned to exactly them. */
export async function pullTreeCharts(root: string, config: LoadedConfig, ctx: LintContext, opts: ChartsCommandOptions): Promise<PullChartsResult> {
  const flags = parseChartMirrorFlags(opts.mirrorFlags ?? []);
  if (flags.diagnostics.length > 0) return { charts: [], added: [], removed: [], lockWritten: false, diagnostics: flags.diagnostics, lines: ['nothing pulled: fix the --chart-mirror flags first'] };
  const result = await pullCharts(chartsOfTree(ctx), { root, mirrors: mirrorsOf(config, flags.mirrors), complete: true, ...(opts.offline ? { offline: true } : {}), ...(opts.env ? { env: opts.env } : {}) });
  return { ...result, diagnostics: locate(result.diagnostics, config.sources) };
}

/** `charts list`: each chart of the tree and the state of its cached archive. */
export async function listTreeCharts(root: string, ctx: LintContext, opts: ChartsCommandOptions): Promise<ListChartsResult> {
  return listCharts(chartsOfTree(ctx), { root, ...(opts.env ? { env: opts.env } : {}) });
}

/** A lint context of the fresh render alone (for the chart list of the tree as the config gives it). */
export function freshContext(tree: { plan: LintContext['plan']; rendered: LintContext['rendered']; files: OutputFile[] }): LintContext {
  return createLintContext({ plan: tree.plan, rendered: tree.rendered, files: tree.files });
}

export type { Diagnostic };
