import { GeneratorError, hasErrors, sortDiagnostics, type Diagnostic } from './model/diagnostics.js';
import { createLintContext, RENDERED_RULES, RULES, readTreeFiles, runLint, type ArgoApp } from './lint/index.js';
import type { RenderedTree } from './hydrate/index.js';
import { locate } from './core/yaml-source.js';
import { loadConfig } from './load/load-config.js';
import type { LoadedConfig } from './load/types.js';
import { planConfig } from './plan/plan.js';
import type { Plan } from './plan/types.js';
import { render, templateLocator } from './render/render.js';
import type { RenderResult, TemplateOrigin } from './render/types.js';
import { runKubeconform } from './validate/kubeconform.js';
import { kubeconformLocator } from './validate/kubeconform-locate.js';
import { unmanagedFiles } from './validate/unmanaged-files.js';
import { isManifestPath, K8S_SCHEMA_DIR, schemaValidator, validateOutput } from './validate/validate-output.js';
import { compareTree } from './write/compare.js';
import { inputKey, lookup, remember } from './write/run-cache.js';
import { renderYamlFile } from './core/serialize.js';
import type { OutputFile } from './model/output.js';
import { NO_PROGRESS, type Progress } from './model/progress.js';
import { readTreeSnapshot, TreeChangedError, type TreeSnapshot } from './write/tree-snapshot.js';
import { writeTree } from './write/tree-writer.js';
import type { WriteOptions, WriteResult } from './write/types.js';
import type { ListChartsResult, PullChartsResult } from './charts/index.js';
import { MANIFESTS_DIR, RENDERED_DIR } from './model/files.js';
import type { RenderRecords } from './model/renders.js';
import type { ChartsCommandOptions, RenderOptions } from './pipeline-render.js';
import { hasRenderedDir } from './write/rendered-dir.js';

/**
 * The Helm half (rendering charts, the chart cache, the lock's records) is loaded only by the runs
 * that use it: --render and the charts commands. A plain generate or check never loads it.
 */
const helmHalf = () => import('./pipeline-render.js');

export type { ChartsCommandOptions, RenderMode, RenderOptions } from './pipeline-render.js';

/** The command that writes render records and the hydrated output, for hints. */
const RENDER_COMMAND = 'gitops-generator generate --render';

export interface BuiltTree {
  config: LoadedConfig;
  plan: Plan;
  rendered: RenderResult;
  files: OutputFile[];
  /** Warnings (errors abort the build). */
  diagnostics: Diagnostic[];
  documents: number;
}

/**
 * load -> plan -> render -> serialise -> validate, all in memory. Throws GeneratorError with every
 * problem found when anything is wrong, so callers never write a partial tree.
 */
export async function buildTree(root: string, opts: { renders?: RenderRecords; progress?: Progress; deferKeyTables?: boolean } = {}): Promise<BuiltTree> {
  const progress = opts.progress ?? NO_PROGRESS;
  progress.step('loading config');
  const loaded = await loadConfig(root);
  // generate --render builds the tree again with the records it is about to write.
  const config = opts.renders !== undefined ? { ...loaded, renders: opts.renders } : loaded;
  try {
    progress.step('planning');
    const plan = planConfig(config);
    const rendered = render(plan, progress, { deferKeyTables: opts.deferKeyTables === true });
    if (hasErrors(rendered.diagnostics)) throw new GeneratorError(rendered.diagnostics);
    progress.step('serialising');
    const files = serialise(rendered);
    progress.step(`validating ${files.length} files`);
    const validation = validateOutput(plan, rendered, files);
    const diagnostics = [...config.diagnostics, ...plan.diagnostics, ...rendered.diagnostics, ...toTemplates(config, rendered, validation.diagnostics)];
    if (hasErrors(diagnostics)) throw new GeneratorError(diagnostics);
    return { config, plan, rendered, files, diagnostics: locate(diagnostics, config.sources), documents: validation.documents };
  } catch (e) {
    if (e instanceof GeneratorError) throw new GeneratorError(sortDiagnostics(locate(e.diagnostics, config.sources)));
    throw e;
  }
}

/**
 * A schema error in an extra manifest is the template's fault: point at the template line that
 * set the value (when the template sets it), and name the generated file in the message.
 */
