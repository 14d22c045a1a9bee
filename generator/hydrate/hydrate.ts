/**
 * Renders every Helm chart of the tree as Argo CD's repo-server would: charts from the cache
 * (pulled when missing and reachable), each app twice (for the convergence rule), in parallel up to
 * the core count, with the cluster's API versions plus every CRD version the tree holds. A chart
 * whose templates read `.Capabilities.APIVersions` is rendered again when the charts' own CRDs grow
 * that set, until it is steady, so what is checked is what Argo CD renders once the CRDs are in.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { cacheDirOf, chartKey, describeChart, PULL_COMMAND, pullCharts, readLockFile, type MirrorMap } from '../charts/index.js';
import { kubeMinor } from '../core/kube-version.js';
import { findHelm, HELM_INSTALL_HINT, runHelm, type Helm } from '../helm/index.js';
import { builtInApiVersions } from '../model/api-versions.js';
import type { ChartRef } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { CHARTS_LOCK_FILE } from '../model/files.js';
import { recordKey, type RenderRecords } from '../model/renders.js';
import { ChartArchiveError, readChartArchive } from './chart-archive.js';
import { addCrds, crdApiVersions, scopeIn } from './crds.js';
import { factsOf } from './facts.js';
import { helmArgs, type HelmArgs } from './helm-args.js';
import { renderQueue } from './render-queue.js';
import { helmFailureDiagnostics } from './helm-errors.js';
import { placeObjects, type ParsedObject } from './helm-output.js';
import { helmTargets, type Target } from './targets.js';
import type { ChartArchive, CrdFact, HydrateBlame, HydratedApp, HydrateResult, HydrateSubject, SkippedApp, Where } from './types.js';

/** How often a render of a chart reading `.Capabilities.APIVersions` is made again as the CRD set grows. */
const MAX_REDO = 4;

export interface HydrateOptions {
  /** Project root: charts.lock.yaml and, by default, the cache are here. */
  root: string;
  env?: NodeJS.ProcessEnv;
  /** `all`: an app that cannot be rendered is an error; `available`: it is skipped with a note. */
  mode: 'all' | 'available';
  /**
   * `verify` (check): a chart the lock does not pin is an error, and the lock is never written;
   * `record` (generate): such charts are returned in `charts` for the caller to pin.
   */
  lock: 'verify' | 'record';
  mirrors?: MirrorMap;
  /** The tree being checked (committed for check, fresh for generate), by repository path. */
  files: ReadonlyMap<string, string>;
  /** The config repository's URL (`$values` sources of it are read from `files`). */
  repoURL: string;
  /** Objects of the tree per cluster ('' for objects of no cluster), for their CRDs. */
  treeObjects: ReadonlyMap<string, readonly { data: unknown; file: string }[]>;
  /** The cluster's `settings.kubernetesVersion`. */
  kubeVersionOf(cluster: string | undefined): string;
  /** Records as charts.lock.yaml holds them now, and where each one is in it. */
  records: RenderRecords;
  recordPositions?: ReadonlyMap<string, { line: number; col: number }>;
  blame?: HydrateBlame;
  concurrency?: number;
  /** Defaults to findHelm({ env, root }). */
  helm?: Helm;
  cacheDir?: string;
}

interface Job<A extends HydrateSubject> {
  target: Target<A>;
  cluster: string;
  archive: ChartArchive;
  archiveFile: string;
  scratch: string;
  args?: Extract<HelmArgs, { ok: true }>;
  apiVersions: string[];
  renders: [ParsedObject[], ParsedObject[]] | undefined;
}

