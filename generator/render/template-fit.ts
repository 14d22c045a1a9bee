import { toJson, type Json } from '../core/json.js';
import { isPlainObject } from '../core/merge.js';
import type { ApplicationSpec, ApplicationTemplateSpec } from '../model/k8s.js';
import { YAML11_RESERVED_WORDS } from '../model/yaml.js';

/**
 * Template fitting: one Go template plus per-element parameters (and a `templatePatch`) that
 * render back to each of several per-cluster Application specs. Equal values stay literal,
 * differing strings become element parameters, other differences become templatePatch entries,
 * and what neither can express is reported as a mismatch.
 */

/**
 * Fields a per-cluster difference may not be patched into: `templatePatch` cannot change the
 * project, and sources and destination must stay readable (and checkable) in the template.
 */
const UNPATCHABLE = ['spec.project', 'spec.destination', 'spec.source', 'spec.sources'];

export type { Json };
export type Path = (string | number)[];

export interface Mismatch {
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
export class TemplateFit {
  readonly mismatches: Mismatch[] = [];
  private readonly patches: { path: string[]; key: string }[] = [];
  private readonly used: Set<string>;

  /** `elements` get the parameters; `reservedKeys` are element keys the caller already uses. */
  constructor(
    private readonly elements: Record<string, string>[],
    private readonly firstSpec: ApplicationSpec,
    reservedKeys: readonly string[],
  ) {
    this.used = new Set(reservedKeys);
  }

  /**
   * The template spec for the per-cluster specs, starting from `hint` (the first spec with the
   * per-cluster parts templated up front); undefined when some difference fits neither a
   * parameter nor the patch (see `mismatches`).
   */
  fitSpec(hint: ApplicationSpec, specs: readonly ApplicationSpec[]): ApplicationTemplateSpec | undefined {
    const fitted = this.fit(toJson(hint), specs.map((s) => toJson(s)), ['spec']);
    if (this.mismatches.length > 0) return undefined;
    if (!isTemplateSpec(fitted)) throw new Error('template fitting lost the project or destination of the spec');
    return fitted;
  }

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

/**
 * The fitted spec keeps the specs' structure: strings may become templates and optional fields may
 * move to the patch, but `project`, `destination` and the sources are never patched (UNPATCHABLE),
 * so checking the fields the spec requires is what is left to prove.
 */
function isTemplateSpec(j: Json | undefined): j is Json & ApplicationTemplateSpec {
  if (!isPlainObject(j) || typeof j['project'] !== 'string' || !isPlainObject(j['destination'])) return false;
  const d = j['destination'];
  return ['server', 'name', 'namespace'].every((k) => d[k] === undefined || typeof d[k] === 'string');
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

function yamlKey(k: string): string {
  return PLAIN_KEY.test(k) && !YAML11_RESERVED_WORDS.has(k.toLowerCase()) ? k : JSON.stringify(escapeLiteral(k));
}

export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : PLAIN_KEY.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

export function show(v: Json | undefined): string {
  if (v === undefined) return 'absent';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isPlainObject(v)) return `{${Object.keys(v).sort().join(', ')}}`;
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
