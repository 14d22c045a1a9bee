import { existsSync } from 'node:fs';
import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { glob } from 'glob';
import { minimatch } from 'minimatch';
import { isMap } from 'yaml';
import { GeneratorError, type Diagnostic } from '../model/diagnostics.js';
import { deepMerge } from '../core/merge.js';
import { yamlErrorDiagnostic } from '../core/yaml-errors.js';
import { locate, parseSourceDocuments, positionOf, significantErrors } from '../core/yaml-source.js';
import type { SourceDocument } from '../model/source.js';
import { defaultSettings, defaultSync } from '../model/defaults.js';
import { APPS_DIR, CLUSTER_FILE, HELM_RELEASE_MAX, NAME_RE, VALUES_DIR } from '../model/files.js';
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
import { readInput } from './read-input.js';
import type { LoadedConfig } from './types.js';
import { validateConfigDocument, type ConfigSchemaName } from './validate-config.js';

/**
 * Read `cluster.yaml`, `apps/**\/*.yaml` and every referenced template; validate each against its
 * schema. Collects all problems before failing so one run shows everything to fix.
 */
export async function loadConfig(root: string): Promise<LoadedConfig> {
  const diags: Diagnostic[] = [];
  const sources = new Map<string, SourceDocument>();
  const inputs: string[] = [];
  // One listing of the inputs and one realpath of the root per run: with thousands of apps the
  // per-file globbing and path resolution would dominate the run.
  const realRoot = await realpath(root);
  const listing = (await glob([`${APPS_DIR}/**/*.{yaml,yml}`, `${VALUES_DIR}/**`], { cwd: root, posix: true, nodir: true, dot: true, follow: false })).sort();
  const valueFiles = listing.filter((f) => f.startsWith(`${VALUES_DIR}/`));
  const ctx: LoadContext = { root, realRoot, valueFiles, valueFileSet: new Set(valueFiles) };

  // A .yml template would be silently ignored (the defaults look for .yaml): refuse it.
  for (const f of valueFiles.filter((v) => v.endsWith('.yml'))) {
    diags.push({ severity: 'error', code: 'config/file-name', file: f, message: "templates must end in '.yaml'", hint: `rename it to ${f.replace(/\.yml$/, '.yaml')}` });
  }
  const clusterText = await readConfigText(ctx, CLUSTER_FILE, diags);
  const clusterRaw = clusterText === undefined ? undefined : parseYamlConfig(CLUSTER_FILE, clusterText, 'cluster', diags, sources);
  if (clusterRaw !== undefined) inputs.push(CLUSTER_FILE);

  const appFiles = listing.filter((f) => f.startsWith(`${APPS_DIR}/`));
  const byName = new Map<string, string>();
  const wanted: { file: string; name: string }[] = [];
  for (const file of appFiles) {
    if (file.endsWith('.yml')) {
      diags.push({ severity: 'error', code: 'config/file-name', file, message: "app files must end in '.yaml'", hint: `rename it to ${file.replace(/\.yml$/, '.yaml')}` });
      continue;
    }
    const name = path.posix.basename(file, '.yaml');
    if (!NAME_RE.test(name)) {
      diags.push({
        severity: 'error',
        code: 'config/app-name',
        file,
        message: `app name '${name}' (from the file name) is not a valid Kubernetes name`,
        hint: 'use lower-case letters, digits and "-", start and end with a letter or digit, at most 63 characters',
      });
      continue;
    }
    if (name.length > HELM_RELEASE_MAX) {
      diags.push({
        severity: 'error',
        code: 'config/app-name',
        file,
        message: `app name '${name}' is ${name.length} characters; it is also the Helm release name, which Helm limits to ${HELM_RELEASE_MAX}`,
        hint: 'use a shorter file name',
      });
      continue;
    }
    const other = byName.get(name);
    if (other) {
      diags.push({ severity: 'error', code: 'config/duplicate-app', file, message: `app '${name}' is defined twice: in ${other} and in ${file}`, hint: 'app names come from file names and must be unique across apps/' });
      continue;
    }
    byName.set(name, file);
    wanted.push({ file, name });
  }
  // Read concurrently, then parse and check in file order so messages come out in a stable order.
  const texts = await Promise.all(wanted.map((w) => readConfigText(ctx, w.file, diags)));
  const apps: AppConfig[] = [];
  wanted.forEach(({ file, name }, i) => {
    const text = texts[i];
    if (text === undefined) return;
    const raw = parseYamlConfig(file, text, 'app', diags, sources);
    if (raw === undefined) return;
    inputs.push(file);
    apps.push(toAppConfig(ctx, name, file, raw as RawApp, diags));
  });

  if (clusterRaw === undefined || diags.some((d) => d.severity === 'error')) throw new GeneratorError(sortByFile(locate(diags, sources)));
  const rootConfig = toRootConfig(clusterRaw as RawCluster, diags, sources.get(CLUSTER_FILE)!);
  if (diags.some((d) => d.severity === 'error')) throw new GeneratorError(locate(diags, sources));

  const templates = new Map<string, string>();
  const templateFiles = [...new Set(apps.flatMap((a) => [...(a.values ? [a.values] : []), ...a.resources]))];
  const read = await Promise.all(templateFiles.map((t) => readInput(root, t, realRoot)));
  templateFiles.forEach((t, i) => {
    const r = read[i]!;
    if (!r.ok) diags.push(r.diagnostic);
    else {
      templates.set(t, r.text);
      inputs.push(t);
    }
  });
  if (diags.some((d) => d.severity === 'error')) throw new GeneratorError(diags);
  return { root, rootConfig, apps, inputs: [...new Set(inputs)].sort(), templates, sources };
}