export async function hydrate<A extends HydrateSubject>(subjects: readonly A[], opts: HydrateOptions): Promise<HydrateResult<A>> {
  const env = opts.env ?? process.env;
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const skipped: SkippedApp<A>[] = [];
  const blame = opts.blame ?? defaultBlame;
  const { targets, unrenderable } = helmTargets(subjects);
  for (const u of unrenderable) skipped.push({ app: u.subject, ...(u.chart ? { chart: u.chart } : {}), reason: u.reason });
  const emptyTree = () => tree<A>([], skipped, new Map(), opts);
  const result = (partial: Partial<HydrateResult<A>> = {}): HydrateResult<A> => ({ tree: emptyTree(), diagnostics, notes, charts: [], renderMs: 0, ...partial });
  if (targets.length === 0) return result();

  // Helm first: without it nothing renders (a cached chart needs no Helm to be verified, but to be rendered).
  const found = opts.helm !== undefined ? { helm: opts.helm, diagnostics: [] } : await findHelm({ env, root: opts.root });
  const helm = found.helm;
  if (helm === undefined) {
    const reason = found.diagnostics.map((d) => d.message).join('; ') || 'Helm not found';
    for (const t of targets) skipFor(t, `Helm 4 is needed to render it: ${reason}`, HELM_INSTALL_HINT);
    return result();
  }
  notes.push(`helm ${helm.version} (${helm.binary}, found via ${helm.via})`);

  // The charts: verified in the cache, pulled when missing (never written to the lock here).
  const refs = distinct(targets.map((t) => t.chart));
  const pull = await pullCharts(refs, { root: opts.root, env, helm, ...(opts.mirrors ? { mirrors: opts.mirrors } : {}), writeLock: false, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
  const pulled = new Map(pull.charts.map((c) => [chartKey(c), c]));
  const failedCharts = new Set(pull.charts.filter((c) => c.action === 'failed').map(chartKey));
  if (opts.mode === 'available') {
    for (const d of pull.diagnostics) if (d.severity === 'error') notes.push(`skipped: ${d.message}`);
    diagnostics.push(...pull.diagnostics.filter((d) => d.severity !== 'error'));
  } else diagnostics.push(...pull.diagnostics);
  const locked = await lockedKeys(opts.root);
  const verified: (ChartRef & { digest: string })[] = [];
  for (const c of pull.charts) {
    if (c.digest === undefined) continue;
    if (!locked.has(chartKey(c)) && opts.lock === 'verify') {
      diagnostics.push({
        severity: 'error',
        code: 'charts/not-locked',
        file: CHARTS_LOCK_FILE,
        message: `${describeChart(c)} is not pinned in ${CHARTS_LOCK_FILE}; a check never changes the lock`,
        hint: `run \`${PULL_COMMAND}\` (or \`gitops-generator generate --render\`) and commit ${CHARTS_LOCK_FILE}`,
      });
    }
    verified.push({ repoURL: c.repoURL, name: c.name, version: c.version, digest: c.digest });
  }

  const cacheDir = opts.cacheDir ?? cacheDirOf({ root: opts.root, env });
  const scratchRoot = path.join(cacheDir, 'hydrate', `run-${process.pid}-${randomUUID().slice(0, 8)}`);
  const jobs: Job<A>[] = [];
  const archives = new Map<string, ChartArchive>();
  try {
    for (const [i, t] of targets.entries()) {
      const key = chartKey(t.chart);
      const c = pulled.get(key);
      if (c === undefined || failedCharts.has(key) || c.file === undefined) {
        skipFor(t, `${describeChart(t.chart)} is neither in the chart cache nor reachable`, `run \`${PULL_COMMAND}\` where ${t.chart.repoURL} (or a mirror of it) is reachable, then run again`);
        continue;
      }
      let archive = archives.get(key);
      if (!archive) {
        try {
          archive = await readChartArchive(c.file, c.digest);
        } catch (e) {
          if (!(e instanceof ChartArchiveError)) throw e;
          diagnostics.push({ severity: 'error', code: 'rendered/bad-archive', ...blame.chart(t.subject, t.sourceIndex), message: `${describeChart(t.chart)}: ${e.message}`, hint: 'check the chart repository serves the archive Helm packaged' });
          continue;
        }
        archives.set(key, archive);
      }
      jobs.push({ target: t, cluster: t.subject.cluster ?? '', archive, archiveFile: c.file, scratch: path.join(scratchRoot, String(i)), apiVersions: [], renders: undefined });
    }

    // CRDs per cluster: the tree's own, then every chart's crds/ folder, before the first render.
    const crds = new Map<string, Map<string, CrdFact>>();
    const crdsOf = (cluster: string) => {
      let m = crds.get(cluster);
      if (!m) crds.set(cluster, (m = new Map()));
      return m;
    };
    for (const [cluster, objects] of opts.treeObjects) addCrds(crdsOf(cluster), objects.map((o) => ({ data: o.data, from: o.file })));
    for (const j of jobs) addCrds(crdsOf(j.cluster), chartCrds(j.archive));

    // Value files and command lines, once per job; the API versions go in when each render starts.
    const ready: Job<A>[] = [];
    for (const j of jobs) {
      const args = await helmArgs({
        subject: j.target.subject,
        sourceIndex: j.target.sourceIndex,
        archiveFile: j.archiveFile,
        chartName: j.archive.name,
        kubeVersion: opts.kubeVersionOf(j.target.subject.cluster),
        apiVersions: [],
        repoURL: opts.repoURL,
        files: opts.files,
        scratch: j.scratch,
      });
      if (!args.ok) {
        diagnostics.push({ severity: 'error', code: 'rendered/not-rendered', ...blame.chart(j.target.subject, j.target.sourceIndex), message: `${describeChart(j.target.chart)} of ${j.target.subject.name} was not rendered: ${args.reason}`, hint: 'only value files of this repository (as $<ref>/path) or inside the chart can be rendered here' });
        continue;
      }
      j.args = args;
      ready.push(j);
    }
    const minorOf = (cluster: string) => kubeMinor(opts.kubeVersionOf(cluster === '' ? undefined : cluster)) ?? 0;
    const start = performance.now();
    const outcomes = await renderQueue(
      ready.map((j) => ({ job: j, cluster: j.cluster, sensitive: j.archive.usesApiVersions && !j.args!.pinnedApiVersions, argvFor: j.args!.argvFor })),
      {
        limit: opts.concurrency ?? availableParallelism(),
        apiVersionsOf: (cluster) => [...new Set([...builtInApiVersions(minorOf(cluster)), ...crdApiVersions(crdsOf(cluster))])].sort(),
        // CRDs the templates rendered: the steady state has them installed.
        learn: (q, parsed) => addCrds(crdsOf(q.cluster), parsed.objects.filter((o) => !o.template.includes('/crds/')).map((o) => ({ data: o.data, from: o.template }))),
        run: (argv) => runHelm(helm, argv, { cacheDir, env }),
        maxRedo: MAX_REDO,
      },
    );
    ready.forEach((j, i) => {
      const [first, second] = outcomes[i]!;
      j.apiVersions = first.apiVersions;
      j.args = { ...j.args!, argv: j.args!.argvFor(first.apiVersions) };
      const failed = [first, second].find((o) => !o.run.ok);
      if (failed) {
        diagnostics.push(...helmFailureDiagnostics({ subject: j.target.subject, sourceIndex: j.target.sourceIndex, archive: j.archive, command: failed.run.command, stderr: failed.run.stderr, reason: failed.run.reason }, blame));
        return;
      }
      for (const p of first.parsed!.problems) {
        diagnostics.push({ severity: 'error', code: 'rendered/bad-output', ...blame.chart(j.target.subject, j.target.sourceIndex), message: `chart ${j.archive.name} ${j.archive.version} for ${j.target.subject.name}: ${p.template}: ${p.message}`, hint: 'Argo CD would fail to sync this; fix the values or the chart' });
      }
      j.renders = [first.parsed!.objects, second.parsed!.objects];
    });
    const renderMs = performance.now() - start;

    const all = new Map<string, CrdFact>();
    for (const m of crds.values()) for (const [k, f] of m) if (!all.has(k)) all.set(k, f);
    const scopeOf = (group: string, kind: string) => scopeIn(all, group, kind);
    const apps: HydratedApp<A>[] = [];
    for (const j of jobs) {
      if (!j.renders || !j.args) continue;
      const { subject } = j.target;
      apps.push({
        app: subject,
        sourceIndex: j.target.sourceIndex,
        chart: j.target.chart,
        archive: j.archive,
        archiveFile: j.archiveFile,
        argv: j.args.argv,
        releaseName: j.args.releaseName,
        namespace: j.args.namespace,
        apiVersions: j.apiVersions,
        objects: placeObjects(j.renders[0], j.args.namespace, scopeOf),
        second: placeObjects(j.renders[1], j.args.namespace, scopeOf),
        valuesDigest: j.args.valuesDigest,
        ...(subject.app !== undefined && subject.cluster !== undefined ? { key: recordKey(subject.cluster, subject.app) } : {}),
      });
    }
    return result({ tree: tree(apps, skipped, all, opts), charts: verified, renderMs });
  } finally {
    await rm(scratchRoot, { recursive: true, force: true });
  }

  function skipFor(t: Target<A>, reason: string, hint: string): void {
    skipped.push({ app: t.subject, chart: t.chart, reason });
    const what = `${describeChart(t.chart)} of ${t.subject.name} was not rendered: ${reason}`;
    if (opts.mode === 'available') notes.push(`skipped: ${what}`);
    else diagnostics.push({ severity: 'error', code: 'rendered/not-rendered', ...blame.chart(t.subject, t.sourceIndex), message: what, hint });
  }
}

/** The CRD files of a chart and its subcharts (Helm installs them all with --include-crds). */
function chartCrds(a: ChartArchive): { data: unknown; from: string }[] {
  return [...a.crds.flatMap((f) => f.objects.map((data) => ({ data, from: f.path }))), ...a.subcharts.flatMap(chartCrds)];
}

function tree<A extends HydrateSubject>(apps: HydratedApp<A>[], skipped: SkippedApp<A>[], crds: Map<string, CrdFact>, opts: HydrateOptions): HydrateResult<A>['tree'] {
  return { apps, skipped, crds, records: opts.records, recordPositions: opts.recordPositions ?? new Map(), facts: factsOf(apps), scopeOf: (g, k) => scopeIn(crds, g, k) };
}

async function lockedKeys(root: string): Promise<Set<string>> {
  const lock = await readLockFile(root);
  return new Set(lock.entries.keys());
}

function distinct(refs: ChartRef[]): ChartRef[] {
  const m = new Map<string, ChartRef>();
  for (const r of refs) if (!m.has(chartKey(r))) m.set(chartKey(r), r);
  return [...m.values()];
}

/** Without a caller's blame: the Application's own file and the Helm source in it. */
const defaultBlame: HydrateBlame = {
  value: () => undefined,
  chart: (s, i): Where => ({ file: s.object.file, ...(s.object.index > 1 ? { document: s.object.index } : {}), pointer: `${s.sources[i]?.pointer ?? s.specPointer}/chart` }),
};

