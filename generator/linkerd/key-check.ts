/**
 * Key check for Linkerd Helm values. The charts ship no values.schema.json, so Helm ignores unknown or
 * removed keys silently; this check makes them errors, against the keys of the exact release.
 */
import { isPlainObject } from '../core/merge.js';
import { closest, KEY_TYPOS } from '../core/suggest.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { encodePointer } from '../model/source.js';
import {
  CHART_KEYS,
  childOf,
  gateVerdict,
  nodeAt,
  validKeys,
  type GateVerdict,
  type KeyNode,
  type MapNode,
} from './chart-keys/index.js';
import {
  getRelease,
  LINKERD_CHARTS,
  SUPPORTED_LINKERD_VERSIONS,
  type LinkerdChartName,
  type LinkerdRelease,
  type LinkerdVersionId,
} from './versions.js';

export const UNKNOWN_KEY = 'values/unknown-key';
export const CHART_NOT_IN_RELEASE = 'values/chart-not-in-release';
export const VALUES_NOT_A_MAP = 'values/not-a-map';

export interface CheckLocation {
  file: string;
  /** Source position of the value at a JSON pointer, when the caller kept one. */
  locate?: (pointer: string) => { line: number; col: number } | undefined;
}

export function isLinkerdChart(name: string): name is LinkerdChartName {
  return (LINKERD_CHARTS as readonly string[]).includes(name);
}

/** Every chart the key check knows; with a release, only the charts that release ships. */
export function listLinkerdCharts(release?: LinkerdVersionId): LinkerdChartName[] {
  if (release === undefined) return [...LINKERD_CHARTS];
  const r = getRelease(release);
  return LINKERD_CHARTS.filter((c) => r.charts[c] !== undefined);
}

/**
 * One `values/unknown-key` error per key the chart does not read in this release. Keys below an unknown
 * key are not reported again. Throws for a chart that is not a Linkerd chart (callers filter with
 * `isLinkerdChart`); a Linkerd chart the release does not ship gives one `values/chart-not-in-release`.
 */
export function checkChartValues(
  chart: string,
  release: LinkerdVersionId,
  values: unknown,
  where: CheckLocation,
): Diagnostic[] {
  if (!isLinkerdChart(chart)) {
    throw new Error(`not a Linkerd chart: '${chart}'; known charts: ${LINKERD_CHARTS.join(', ')}`);
  }
  const r = getRelease(release);
  const chartVersion = r.charts[chart];
  if (chartVersion === undefined) return [chartMissing(chart, r, where)];
  // An empty values file parses to null: no keys, nothing to check.
  if (values === null || values === undefined) return [];
  if (!isPlainObject(values)) {
    return [
      diagnostic(where, '', VALUES_NOT_A_MAP, `${chart} values must be a map of keys, got ${kindOf(values)}`),
    ];
  }
  const root = CHART_KEYS[chart];
  const ctx: Ctx = { chart, release: r, label: `${chart} ${chartVersion} (Linkerd ${r.id})`, root, where, out: [] };
  walk(ctx, root, values, []);
  return ctx.out;
}

interface Ctx {
  chart: LinkerdChartName;
  release: LinkerdRelease;
  label: string;
  root: MapNode;
  where: CheckLocation;
  out: Diagnostic[];
}

function walk(ctx: Ctx, node: MapNode, values: Record<string, unknown>, path: string[]): void {
  for (const [key, value] of Object.entries(values)) {
    const keyPath = [...path, key];
    const child = childOf(node, key);
    if (child) {
      const verdict = gateVerdict(child, ctx.release);
      if (verdict !== 'ok') {
        report(ctx, node, keyPath, gateHint(ctx, child, verdict, keyPath));
        continue;
      }
      // A non-map value where a map is expected is a type question, not a key question: leave it.
      if (child.kind === 'map' && isPlainObject(value)) walk(ctx, child, value, keyPath);
      continue;
    }
    const suggestion = closest(key, validKeys(node, ctx.release), KEY_TYPOS);
    // A partially documented map may have real keys the table does not list; flag only likely typos.
    if (node.mode === 'partial' && suggestion === undefined) continue;
    report(ctx, node, keyPath, undefined, suggestion);
  }
}

