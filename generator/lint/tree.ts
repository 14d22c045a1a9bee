import { parse } from 'yaml';
import { deepMerge, isPlainObject } from '../core/merge.js';
import { encodePointer } from '../model/source.js';
import type { AppConfig } from '../model/config.js';
import type { AppInstance } from '../plan/types.js';
import { LABEL_APP, LABEL_CLUSTER, SYNC_WAVE } from '../model/labels.js';
import { globMatch } from './glob.js';
import { coveredBy, healthChecksIn } from './kinds.js';
import type { LintContext, LintDocument } from './types.js';

export type Obj = Record<string, unknown>;

/** A document that is a Kubernetes object, with its identity pulled out. */
export interface TreeObject extends LintDocument {
  data: Obj;
  apiVersion: string;
  group: string;
  kind: string;
  name: string;
  /** `metadata.namespace` as written (the deploying Application's namespace applies otherwise). */
  namespace?: string;
}

export interface AppSource {
  source: Obj;
  /** JSON pointer of the source inside its file. */
  pointer: string;
}

/**
 * One Application as Argo CD will see it: an Application object, or one Application an
 * ApplicationSet list generator will generate (its template with the element's fields filled in).
 */
export interface ArgoApp {
  kind: 'Application' | 'ApplicationSet';
  /** The Application or ApplicationSet object. */
  object: TreeObject;
  /** Name of the Application (generated name for a set element). */
  name: string;
  /** The app in config (`gitops.generator/app` label), if any. */
  app?: string;
  cluster?: string;
  /** 0-based list element of the ApplicationSet. */
  element?: number;
  /** Pointer of the Application spec in the file: `/spec` or `/spec/template/spec`. */
  specPointer: string;
  spec: Obj;
  /** Sync wave in the parent app (the set's own annotation for a set element). */
  wave: number;
  /** The annotation text when it is not an integer. */
  badWave?: string;
  /** Template fields an element does not define (`missingkey=error` would fail on them). */
  unresolved: string[];
  sources: AppSource[];
  destinationNamespace?: string;
  /** First Helm chart among the sources. */
  chart?: string;
  /** Helm values: every `$values` file in the tree, then inline values and parameters. */
  values: Obj;
  /** Tree paths of the `$values` files that exist. */
  valueFiles: string[];
  /** Objects its directory sources deploy. */
  deployed: TreeObject[];
}

export interface LintTree {
  /** The config's git repository: only its paths can be resolved against the tree. */
  repoURL: string;
  paths: ReadonlySet<string>;
  /** Every directory that holds at least one file. */
  dirs: ReadonlySet<string>;
  objects: TreeObject[];
  apps: ArgoApp[];
  /** `group/kind` patterns argocd-cm in the tree has a health check for. */
  healthChecks: string[];
  /** Apps deploying each object. */
  deployers: Map<TreeObject, ArgoApp[]>;
}

const cache = new WeakMap<LintContext, LintTree>();

