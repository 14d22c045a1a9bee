import type { Diagnostic } from '../model/diagnostics.js';
import type { ClusterConfig, PlatformSettings, RepoConfig } from '../model/config.js';
import { CLUSTER_FILE } from '../model/files.js';
import { escapePointerSegment, type Position } from '../model/source.js';
import { deepMerge, isPlainObject } from '../core/merge.js';
import { valueAt } from '../core/value-at.js';
import { lookupOwn, plainPaths, referencedPaths, renderString, templateError } from '../core/handlebars.js';

/** What the effective settings of one cluster are computed from, besides the cluster itself. */
export interface SettingsInput {
  /** `defaults:` of cluster.yaml over the built-in defaults. */
  defaults: PlatformSettings;
  /** The cluster's own `settings:`, as written. */
  override: unknown;
  /** The cluster's index in `clusters:`, for pointers. */
  index: number;
  /** Whether cluster.yaml's `defaults:` sets this path (built-in defaults do not count). */
  inDefaults: (path: readonly string[]) => boolean;
  repo: RepoConfig;
  argocdNamespace: string;
  /** Where a pointer of cluster.yaml is, when the file was parsed; else the pointer alone is kept. */
  positionAt?: (pointer: string) => Position;
}

/**
 * Settings that follow `domain` unless the operator sets them, so the domain is written once.
 * Grafana's URL is derived only while `grafanaUrl` is not set either: the two are alternatives
 * (viz links to one Grafana), and setting `grafanaUrl` chooses the in-cluster one.
 */
const DERIVED: { path: string[]; template: string; unlessSet: string[][] }[] = [
  { path: ['linkerd', 'viz', 'host'], template: 'linkerd.{{settings.domain}}', unlessSet: [] },
  { path: ['monitoring', 'grafanaExternalUrl'], template: 'https://grafana.{{settings.domain}}', unlessSet: [['monitoring', 'grafanaUrl']] },
];

/**
 * The effective settings of one cluster: built-in defaults, then cluster.yaml's `defaults:`, then
 * the cluster's `settings:`; derived defaults filled in; then every string setting that holds
 * `{{ }}` rendered once, by the rules templates use, so every consumer reads the same value.
 */
export function effectiveSettings(cluster: ClusterConfig, input: SettingsInput): { settings: PlatformSettings; diagnostics: Diagnostic[] } {
  // A copy: the derivations and renders below write into it, and the defaults are every cluster's.
  const settings = deepMerge(structuredClone(input.defaults), input.override);
  const inOverride = (path: readonly string[]) => valueAt(input.override, path) !== undefined;
  const set = (path: readonly string[]) => input.inDefaults(path) || inOverride(path);
  if (set(['domain'])) {
    for (const d of DERIVED) {
      if (set(d.path) || d.unlessSet.some(set)) continue;
      setAt(settings, d.path, d.template);
    }
  }
  // The ingress class and namespace follow the controller unless set.
  if (!settings.ingress.className) settings.ingress.className = settings.ingress.controller === 'nginx' ? 'nginx' : 'traefik';
  if (!settings.ingress.namespace) settings.ingress.namespace = settings.ingress.controller === 'nginx' ? 'ingress-nginx' : 'traefik';

  const pointerOf = (path: readonly string[]) =>
    `${inOverride(path) ? `/clusters/${input.index}/settings` : '/defaults'}/${path.map(escapePointerSegment).join('/')}`;
  const context: Record<string, unknown> = {
    cluster: { name: cluster.name, server: cluster.server ?? '', destinationName: cluster.destinationName ?? '', labels: cluster.labels },
    settings,
    vars: settings.vars,
    repo: input.repo,
    argocd: { namespace: input.argocdNamespace },
  };
  const diagnostics = resolveTemplates(settings, context, pointerOf, input.positionAt);
  return { settings, diagnostics };
}

interface Leaf {
  path: string[];
  raw: string;
}

