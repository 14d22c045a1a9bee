import type { Diagnostic } from '../model/diagnostics.js';
import { isPlainObject } from '../core/merge.js';
import type { AppConfig, RootConfig } from '../model/config.js';
import { CLUSTER_FILE } from '../model/files.js';
import type { ApplicationSet, ApplicationSpec, RollingSyncStep } from '../model/k8s.js';
import { LABEL_APP, LABEL_CLUSTER, LABEL_STAGE, RESOURCES_FINALIZER, SYNC_WAVE } from '../model/labels.js';
import { applicationName, paths } from '../model/paths.js';
import type { InstanceRender } from './types.js';

/** Element keys every generated Application reads; per-cluster differences get their own keys. */
const BASE_KEYS = ['cluster', 'destination', 'stage'] as const;

/**
 * Fields a per-cluster difference may not be patched into: `templatePatch` cannot change the
 * project, and sources and destination must stay readable (and checkable) in the template.
 */
const UNPATCHABLE = ['spec.project', 'spec.destination', 'spec.source', 'spec.sources'];

/**
 * An app on several clusters as one ApplicationSet (Progressive Syncs mode). A list generator
 * carries one element per cluster; `missingkey=error` makes a typo in the template fail loudly.
 *
 * The template is derived from the per-cluster Applications the other mode would emit, so both
 * modes deploy the same thing on every cluster:
 * - a string that differs between clusters (the chart version of a Linkerd component on clusters
 *   running different Linkerd releases, say) becomes an element parameter in place;
 * - any other difference outside the sources (a namespace annotation only some Linkerd releases
 *   need, different ignoreDifferences) is left out of the template and set per element through
 *   `templatePatch`, the element carrying the cluster's value as JSON (null: absent there);
 * - a difference in the sources' shape or the destination is an error naming field and clusters.
 *
 * RollingSync steps roll the app out stage by stage. Sync waves do not order the Applications a
 * set generates: ordering between apps comes from the sync-wave annotation on each set in the
 * app-of-apps plus the ApplicationSet health check in argocd-cm.
 */
