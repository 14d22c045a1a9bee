import { isPlainObject } from '../core/merge.js';
import { withPrefix } from '../core/sorted.js';
import { valueAt } from '../core/value-at.js';
import { LABEL_APP, LABEL_CLUSTER } from '../model/labels.js';
import { globMatch } from './glob.js';
import { labelsOf, list, normalisePath, obj, sameRepo, str, stringMap, waveOf, type AppSource, type ArgoApp, type Obj, type TreeObject } from './tree-model.js';

/**
 * What Argo CD makes of the Application and ApplicationSet objects in the tree: the Applications
 * it will run, their sources, and the files their directory sources pick.
 */
export function argoAppsOf(objects: readonly TreeObject[]): ArgoApp[] {
  const apps: ArgoApp[] = [];
  for (const o of objects) {
    if (o.group !== 'argoproj.io') continue;
    if (o.kind === 'Application') apps.push(fromApplication(o));
    else if (o.kind === 'ApplicationSet') apps.push(...fromApplicationSet(o));
  }
  return apps;
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
      const cur = valueAt(element, field.split('.'));
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

function describeSpec(spec: Obj, specPointer: string): Pick<ArgoApp, 'sources' | 'destinationNamespace' | 'chart' | 'values' | 'sourceValues' | 'valueFiles' | 'deployed'> {
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
    sourceValues: [],
    valueFiles: [],
    deployed: [],
  };
}

/** What a source's directory in this repository deploys: its YAML/JSON files, as Argo CD picks them. */
export function deployedObjects(a: ArgoApp, byFile: TreeObject[], repoURL: string): TreeObject[] {
  return pickedByDirectorySources(a, byFile, repoURL, (o) => o.file);
}

/**
 * The items (objects, or plain file paths) whose file one of the app's directory sources in this
 * repository picks, as Argo CD does: the source's folder (sub-folders with `recurse`), `*.yaml`,
 * `*.yml` and `*.json` only, then `include` and `exclude`. `sorted` is sorted by `fileOf`.
 */
export function pickedByDirectorySources<T>(a: ArgoApp, sorted: readonly T[], repoURL: string, fileOf: (item: T) => string): T[] {
  const out: T[] = [];
  for (const { source } of a.sources) {
    const p = str(source['path']);
    if (p === undefined || source['chart'] !== undefined || !sameRepo(source['repoURL'], repoURL) || p.includes('{{')) continue;
    const dir = normalisePath(p);
    const d = obj(source['directory']);
    const recurse = d['recurse'] === true;
    const include = str(d['include']);
    const exclude = str(d['exclude']);
    const prefix = dir === '' ? '' : `${dir}/`;
    for (const o of withPrefix(sorted, prefix, fileOf)) {
      const file = fileOf(o);
      const rel = dir === '' ? file : file.slice(dir.length + 1);
      if (!recurse && rel.includes('/')) continue;
      if (!/\.(ya?ml|json)$/.test(rel)) continue;
      if (include && !globMatch(include, rel)) continue;
      if (exclude && globMatch(exclude, rel)) continue;
      out.push(o);
    }
  }
  return out;
}