/** The tree's model, computed once per context. */
export function treeOf(ctx: LintContext): LintTree {
  let t = cache.get(ctx);
  if (!t) cache.set(ctx, (t = buildTree(ctx)));
  return t;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function obj(v: unknown): Obj {
  return isPlainObject(v) ? v : {};
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

export function groupOfApiVersion(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

export function asObject(d: LintDocument): TreeObject | undefined {
  if (!isPlainObject(d.data)) return undefined;
  const apiVersion = str(d.data['apiVersion']);
  const kind = str(d.data['kind']);
  const md = obj(d.data['metadata']);
  const name = str(md['name']);
  if (!apiVersion || !kind || name === undefined) return undefined;
  const namespace = str(md['namespace']);
  return { ...d, data: d.data, apiVersion, group: groupOfApiVersion(apiVersion), kind, name, ...(namespace !== undefined ? { namespace } : {}) };
}

export function labelsOf(o: TreeObject): Record<string, string> {
  return stringMap(obj(o.data['metadata'])['labels']);
}

export function annotationsOf(o: TreeObject): Record<string, string> {
  return stringMap(obj(o.data['metadata'])['annotations']);
}

/** Argo CD's rule: no annotation is wave 0. */
export function waveOf(o: TreeObject): { wave: number; bad?: string } {
  const text = annotationsOf(o)[SYNC_WAVE];
  if (text === undefined) return { wave: 0 };
  return /^\s*[-+]?\d+\s*$/.test(text) ? { wave: Number(text) } : { wave: 0, bad: text };
}

export function wavePointer(): string {
  return encodePointer(['metadata', 'annotations', SYNC_WAVE]);
}

/** Repository paths as Argo CD joins them: no `./`, no leading or trailing `/`. */
export function normalisePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** Git URLs compare equal with or without `.git`, a trailing slash or a different case. */
export function sameRepo(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const n = (u: string) => u.trim().replace(/\/+$/, '').replace(/\.git$/, '').toLowerCase();
  return n(a) === n(b);
}

/** The namespace an object lands in: its own, or the deploying Application's destination. */
export function namespaceIn(o: TreeObject, by: ArgoApp | undefined): string | undefined {
  return o.namespace ?? by?.destinationNamespace;
}

export function appConfig(ctx: LintContext, name: string | undefined): AppConfig | undefined {
  return name === undefined ? undefined : ctx.plan.config.apps.find((a) => a.name === name);
}

export function planInstance(ctx: LintContext, app: string | undefined, cluster: string | undefined): AppInstance | undefined {
  if (app === undefined || cluster === undefined) return undefined;
  return ctx.plan.apps.find((p) => p.app.name === app)?.instances.find((i) => i.cluster.name === cluster);
}

/** Apps on a cluster, by app name. */
export function appsOn(t: LintTree, cluster: string | undefined): ArgoApp[] {
  return t.apps.filter((a) => a.cluster === cluster);
}

export function hasHealthCheck(t: LintTree, group: string, kind: string): boolean {
  return coveredBy(t.healthChecks, group, kind);
}

function buildTree(ctx: LintContext): LintTree {
  const repoURL = ctx.plan.config.rootConfig.repo.url;
  const paths = new Set(ctx.files.map((f) => f.path));
  const dirs = new Set<string>();
  for (const p of paths) {
    const segs = p.split('/');
    for (let i = 1; i < segs.length; i++) dirs.add(segs.slice(0, i).join('/'));
  }
  const objects = ctx.documents.map(asObject).filter((o): o is TreeObject => o !== undefined);
  // Sorted by file so each app's directory is a binary-searched range, not a scan of the tree.
  const byFile = [...objects].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  const firstDoc = new Map<string, unknown>();
  for (const d of ctx.documents) if (!firstDoc.has(d.file)) firstDoc.set(d.file, d.data);

  const apps: ArgoApp[] = [];
  for (const o of objects) {
    if (o.group !== 'argoproj.io') continue;
    if (o.kind === 'Application') apps.push(fromApplication(o));
    else if (o.kind === 'ApplicationSet') apps.push(...fromApplicationSet(o));
  }
  const deployers = new Map<TreeObject, ArgoApp[]>();
  for (const a of apps) {
    a.deployed = deployedObjects(a, byFile, repoURL);
    for (const o of a.deployed) deployers.set(o, [...(deployers.get(o) ?? []), a]);
    resolveValues(a, repoURL, paths, firstDoc);
  }

  const healthChecks: string[] = [];
  for (const o of objects) {
    if (o.group !== '' || o.kind !== 'ConfigMap' || o.name !== 'argocd-cm') continue;
    const data = obj(o.data['data']);
    let legacy: unknown;
    try {
      legacy = typeof data['resource.customizations'] === 'string' ? parse(data['resource.customizations']) : undefined;
    } catch {
      legacy = undefined;
    }
    healthChecks.push(...healthChecksIn(data, legacy));
  }
  return { repoURL, paths, dirs, objects, apps, healthChecks, deployers };
}

function fromApplication(o: TreeObject): ArgoApp {
  const labels = labelsOf(o);
  const spec = obj(o.data['spec']);
  const { wave, bad } = waveOf(o);
  // Files the generator writes sit at manifests/apps/<cluster>/<app>.yaml; labels win when present.
  const m = /^manifests\/apps\/([^/]+)\/[^/]+\.yaml$/.exec(o.file);
  const cluster = labels[LABEL_CLUSTER] ?? m?.[1];
  const app = labels[LABEL_APP];
  return {
    kind: 'Application',
    object: o,
    name: o.name,
    ...(app !== undefined ? { app } : {}),
    ...(cluster !== undefined ? { cluster } : {}),
    specPointer: '/spec',
    spec,
    wave,
    ...(bad !== undefined ? { badWave: bad } : {}),
    unresolved: [],
    ...describeSpec(spec, '/spec'),
  };
}

/**
 * One Application per list element. Other generators (git, clusters, matrix) produce parameters
 * only a running controller knows; such a set yields one entry whose templated paths are skipped.
 */
function fromApplicationSet(o: TreeObject): ArgoApp[] {
  const spec = obj(o.data['spec']);
  const template = obj(spec['template']);
  const generators = list(spec['generators']);
  const { wave, bad } = waveOf(o);
  const setApp = labelsOf(o)[LABEL_APP];
  const elements: (Obj | undefined)[] = generators.every((g) => isPlainObject(obj(g)['list']))
    ? generators.flatMap((g) => list(obj(obj(g)['list'])['elements']).map((e) => obj(e)))
    : [undefined];
  return elements.map((element, i) => {
    const unresolved = new Set<string>();
    const filled = element ? (fillTemplate(template, element, unresolved) as Obj) : template;
    const md = obj(filled['metadata']);
    const labels = stringMap(md['labels']);
    const appSpec = obj(filled['spec']);
    // Without an element the cluster label is still a template: no cluster.
    const cluster = element ? (str(element['cluster']) ?? labels[LABEL_CLUSTER]) : undefined;
    const app = setApp ?? labels[LABEL_APP];
    return {
      kind: 'ApplicationSet' as const,
      object: o,
      name: str(md['name']) ?? o.name,
      ...(app !== undefined ? { app } : {}),
      ...(cluster !== undefined ? { cluster } : {}),
      ...(element ? { element: i } : {}),
      specPointer: '/spec/template/spec',
      spec: appSpec,
      wave,
      ...(bad !== undefined ? { badWave: bad } : {}),
      unresolved: [...unresolved],
      ...describeSpec(appSpec, '/spec/template/spec'),
    };
  });
}

const FIELD = /\{\{\s*\.?([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/g;

/** `{{.field}}` (goTemplate) and `{{field}}` (fasttemplate) replaced by the element's values. */
function fillTemplate(v: unknown, element: Obj, unresolved: Set<string>): unknown {
  if (typeof v === 'string') {
    return v.replace(FIELD, (whole, field: string) => {
      let cur: unknown = element;
      for (const k of field.split('.')) cur = isPlainObject(cur) ? cur[k] : undefined;
      if (cur === undefined || (typeof cur === 'object' && cur !== null)) {
        unresolved.add(field);
        return whole;
      }
      return String(cur);
    });
  }
  if (Array.isArray(v)) return v.map((x) => fillTemplate(x, element, unresolved));
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillTemplate(x, element, unresolved)]));
  return v;
}

function describeSpec(spec: Obj, specPointer: string): Pick<ArgoApp, 'sources' | 'destinationNamespace' | 'chart' | 'values' | 'valueFiles' | 'deployed'> {
  // `sources` wins over `source` when both are set, as in Argo CD.
  const sources: AppSource[] = Array.isArray(spec['sources'])
    ? spec['sources'].map((s, i) => ({ source: obj(s), pointer: `${specPointer}/sources/${i}` }))
    : isPlainObject(spec['source'])
      ? [{ source: spec['source'], pointer: `${specPointer}/source` }]
      : [];
  const destinationNamespace = str(obj(spec['destination'])['namespace']);
  const chart = sources.map((s) => str(s.source['chart'])).find((c) => c !== undefined);
  return {
    sources,
    ...(destinationNamespace !== undefined ? { destinationNamespace } : {}),
    ...(chart !== undefined ? { chart } : {}),
    values: {},
    valueFiles: [],
    deployed: [],
  };
}

/** What a source's directory in this repository deploys: its YAML/JSON files, as Argo CD picks them. */
function deployedObjects(a: ArgoApp, byFile: TreeObject[], repoURL: string): TreeObject[] {
  const out: TreeObject[] = [];
  for (const { source } of a.sources) {
    const p = str(source['path']);
    if (p === undefined || source['chart'] !== undefined || !sameRepo(source['repoURL'], repoURL) || p.includes('{{')) continue;
    const dir = normalisePath(p);
    const d = obj(source['directory']);
    const recurse = d['recurse'] === true;
    const include = str(d['include']);
    const exclude = str(d['exclude']);
    const prefix = dir === '' ? '' : `${dir}/`;
    let lo = 0;
    let hi = byFile.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byFile[mid]!.file < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < byFile.length && byFile[i]!.file.startsWith(prefix); i++) {
      const o = byFile[i]!;
      const rel = dir === '' ? o.file : o.file.slice(dir.length + 1);
      if (!recurse && rel.includes('/')) continue;
      if (!/\.(ya?ml|json)$/.test(rel)) continue;
      if (include && !globMatch(include, rel)) continue;
      if (exclude && globMatch(exclude, rel)) continue;
      out.push(o);
    }
  }
  return out;
}

/** Resolve `$ref/path` value files against the ref source; undefined when it cannot be read here. */
export function refValueFile(a: ArgoApp, file: string, repoURL: string): { ref: string; path?: string; refSource?: AppSource; ours: boolean } | undefined {
  if (!file.startsWith('$')) return undefined;
  const slash = file.indexOf('/');
  const ref = slash < 0 ? file.slice(1) : file.slice(1, slash);
  const refSource = a.sources.find((s) => s.source['ref'] === ref);
  const ours = refSource !== undefined && sameRepo(refSource.source['repoURL'], repoURL);
  return { ref, ...(slash >= 0 ? { path: normalisePath(file.slice(slash + 1)) } : {}), ...(refSource ? { refSource } : {}), ours };
}

function resolveValues(a: ArgoApp, repoURL: string, paths: ReadonlySet<string>, firstDoc: Map<string, unknown>): void {
  let values: Obj = {};
  for (const { source } of a.sources) {
    const helm = obj(source['helm']);
    for (const vf of list(helm['valueFiles'])) {
      if (typeof vf !== 'string') continue;
      const r = refValueFile(a, vf, repoURL);
      if (!r?.ours || r.path === undefined || !paths.has(r.path)) continue;
      a.valueFiles.push(r.path);
      values = deepMerge(values, obj(firstDoc.get(r.path)));
    }
    if (typeof helm['values'] === 'string') {
      try {
        values = deepMerge(values, obj(parse(helm['values'])));
      } catch {
        // Not YAML: Argo CD would fail the render; the schema check reports the field.
      }
    }
    if (isPlainObject(helm['valuesObject'])) values = deepMerge(values, helm['valuesObject']);
    for (const p of list(helm['parameters'])) {
      const name = str(obj(p)['name']);
      const value = str(obj(p)['value']);
      if (name !== undefined && value !== undefined) values = deepMerge(values, setPath(name, obj(p)['forceString'] === true ? value : helmScalar(value)));
    }
  }
  a.values = values;
}

/** `--set` reads `true`, `false` and integers as such. */
function helmScalar(v: string): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^-?\d+$/.test(v)) return Number(v);
  return v;
}

/** `a.b\.c` -> { a: { 'b.c': value } } */
function setPath(name: string, value: unknown): Obj {
  const keys = name.split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, '.'));
  let out: unknown = value;
  for (const k of keys.reverse()) out = { [k]: out };
  return obj(out);
}

/** Value at a path of plain keys. */
export function valueAt(v: unknown, keys: readonly string[]): unknown {
  let cur = v;
  for (const k of keys) cur = isPlainObject(cur) ? cur[k] : undefined;
  return cur;
}

/** How a set element or Application is named in messages. */
export function describeApp(a: ArgoApp): string {
  if (a.kind === 'Application') return `Application ${a.name}`;
  return `ApplicationSet ${a.object.name}${a.element !== undefined ? ` (element ${a.element + 1}${a.cluster ? `, cluster ${a.cluster}` : ''})` : ''}`;
}