function toTemplates(config: LoadedConfig, rendered: RenderResult, diags: Diagnostic[]): Diagnostic[] {
  const origins = new Map<string, TemplateOrigin>();
  for (const r of rendered.instances) for (const m of r.manifests) if (m.origin) origins.set(m.path, m.origin);
  return diags.map((d) => {
    const origin = d.file && d.code.startsWith('schema/') ? origins.get(d.file) : undefined;
    if (!origin || d.pointer === undefined) return d;
    const pos = templateLocator(origin.file, config.templates.get(origin.file)!, origin.index)(d.pointer);
    if (!pos) return d;
    return { ...d, file: origin.file, ...pos, document: origin.index, message: `${d.message} (rendered into ${d.file})` };
  });
}

export function serialise(rendered: RenderResult): OutputFile[] {
  return rendered.files.map((f) => ({
    path: f.path,
    content: f.text !== undefined ? f.text : renderYamlFile(f.sources, f.documents ?? []),
  }));
}

export interface GenerateResult extends WriteResult {
  /** Absent when nothing changed since the last run and the pipeline was skipped. */
  tree?: BuiltTree;
  diagnostics: Diagnostic[];
  /** True when the run cache showed that inputs, generator and tree are unchanged. */
  cached: boolean;
  /** With --render: remarks (the Helm used, apps skipped, what the lock recorded). */
  notes?: string[];
  /** With --render: wall time of the Helm renders and of the rules on the rendered objects. */
  timings?: RenderTimings;
}

export interface RenderTimings {
  renderMs: number;
  rulesMs: number;
}

export interface GenerateOptions extends WriteOptions, RenderOptions {
  cache?: boolean;
  progress?: Progress;
  /** inputKey(root) when the caller has just computed it and looked it up (a miss): hashing the inputs again would read every input a second time. */
  cacheKey?: string;
}

export async function generate(root: string, opts: GenerateOptions = {}): Promise<GenerateResult> {
  if (opts.render) return generateRendered(root, opts);
  const useCache = opts.cache ?? true;
  const key = useCache ? (opts.cacheKey ?? inputKey(root)) : '';
  const previous = useCache && opts.cacheKey === undefined ? lookup(root, key) : undefined;
  if (previous) return { written: [], deleted: [], unchanged: 0, diagnostics: previous, cached: true };
  const tree = await buildTree(root, { ...(opts.progress ? { progress: opts.progress } : {}) });
  opts.progress?.step('writing manifests/');
  const result = writeTree(root, tree.files, opts);
  if (useCache) remember(root, key, tree.diagnostics);
  return { ...result, tree, diagnostics: tree.diagnostics, cached: false };
}

/**
 * generate --render: render every chart, record what each renders (charts.lock.yaml renders:),
 * build the tree again when the records change the AppProjects, run the rules on the rendered
 * objects, then write the lock, manifests/ and (with render.hydrate) rendered/.
 */
async function generateRendered(root: string, opts: WriteOptions & RenderOptions & { progress?: Progress }): Promise<GenerateResult> {
  const progress = opts.progress ?? NO_PROGRESS;
  const { freshContext, hydrateContext, keyTableFallback, nextRecords, renderedFiles, sameRecords } = await helmHalf();
  const { recordLock } = await import('./charts/record-lock.js');
  let tree = await buildTree(root, { progress, deferKeyTables: true });
  let ctx = freshContext(tree);
  progress.step('rendering charts with Helm');
  const h = await hydrateContext(root, ctx, tree.config, { ...opts, lock: 'record' });
  const keyTables = keyTableFallback(tree, h.tree);
  if (hasErrors(h.diagnostics)) throw new GeneratorError(sortDiagnostics([...h.diagnostics, ...keyTables]));
  const records = nextRecords(ctx, h, tree.config.renders);
  if (!sameRecords(records, tree.config.renders)) {
    tree = await buildTree(root, { renders: records, progress, deferKeyTables: true });
    ctx = freshContext(tree);
  }
  ctx.render = { ...h.tree, records, recordPositions: new Map() };
  const started = performance.now();
  const lint = runLint(ctx, RENDERED_RULES);
  const rulesMs = performance.now() - started;
  const diagnostics = sortDiagnostics([...tree.diagnostics, ...h.diagnostics, ...keyTables, ...lint]);
  if (hasErrors(diagnostics)) throw new GeneratorError(diagnostics);

  const hydrated = tree.config.rootConfig.render.hydrate ? renderedFiles(root, ctx, tree.config, h) : [];
  // The lock first: if the tree write fails, a plain generate rebuilds manifests/ from these records.
  const lock = await recordLock(root, h.charts, records);
  if (hasErrors(lock.diagnostics)) throw new GeneratorError(lock.diagnostics);
  progress.step('writing manifests/');
  const result = writeTree(root, [...tree.files, ...hydrated], { ...opts, roots: [MANIFESTS_DIR, RENDERED_DIR] });
  const notes = [...h.notes, ...(lock.written ? [`charts.lock.yaml: ${records.size} render record(s)${lock.added.length ? `, ${lock.added.length} chart digest(s) added` : ''}`] : [])];
  return { ...result, tree, diagnostics, cached: false, notes, timings: { renderMs: h.renderMs, rulesMs } };
}