export function buildApplicationSet(rc: RootConfig, app: AppConfig, mine: InstanceRender[], diagnostics: Diagnostic[]): ApplicationSet | undefined {
  const clusters = mine.map((m) => m.instance.cluster.name);
  const byServer = mine.every((m) => m.instance.cluster.server !== undefined);
  const byName = mine.every((m) => m.instance.cluster.destinationName !== undefined);
  if (!byServer && !byName) {
    diagnostics.push({
      severity: 'error',
      code: 'render/mixed-destinations',
      file: app.file,
      message: `app '${app.name}' targets clusters given by server URL and by Argo CD cluster name (${describeDestinations(mine)}); one ApplicationSet needs one kind`,
      hint: 'give every cluster of this app a server, or every one a destinationName, in cluster.yaml; or set argocd.progressiveSyncs: false',
    });
    return undefined;
  }
  const withResources = mine.filter((m) => m.resourcesPath !== undefined).map((m) => m.instance.cluster.name);
  if (withResources.length > 0 && withResources.length < mine.length) {
    diagnostics.push({
      severity: 'error',
      code: 'render/appset-shape',
      file: app.file,
      message: `app '${app.name}' has extra manifests on ${withResources.join(', ')} but none on ${clusters.filter((c) => !withResources.includes(c)).join(', ')}; one ApplicationSet template cannot add a source on some clusters only`,
      hint: 'give the app at least one resource on every cluster, split it into two apps, or set argocd.progressiveSyncs: false',
    });
    return undefined;
  }
  checkStages(rc, mine, diagnostics);
  if (!checkMaxUpdate(rc, diagnostics)) return undefined;

  const first = mine[0]!;
  const elements: Record<string, string>[] = mine.map((m) => ({
    cluster: m.instance.cluster.name,
    destination: (byServer ? m.instance.cluster.server : m.instance.cluster.destinationName)!,
    // Clusters without a stage label get none; the catch-all step still rolls them out.
    stage: m.instance.cluster.labels[rc.argocd.stageLabel] ?? '',
  }));

  // The parts that differ by cluster name and destination, templated up front.
  const hint = structuredClone(first.application.spec) as unknown as Json;
  const hintSpec = hint as unknown as ApplicationSpec;
  hintSpec.destination = { ...(byServer ? { server: '{{.destination}}' } : { name: '{{.destination}}' }), namespace: app.namespace };
  for (const s of hintSpec.sources ?? (hintSpec.source ? [hintSpec.source] : [])) {
    if (s.helm) s.helm.valueFiles = s.helm.valueFiles.map(() => `$values/${paths.valuesTemplated(app.name)}`);
    if (s.path !== undefined) s.path = paths.resourcesDirTemplated(app.name);
  }

  // RollingSync turns auto-sync off on the generated Applications itself, but it takes the prune
  // flag of its syncs from the template's syncPolicy.automated: dropping it here would leave
  // resources removed from git in the cluster. So the template keeps the app's sync policy.
  const fit = new TemplateFit(elements, first.application.spec);
  const spec = fit.fit(hint, mine.map((m) => m.application.spec as unknown as Json), ['spec']) as unknown as ApplicationSpec;
  if (fit.mismatches.length > 0) {
    for (const mm of fit.mismatches) {
      diagnostics.push({
        severity: 'error',
        code: 'render/appset-shape',
        file: app.file,
        message: `app '${app.name}' differs between clusters at ${formatPath(mm.path)} (${mm.values.map((v, i) => `${clusters[i]}: ${show(v)}`).join('; ')}), which one ApplicationSet template cannot express`,
        hint: 'make the clusters agree on the setting behind this field, split the app, or set argocd.progressiveSyncs: false for per-cluster Applications',
      });
    }
    return undefined;
  }

  const wave = String(first.instance.wave);
  const labels = { ...(first.application.metadata.labels ?? {}) };
  const templatePatch = fit.patchText();
  const setSpec: ApplicationSet['spec'] = {
    goTemplate: true,
    goTemplateOptions: ['missingkey=error'],
    generators: [{ list: { elements } }],
    strategy: { type: 'RollingSync', rollingSync: { steps: rolloutSteps(rc, app) } },
    template: {
      metadata: {
        name: applicationName('{{.cluster}}', app.name),
        labels: { ...labels, [LABEL_CLUSTER]: '{{.cluster}}', [LABEL_STAGE]: '{{.stage}}' },
        finalizers: [RESOURCES_FINALIZER],
      },
      spec,
    },
    ...(templatePatch !== undefined ? { templatePatch } : {}),
  };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: {
      name: app.name,
      namespace: rc.argocd.namespace,
      labels: Object.fromEntries(Object.entries(labels).filter(([k]) => k !== LABEL_CLUSTER && k !== LABEL_STAGE)),
      annotations: { [SYNC_WAVE]: wave },
    },
    spec: setSpec,
  };
}

/** One step per stage in `argocd.stages` order, then a catch-all: apps no step selects never sync. */
function rolloutSteps(rc: RootConfig, app: AppConfig): RollingSyncStep[] {
  const { stages, maxUpdate } = rc.argocd;
  if (stages.length === 0) return [{ matchExpressions: [{ key: LABEL_APP, operator: 'In', values: [app.name] }], maxUpdate }];
  return [
    ...stages.map((stage): RollingSyncStep => ({ matchExpressions: [{ key: LABEL_STAGE, operator: 'In', values: [stage] }], maxUpdate })),
    // NotIn also selects Applications without the label, so stage-less clusters land here.
    { matchExpressions: [{ key: LABEL_STAGE, operator: 'NotIn', values: [...stages] }], maxUpdate },
  ];
}

/** A stage missing from `argocd.stages` still rolls out, but last; say so once per cluster. */
function checkStages(rc: RootConfig, mine: InstanceRender[], diagnostics: Diagnostic[]): void {
  const { stages, stageLabel } = rc.argocd;
  if (stages.length === 0) return;
  for (const m of mine) {
    const c = m.instance.cluster;
    const stage = c.labels[stageLabel];
    if (stage !== undefined && stages.includes(stage)) continue;
    const message =
      stage === undefined
        ? `cluster '${c.name}' has no '${stageLabel}' label, so its ApplicationSet Applications roll out after every listed stage`
        : `cluster '${c.name}' has stage '${stage}', which argocd.stages does not list, so its ApplicationSet Applications roll out after every listed stage`;
    if (diagnostics.some((d) => d.code === 'render/unstaged-cluster' && d.message === message)) continue;
    diagnostics.push({
      severity: 'warning',
      code: 'render/unstaged-cluster',
      file: c.source.file,
      pointer: `${c.source.pointer}/labels`,
      message,
      hint: `add the stage to argocd.stages (${stages.join(', ')}) in the order it should roll out`,
    });
  }
}