interface LoadContext {
  root: string;
  realRoot: string;
  /** Every file under values/, sorted. */
  valueFiles: string[];
  valueFileSet: ReadonlySet<string>;
}

/**
 * The files of a sorted listing that match a glob. Only the range sharing the pattern's literal
 * prefix is tested, so thousands of apps each with their own pattern stay linear, not quadratic.
 */
export function filesMatching(sorted: readonly string[], pattern: string): string[] {
  const magic = pattern.search(/[*?[\]{}()!+@]/);
  const prefix = magic < 0 ? pattern : pattern.slice(0, pattern.lastIndexOf('/', magic) + 1);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) if (minimatch(sorted[i]!, pattern)) out.push(sorted[i]!);
  return out;
}

/** Diagnostics from concurrent reads arrive in completion order; report them in file order. */
function sortByFile(diags: Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0));
}

async function readConfigText(ctx: LoadContext, file: string, diags: Diagnostic[]): Promise<string | undefined> {
  if (!existsSync(path.join(ctx.root, file))) {
    const yml = file.replace(/\.yaml$/, '.yml');
    const hint = existsSync(path.join(ctx.root, yml)) ? `rename ${yml} to ${file}` : `create ${file} at the repository root (see README: Config)`;
    diags.push({ severity: 'error', code: 'input/missing', file, message: 'file not found', hint });
    return undefined;
  }
  const r = await readInput(ctx.root, file, ctx.realRoot);
  if (!r.ok) {
    diags.push(r.diagnostic);
    return undefined;
  }
  return r.text;
}

/** Parse (one document, no duplicate keys) and schema-check one config file. */
function parseYamlConfig(file: string, text: string, schema: ConfigSchemaName, diags: Diagnostic[], sources: Map<string, SourceDocument>): unknown {
  const docs = parseSourceDocuments(file, text);
  const real = docs.filter((d) => d.doc.contents !== null || d.doc.errors.length > 0);
  if (real.length === 0) {
    diags.push({ severity: 'error', code: 'config/empty', file, line: 1, col: 1, message: 'file is empty', hint: schema === 'app' ? 'an app needs at least a chart or resources; delete the file to remove the app' : 'see README: Config for a minimal cluster.yaml' });
    return undefined;
  }
  if (real.length > 1) {
    const pos = positionOf(real[1]!, '');
    diags.push({ severity: 'error', code: 'config/multiple-documents', file, ...pos, message: 'holds more than one YAML document; a config file is one document' });
    return undefined;
  }
  const src = real[0]!;
  if (src.doc.errors.length > 0) {
    for (const e of significantErrors(src.doc.errors)) diags.push(yamlErrorDiagnostic(file, e, text));
    return undefined;
  }
  if (!isMap(src.doc.contents)) {
    diags.push({ severity: 'error', code: 'config/wrong-type', file, ...positionOf(src, ''), pointer: '', message: 'must be a YAML mapping (key: value pairs)' });
    return undefined;
  }
  sources.set(file, src);
  let value: unknown;
  try {
    value = src.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // e.g. an alias bomb: "Excessive alias count indicates a resource exhaustion attack"
    diags.push({ severity: 'error', code: 'config/yaml-syntax', file, line: 1, col: 1, message: `cannot be read: ${(e as Error).message}`, hint: 'YAML aliases may be used at most 100 times per document' });
    return undefined;
  }
  const errs = validateConfigDocument(schema, src, value);
  if (errs.length) {
    diags.push(...errs);
    return undefined;
  }
  return value;
}

interface RawCluster {
  repo: { url: string; targetRevision?: string };
  argocd?: Partial<ArgoCDConfig>;
  validation?: { allowKinds?: string[] };
  defaults?: Record<string, unknown>;
  clusters: { name: string; server?: string; destinationName?: string; labels?: Record<string, string>; settings?: ClusterSettingsInput }[];
}

function toRootConfig(raw: RawCluster, diags: Diagnostic[], src: SourceDocument): RootConfig {
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
  };
}

interface RawApp {
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

function toAppConfig(ctx: LoadContext, name: string, file: string, raw: RawApp, diags: Diagnostic[]): AppConfig {
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
    ignoreDifferences: raw.ignoreDifferences ?? [],
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