/** Render the templated string leaves of `settings` in dependency order; cycles are errors. */
function resolveTemplates(
  settings: PlatformSettings,
  context: Record<string, unknown>,
  pointerOf: (path: readonly string[]) => string,
  positionAt: ((pointer: string) => Position) | undefined,
): Diagnostic[] {
  const leaves = new Map<string, Leaf>();
  collectLeaves(settings, [], leaves);
  if (leaves.size === 0) return [];
  const diagnostics: Diagnostic[] = [];
  const at = (path: readonly string[]) => {
    const pointer = pointerOf(path);
    return { file: CLUSTER_FILE, pointer, pos: positionAt?.(pointer) };
  };
  const fail = (path: readonly string[], e: unknown, raw: string) => {
    const { file, pointer, pos } = at(path);
    const d = templateError(file, e, pos ?? { line: 1, col: 1 }, raw, context);
    const { line, col, ...rest } = d;
    diagnostics.push({
      ...(pos ? { line, col } : {}),
      ...rest,
      pointer,
      message: `setting '${path.join('.')}': ${d.message}`,
      ...(d.code === 'template/missing-variable'
        ? { hint: 'a setting may read cluster.*, settings.* (other settings), vars.*, repo.* and argocd.*; app.* exists only in templates' }
        : {}),
    });
  };

  const state = new Map<string, 'visiting' | 'done' | 'failed'>();
  const stack: string[] = [];
  const depsOf = new Map<string, string[]>();
  const dependencies = (key: string): string[] | undefined => {
    let deps = depsOf.get(key);
    if (deps) return deps;
    const leaf = leaves.get(key)!;
    let refs: string[];
    try {
      refs = referencedPaths(leaf.raw);
    } catch (e) {
      fail(leaf.path, e, leaf.raw);
      return undefined;
    }
    deps = [];
    for (const ref of refs) {
      const target = settingPath(ref);
      if (!target) continue;
      // A reference to a map depends on every templated string inside it, itself included.
      for (const [k, l] of leaves) if (isPrefix(target, l.path) || isPrefix(l.path, target)) deps.push(k);
    }
    depsOf.set(key, deps);
    return deps;
  };

  const visit = (key: string): boolean => {
    const st = state.get(key);
    if (st === 'done') return true;
    if (st === 'failed') return false;
    const leaf = leaves.get(key)!;
    if (st === 'visiting') {
      const cycle = stack.slice(stack.indexOf(key));
      for (const k of cycle) state.set(k, 'failed');
      const { file, pointer, pos } = at(leaves.get(cycle[0]!)!.path);
      diagnostics.push({
        severity: 'error',
        code: 'config/setting-cycle',
        file,
        ...(pos ?? {}),
        pointer,
        message:
          cycle.length === 1
            ? `setting '${key}' refers to itself`
            : `setting '${cycle[0]}' refers to itself through other settings: ${[...cycle, cycle[0]].join(' -> ')}`,
        hint: 'a setting may read other settings, but the chain must end in a value without {{ }}',
      });
      return false;
    }
    state.set(key, 'visiting');
    stack.push(key);
    const deps = dependencies(key);
    let ok = deps !== undefined;
    for (const d of deps ?? []) if (!visit(d)) ok = false;
    stack.pop();
    // A dependency that failed has been reported already; this one just stays unrendered.
    if (state.get(key) === 'failed' || !ok) {
      state.set(key, 'failed');
      return false;
    }
    try {
      for (const p of plainPaths(leaf.raw)) {
        const v = lookupOwn(context, p);
        if (v !== null && typeof v === 'object') throw new NotAValue(p, Array.isArray(v) ? 'a list' : 'a map');
      }
      setAt(settings, leaf.path, renderString(leaf.raw, context));
    } catch (e) {
      if (e instanceof NotAValue) {
        const { file, pointer, pos } = at(leaf.path);
        diagnostics.push({
          severity: 'error',
          code: 'config/setting-template',
          file,
          ...(pos ?? {}),
          pointer,
          message: `setting '${key}': '${e.variable}' is ${e.kind}, which cannot be written into a string`,
          hint: `refer to one value inside it, e.g. {{${e.variable}.<key>}}`,
        });
      } else fail(leaf.path, e, leaf.raw);
      state.set(key, 'failed');
      return false;
    }
    state.set(key, 'done');
    return true;
  };
  for (const key of leaves.keys()) visit(key);
  return diagnostics;
}

class NotAValue extends Error {
  constructor(
    readonly variable: string,
    readonly kind: string,
  ) {
    super(`${variable} is ${kind}`);
  }
}

function collectLeaves(v: unknown, path: string[], out: Map<string, Leaf>): void {
  if (typeof v === 'string') {
    if (v.includes('{{')) out.set(path.join('.'), { path, raw: v });
  } else if (Array.isArray(v)) v.forEach((x, i) => collectLeaves(x, [...path, String(i)], out));
  else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) collectLeaves(x, [...path, k], out);
}

/** The settings path a template variable reads (`settings.a.b`, `vars.x` = `settings.vars.x`), if any. */
function settingPath(ref: string): string[] | undefined {
  const parts = ref.split('.');
  if (parts[0] === 'settings') return parts.slice(1);
  if (parts[0] === 'vars') return parts;
  return undefined;
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

function setAt(root: object, path: readonly string[], value: unknown): void {
  let cur = root as Record<string, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[path[path.length - 1]!] = value;
}