export interface CheckResult {
  tree?: BuiltTree;
  diagnostics: Diagnostic[];
  /** One-off remarks, e.g. that kubeconform was not found and the built-in validator ran alone. */
  notes: string[];
  /** With --render: wall time of the Helm renders and of the rules on the rendered objects. */
  timings?: RenderTimings;
  /** With --render: the charts of the committed tree as rendered (argv, objects, records). */
  render?: RenderedTree<ArgoApp>;
}

/**
 * What CI runs: config validation, a fresh render compared with manifests/ on disk, and every
 * `$values/...` and directory path of the emitted Applications resolved against the tree. With
 * `render`, every chart of the committed tree is rendered with Helm too and the rules on rendered
 * objects run, the render records are checked, and `rendered/` is compared.
 */
export async function check(root: string, opts: RenderOptions & { progress?: Progress } = {}): Promise<CheckResult> {
  const progress = opts.progress ?? NO_PROGRESS;
  const tree = await buildTree(root, { progress, deferKeyTables: opts.render !== undefined && opts.render !== false });
  progress.step('comparing with manifests/');
  // Writes nothing, yet never reports on a tree a running generate is half-way through replacing:
  // the snapshot refuses a live lock, and everything read from manifests/ comes from it. Should the
  // tree change before the last reader (kubeconform) is done, the whole check runs again.
  for (let attempt = 0; ; attempt++) {
    const snapshot = readTreeSnapshot(root);
    const result = await checkSnapshot(root, tree, snapshot, opts, progress);
    if (snapshot.unchanged()) return result;
    if (attempt === 2) throw new TreeChangedError();
  }
}

async function checkSnapshot(root: string, tree: BuiltTree, snapshot: TreeSnapshot, opts: RenderOptions, progress: Progress): Promise<CheckResult> {
  const onDisk = snapshot.files;
  // Lint what is committed (what Argo CD will read), in place of the fresh render's findings.
  const ctx = createLintContext({ plan: tree.plan, rendered: tree.rendered, files: onDisk, fresh: tree.files });
  const rendered: Diagnostic[] = [];
  const notes: string[] = [];
  let timings: RenderTimings | undefined;
  const hydrateOn = tree.config.rootConfig.render.hydrate;
  if (opts.render) {
    progress.step('rendering charts with Helm');
    const { hydrateContext, keyTableFallback, renderedFiles } = await helmHalf();
    const h = await hydrateContext(root, ctx, tree.config, { ...opts, lock: 'verify' });
    ctx.render = h.tree;
    rendered.push(...h.diagnostics, ...keyTableFallback(tree, h.tree));
    notes.push(...h.notes);
    if (hydrateOn || hasRenderedDir(root)) {
      const expected = hydrateOn ? renderedFiles(root, ctx, tree.config, h) : [];
      rendered.push(...compareTree(readTreeFiles(root, RENDERED_DIR), expected, { command: RENDER_COMMAND }));
    }
    timings = { renderMs: h.renderMs, rulesMs: 0 };
  } else if (hydrateOn || hasRenderedDir(root)) {
    notes.push(`${RENDERED_DIR}/ was not compared: only \`check --render\` renders the charts it is made from`);
  }
  const lint = runLint(ctx, RULES.filter((r) => !RENDERED_RULES.includes(r as (typeof RENDERED_RULES)[number])));
  const started = performance.now();
  if (ctx.render) lint.push(...runLint(ctx, RENDERED_RULES));
  if (timings) timings.rulesMs = performance.now() - started;
  const diagnostics = [
    ...snapshot.diagnostics,
    ...tree.diagnostics.filter((d) => !d.code.startsWith('lint/')),
    ...lint,
    ...rendered,
    ...compareTree(onDisk, tree.files),
    ...unmanagedFiles(onDisk, tree.files, tree.rendered, tree.config.rootConfig.repo.url),
    ...checkSourcePaths(snapshot, tree),
    ...checkDiskFiles(tree, onDisk),
  ];
  const kc = await runKubeconformOnTree(root, tree, onDisk);
  diagnostics.push(...kc.diagnostics);
  return { tree, diagnostics: sortDiagnostics(diagnostics), notes: [...notes, ...kc.notes], ...(timings ? { timings } : {}), ...(ctx.render ? { render: ctx.render as RenderedTree<ArgoApp> } : {}) };
}

