import type { Diagnostic } from '../../model/diagnostics.js';
import { encodePointer } from '../../model/source.js';
import { chartValuesOf, type ChartValues } from '../chart-values.js';
import { atChart, hydrateBlame, renderedTree, type RenderedApp } from '../rendered.js';
import { describeApp } from '../tree.js';
import type { LintContext, LintRule } from '../types.js';
import { unknownValueKeys, type UnknownKey } from '../values-keys.js';
import { finding } from '../blame.js';

/** Up to this many keys of the map are listed in the hint. */
const LIST_KEYS = 12;

/**
 * Helm reads the keys a chart's templates ask for and ignores every other key without a word, so a
 * misspelt or misplaced value does nothing. With the chart at hand its values.yaml (and its
 * subcharts', its schema) says which keys exist. This replaces the built-in Linkerd key tables for
 * an app whose chart was rendered.
 */
export const renderedUnknownValuesKey: LintRule = {
  id: 'rendered/unknown-values-key',
  scope: 'tree',
  severity: 'error',
  title: "an app's Helm values set a key its chart does not have (not in its or its subcharts' values.yaml, nor in its values.schema.json)",
  hint: 'Helm ignores keys a chart does not read: fix the spelling or move the key where the chart has it, or remove it',
  docs: 'lint-rules.md#rules-on-rendered-objects',
  check(ctx) {
    const render = renderedTree(ctx);
    if (!render) return [];
    const out: Diagnostic[] = [];
    for (const h of render.apps) {
      const chart = chartValuesOf(h.archive);
      for (const u of unknownValueKeys(h.app.sourceValues[h.sourceIndex] ?? {}, chart)) out.push(report(this, ctx, h, chart, u));
    }
    return out;
  },
};

function report(rule: LintRule, ctx: LintContext, h: RenderedApp, chart: ChartValues, u: UnknownKey): Diagnostic {
  const dotted = (path: string[]) => `"${path.join('.')}"`;
  const parent = u.path.slice(0, -1);
  const sub = subchartOf(chart, u.path);
  const where = hydrateBlame(ctx).value(h.app, encodePointer(u.path)) ?? atChart(ctx, h.app, h.sourceIndex);
  let message = `${describeApp(h.app)} sets ${dotted(u.path)}, which chart ${h.chart.name} ${h.chart.version} does not have${sub ? ` (in the values of its subchart ${sub})` : ''}`;
  if (u.suggestion !== undefined) message += `; did you mean ${dotted([...parent, u.suggestion])}?`;
  const at = parent.length > 0 ? `under ${dotted(parent)}` : 'at the top level';
  const hint = u.suggestion === undefined && u.known.length > 0 && u.known.length <= LIST_KEYS ? `the chart's keys ${at}: ${u.known.join(', ')}; Helm ignores any other key` : undefined;
  return finding(rule, where, message, hint);
}

/** `child, under "sidecar"` when the key is in a subchart's values. */
function subchartOf(chart: ChartValues, path: string[]): string | undefined {
  for (let n = path.length - 1; n > 0; n--) {
    const name = chart.roots.get(encodePointer(path.slice(0, n)));
    if (name !== undefined) return `${name}, under "${path.slice(0, n).join('.')}"`;
  }
  return undefined;
}
