import { parse } from 'yaml';
import { deepMerge, isPlainObject } from '../core/merge.js';
import { list, normalisePath, obj, sameRepo, str, type AppSource, type ArgoApp, type Obj } from './tree-model.js';

/** Helm values as Argo CD hands them to Helm: `$values` files of the tree, inline values, parameters. */
/** Resolve `$ref/path` value files against the ref source; undefined when it cannot be read here. */
export function refValueFile(a: ArgoApp, file: string, repoURL: string): { ref: string; path?: string; refSource?: AppSource; ours: boolean } | undefined {
  if (!file.startsWith('$')) return undefined;
  const slash = file.indexOf('/');
  const ref = slash < 0 ? file.slice(1) : file.slice(1, slash);
  const refSource = a.sources.find((s) => s.source['ref'] === ref);
  const ours = refSource !== undefined && sameRepo(refSource.source['repoURL'], repoURL);
  return { ref, ...(slash >= 0 ? { path: normalisePath(file.slice(slash + 1)) } : {}), ...(refSource ? { refSource } : {}), ours };
}

export function resolveValues(a: ArgoApp, repoURL: string, paths: ReadonlySet<string>, firstDoc: Map<string, unknown>): void {
  a.sourceValues = a.sources.map(({ source }) => sourceValues(a, obj(source['helm']), repoURL, paths, firstDoc));
  a.values = a.sourceValues.reduce<Obj>((all, v) => deepMerge(all, v), {});
}

/** One source's values, in Argo CD's order: value files, inline `values`, `valuesObject`, parameters. */
function sourceValues(a: ArgoApp, helm: Obj, repoURL: string, paths: ReadonlySet<string>, firstDoc: Map<string, unknown>): Obj {
  let values: Obj = {};
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
  return values;
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