function report(ctx: Ctx, node: MapNode, keyPath: string[], hint?: string, suggestion?: string): void {
  const dotted = keyPath.join('.');
  const parent = keyPath.slice(0, -1);
  const key = keyPath[keyPath.length - 1] ?? '';
  let message = `unknown key "${dotted}" for ${ctx.label}`;
  if (suggestion !== undefined) message += `; did you mean "${[...parent, suggestion].join('.')}"?`;

  let fullHint = hint;
  if (fullHint === undefined && suggestion === undefined) {
    const elsewhere = findElsewhere(ctx, key, keyPath);
    if (elsewhere.length > 0) {
      fullHint = `"${key}" is valid at ${elsewhere.map((p) => `"${p}"`).join(', ')} in this chart`;
    } else {
      const valid = validKeys(node, ctx.release);
      const where = parent.length > 0 ? `under "${parent.join('.')}"` : 'at the top level';
      fullHint =
        valid.length <= 12
          ? `valid keys ${where}: ${valid.join(', ')}`
          : `Helm ignores unknown keys silently; remove it or move it to the right place`;
    }
  }
  ctx.out.push(diagnostic(ctx.where, encodePointer(keyPath), UNKNOWN_KEY, message, fullHint));
}

function gateHint(ctx: Ctx, node: KeyNode, verdict: GateVerdict, keyPath: string[]): string {
  const g = node.gate;
  const dotted = keyPath.join('.');
  const parts: string[] = [];
  if (verdict === 'too-old' && g?.since !== undefined) {
    parts.push(`"${dotted}" needs Linkerd ${g.since} or later; the target is ${ctx.release.id}`);
  } else if (verdict === 'removed' && g?.until !== undefined) {
    parts.push(`"${dotted}" was removed in Linkerd ${g.until}`);
  }
  if (g?.hint !== undefined) parts.push(g.hint);
  const also = releasesWith(ctx, keyPath);
  if (verdict !== 'never' && also.length > 0) parts.push(`valid in: ${also.join(', ')}`);
  return parts.join('; ');
}

/** Supported releases in which `keyPath` is a known key of this chart. */
function releasesWith(ctx: Ctx, keyPath: readonly string[]): LinkerdVersionId[] {
  return SUPPORTED_LINKERD_VERSIONS.filter((id) => {
    const r = getRelease(id);
    return r.charts[ctx.chart] !== undefined && nodeAt(ctx.root, r, keyPath) !== undefined;
  });
}

/** Other places in this chart's tree (valid for the release) with the same key, e.g. a misplaced key. */
function findElsewhere(ctx: Ctx, key: string, exclude: readonly string[]): string[] {
  const found: string[] = [];
  const wanted = key.toLowerCase();
  const excluded = exclude.join('.');
  const visit = (node: MapNode, path: string[]): void => {
    for (const name of validKeys(node, ctx.release)) {
      const child = node.keys[name];
      const p = [...path, name];
      if (name.toLowerCase() === wanted && p.join('.') !== excluded) found.push(p.join('.'));
      if (child?.kind === 'map') visit(child, p);
    }
  };
  visit(ctx.root, []);
  return found.slice(0, 3);
}

function chartMissing(chart: LinkerdChartName, r: LinkerdRelease, where: CheckLocation): Diagnostic {
  const shipped = SUPPORTED_LINKERD_VERSIONS.filter((id) => getRelease(id).charts[chart] !== undefined);
  const hint =
    chart === 'linkerd-jaeger' && r.tracing.mode === 'proxy-tracing'
      ? 'linkerd-jaeger was removed in edge-25.10.1; from 2.19 on set `proxy.tracing.*` on linkerd-control-plane ' +
        'and drop the jaeger app'
      : `releases that ship it: ${shipped.join(', ')}`;
  return diagnostic(where, '', CHART_NOT_IN_RELEASE, `Linkerd ${r.id} (${r.tag}) ships no ${chart} chart`, hint);
}

function diagnostic(where: CheckLocation, pointer: string, code: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, message, file: where.file, pointer };
  const pos = where.locate?.(pointer);
  if (pos) {
    d.line = pos.line;
    d.col = pos.col;
  }
  if (hint !== undefined) d.hint = hint;
  return d;
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'a list' : `a ${typeof v}`;
}