/** `charts pull`: every chart the tree deploys into the cache, charts.lock.yaml pinned to exactly those. */
export async function chartsPull(root: string, opts: ChartsCommandOptions = {}): Promise<PullChartsResult> {
  const tree = await buildTree(root);
  const { freshContext, pullTreeCharts } = await helmHalf();
  return pullTreeCharts(root, tree.config, freshContext(tree), opts);
}

/** `charts list`: every chart the tree deploys, and whether its cached archive matches the lock. */
export async function chartsList(root: string, opts: ChartsCommandOptions = {}): Promise<ListChartsResult> {
  const tree = await buildTree(root);
  const { freshContext, listTreeCharts } = await helmHalf();
  return listTreeCharts(root, freshContext(tree), opts);
}

/**
 * The tree Argo CD will apply is the one on disk: every manifest file there that is not exactly
 * the fresh render (hand-written, hand-edited or stale) gets the same schema check, so a broken
 * committed file is named for what is wrong with it, not only as drift.
 */
function checkDiskFiles(tree: BuiltTree, onDisk: OutputFile[]): Diagnostic[] {
  const rendered = new Map(tree.files.map((f) => [f.path, f.content]));
  const files = onDisk.filter((f) => isManifestPath(f.path) && rendered.get(f.path) !== f.content).map((f) => ({ path: f.path, text: f.content }));
  if (files.length === 0) return [];
  return schemaValidator(tree.config.rootConfig.allowKinds).validateFiles(files).diagnostics;
}

/**
 * A second opinion from kubeconform when it is installed (PATH or $KUBECONFORM), against the same
 * schemas/k8s folder; kinds allowed without schema are skipped there too.
 */
async function runKubeconformOnTree(root: string, tree: BuiltTree, onDisk: OutputFile[]): Promise<{ diagnostics: Diagnostic[]; notes: string[] }> {
  const files = onDisk.map((f) => f.path).filter(isManifestPath);
  const r = await runKubeconform({ files, schemaDir: K8S_SCHEMA_DIR, cwd: root, skipKinds: tree.config.rootConfig.allowKinds, locate: kubeconformLocator(onDisk) });
  const notes = r.note ? [r.note] : r.ran ? [`kubeconform ${r.version ?? ''} checked ${files.length} files`.replace('  ', ' ')] : [];
  return { diagnostics: r.diagnostics, notes };
}

/** Every path an Application or ApplicationSet points Argo CD at must exist in the committed tree. */
export function checkSourcePaths(snapshot: Pick<TreeSnapshot, 'files' | 'dirs'>, tree: BuiltTree): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const files = new Set(snapshot.files.map((f) => f.path));
  const exists = (p: string) => files.has(p) || snapshot.dirs.has(p.replace(/\/+$/, ''));
  for (const r of tree.rendered.instances) {
    const paths = [...(r.valuesPath ? [r.valuesPath] : []), ...(r.resourcesPath ? [r.resourcesPath] : [])];
    for (const p of paths) {
      if (!exists(p)) {
        diags.push({
          severity: 'error',
          code: 'check/missing-source-path',
          file: r.applicationPath,
          message: `Application ${r.application.metadata.name} points Argo CD at ${p}, which is not in the committed tree`,
          hint: 'run `npm run generate` and commit manifests/',
        });
      }
    }
  }
  return diags;
}