/** `maxUpdate: 0%` would hold every step forever; the config schema allows it, so catch it here. */
function checkMaxUpdate(rc: RootConfig, diagnostics: Diagnostic[]): boolean {
  const m = rc.argocd.maxUpdate;
  if (typeof m !== 'string' || Number.parseInt(m, 10) > 0) return true;
  if (!diagnostics.some((d) => d.code === 'config/max-update-zero')) {
    diagnostics.push({
      severity: 'error',
      code: 'config/max-update-zero',
      file: CLUSTER_FILE,
      pointer: '/argocd/maxUpdate',
      message: `maxUpdate '${m}' lets RollingSync update no Application, so no rollout would ever progress`,
      hint: 'use a positive number or percentage (percentages round down but update at least one Application)',
    });
  }
  return false;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

interface Mismatch {
  path: Path;
  /** Per cluster; undefined where the field is absent. */
  values: (Json | undefined)[];
}

/** Matches the only two actions the template uses: `{{.key}}` and the escaped `{{"{{"}}`. */
const ACTION = /\{\{(?:\.([A-Za-z_][A-Za-z0-9_]*)|"\{\{")\}\}/g;
const LITERAL_OPEN = '{{"{{"}}';

/** What Argo CD's Go template rendering makes of a template string for one element. */
function renderElement(template: string, element: Record<string, string>): string {
  return template.replace(ACTION, (_, key: string | undefined) => (key === undefined ? '{{' : (element[key] ?? `<missing ${key}>`)));
}

/** Argo CD renders every string (and map key) of the template, so a literal `{{` must not start an action. */
function escapeLiteral(s: string): string {
  return s.split('{{').join(LITERAL_OPEN);
}

/**
 * Builds the template from the per-cluster values of each field: equal values stay literal,
 * differing strings become element parameters, other differences become templatePatch entries.
 */
class TemplateFit {
  readonly mismatches: Mismatch[] = [];
  private readonly patches: { path: string[]; key: string }[] = [];
  private readonly used = new Set<string>(BASE_KEYS);

  constructor(
    private readonly elements: Record<string, string>[],
    private readonly firstSpec: ApplicationSpec,
  ) {}

  /** The template value for one field, or undefined when it goes into the patch instead. */
  fit(hint: Json | undefined, values: Json[], path: Path): Json | undefined {
    const v0 = values[0]!;
    if (typeof hint === 'string' && hint !== v0 && hint.includes('{{.')) {
      // A field templated up front: it must render to every cluster's own value.
      if (values.some((v, i) => renderElement(hint, this.elements[i]!) !== v)) this.mismatches.push({ path, values });
      return hint;
    }
    if (values.every((v): v is string => typeof v === 'string')) {
      if (values.every((v) => v === v0)) return escapeLiteral(v0 as string);
      const key = this.newKey(this.paramBase(path));
      values.forEach((v, i) => (this.elements[i]![key] = v));
      return `{{.${key}}}`;
    }
    if (values.every((v) => isPlainObject(v))) {
      const objs = values as Record<string, Json>[];
      const h = isPlainObject(hint) ? (hint as Record<string, Json>) : {};
      const out: Record<string, Json> = {};
      for (const k of unionKeys(objs)) {
        const vs = objs.map((o) => o[k]);
        const child = vs.every((v) => v !== undefined) ? this.fit(h[k], vs as Json[], [...path, k]) : this.patch([...path, k], vs);
        if (child !== undefined) out[escapeLiteral(k)] = child;
      }
      return out;
    }
    // Lists are replaced whole by a patch, so only a list whose items differ in strings alone
    // is templated item by item.
    if (values.every((v) => Array.isArray(v)) && values.every((v) => sameShape(v, v0))) {
      const h = Array.isArray(hint) ? hint : [];
      return (v0 as Json[]).map((_, j) => this.fit(h[j], values.map((v) => (v as Json[])[j]!), [...path, j])!);
    }
    if (values.every((v) => JSON.stringify(v) === JSON.stringify(v0))) return typeof v0 === 'string' ? escapeLiteral(v0) : v0;
    return this.patch(path, values);
  }

  /** Leave the field out of the template; each element sets it (JSON, null for absent). */
  private patch(path: Path, values: (Json | undefined)[]): undefined {
    const dotted = formatPath(path);
    if (path.some((p) => typeof p === 'number') || UNPATCHABLE.some((u) => dotted === u || dotted.startsWith(`${u}.`) || dotted.startsWith(`${u}[`))) {
      this.mismatches.push({ path, values });
      return undefined;
    }
    const key = this.newKey(this.paramBase(path));
    values.forEach((v, i) => (this.elements[i]![key] = JSON.stringify(v ?? null)));
    this.patches.push({ path: path as string[], key });
    return undefined;
  }

  /** The `templatePatch` text: a YAML skeleton whose leaves are the elements' JSON values. */
  patchText(): string | undefined {
    if (this.patches.length === 0) return undefined;
    type Node = Map<string, Node | string>;
    const root: Node = new Map();
    for (const p of this.patches) {
      let node = root;
      for (const seg of p.path.slice(0, -1)) {
        let next = node.get(seg);
        if (typeof next !== 'object') node.set(seg, (next = new Map()));
        node = next;
      }
      node.set(p.path[p.path.length - 1]!, p.key);
    }
    const lines: string[] = [];
    const emit = (node: Node, indent: string) => {
      for (const [k, v] of node) {
        if (typeof v === 'string') lines.push(`${indent}${yamlKey(k)}: {{.${v}}}`);
        else {
          lines.push(`${indent}${yamlKey(k)}:`);
          emit(v, `${indent}  `);
        }
      }
    };
    emit(root, '');
    return `${lines.join('\n')}\n`;
  }

  /** Readable names for the fields that differ in practice; a derived name for anything else. */
  private paramBase(path: Path): string {
    const [, list, index, field] = path;
    const source = list === 'sources' && typeof index === 'number' ? this.firstSpec.sources?.[index] : list === 'source' ? this.firstSpec.source : undefined;
    const leaf = list === 'source' ? index : field;
    if (source?.chart !== undefined && path.length === (list === 'source' ? 3 : 4)) {
      if (leaf === 'targetRevision') return 'chartVersion';
      if (leaf === 'repoURL') return 'chartRepoURL';
      if (leaf === 'chart') return 'chartName';
    }
    const words = path
      .slice(1)
      .slice(-2)
      // A qualified key (`config.alpha.linkerd.io/proxy-enable-native-sidecar`) by its name part.
      .flatMap((p) => String(p).slice(String(p).lastIndexOf('/') + 1).split(/[^A-Za-z0-9]+/))
      .filter((w) => w !== '');
    const name = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
    return /^[A-Za-z_]/.test(name) ? name : `p${name}`;
  }

  private newKey(base: string): string {
    let key = base;
    for (let n = 2; this.used.has(key); n++) key = `${base}${n}`;
    this.used.add(key);
    return key;
  }
}

/** Same structure (types, list lengths, keys, non-string scalars); strings may differ. */
function sameShape(a: Json, b: Json): boolean {
  if (typeof a === 'string' || typeof b === 'string') return typeof a === typeof b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameShape(x, b[i]!));
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameShape(a[k]!, b[k]!));
  }
  return a === b;
}

/** Keys in first-seen order across clusters. */
function unionKeys(objs: Record<string, Json>[]): string[] {
  return [...new Set(objs.flatMap((o) => Object.keys(o)))];
}

const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9]*$/;
const YAML11_WORDS = /^(y|n|yes|no|on|off|true|false|null)$/i;

function yamlKey(k: string): string {
  return PLAIN_KEY.test(k) && !YAML11_WORDS.test(k) ? k : JSON.stringify(escapeLiteral(k));
}

function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : PLAIN_KEY.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

function show(v: Json | undefined): string {
  if (v === undefined) return 'absent';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isPlainObject(v)) return `{${Object.keys(v).sort().join(', ')}}`;
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function describeDestinations(mine: InstanceRender[]): string {
  return mine.map((m) => `${m.instance.cluster.name}: ${m.instance.cluster.server !== undefined ? 'server' : 'destinationName'}`).join(', ');
}
