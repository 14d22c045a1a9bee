import type { RenderedObject } from '../../hydrate/types.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { covers, differences, entryMatches, ignoreEntriesOf } from '../ignore-differences.js';
import { atApp, describeRendered, listSome, renderedTree } from '../rendered.js';
import { obj } from '../tree.js';
import type { LintRule } from '../types.js';
import { ARGO_HOOK } from '../../hydrate/helm-output.js';
import { finding } from '../blame.js';

/**
 * A chart that renders differently every time (a random password, a timestamp, a generated
 * certificate) makes Argo CD find the app OutOfSync after every refresh and, with self-heal, sync
 * it forever. Two renders of the same inputs may differ only where the Application's
 * `ignoreDifferences` (or argocd-cm's system-wide ones) cover.
 */
export const renderedConvergence: LintRule = {
  id: 'rendered/convergence',
  scope: 'tree',
  severity: 'error',
  title: "two renders of a chart differ outside the Application's ignoreDifferences",
  hint: 'fix the value in the values (so the chart need not generate it), or add an ignoreDifferences entry (jsonPointers or jqPathExpressions) for each difference in the app file',
  docs: 'lint-rules.md#rules-on-rendered-objects',
  check(ctx) {
    const render = renderedTree(ctx);
    if (!render) return [];
    const out: Diagnostic[] = [];
    for (const h of render.apps) {
      const entries = ignoreEntriesOf(ctx, h.app);
      const diffs: string[] = [];
      const second = new Map(h.second.filter(compared).map((o) => [identity(o), o]));
      const seen = new Set<string>();
      for (const o of h.objects.filter(compared)) {
        const id = identity(o);
        seen.add(id);
        const other = second.get(id);
        const mine = entries.filter((e) => entryMatches(e, o));
        if (!other) {
          diffs.push(`${describeRendered(o)} is in one render only`);
          continue;
        }
        const pointers = differences(o.data, other.data, '').filter((p) => !mine.some((e) => covers(e, p)));
        if (pointers.length) diffs.push(`${describeRendered(o)} at ${pointers.join(', ')}`);
      }
      for (const [id, o] of second) if (!seen.has(id)) diffs.push(`${describeRendered(o)} is in one render only`);
      if (diffs.length === 0) continue;
      const unparsed = entries.flatMap((e) => e.unparsed);
      const note = unparsed.length ? ` (jqPathExpressions that are not plain paths cover nothing here: ${unparsed.join(', ')})` : '';
      out.push(finding(this, atApp(ctx, h.app, '/ignoreDifferences', `${h.app.specPointer}/ignoreDifferences`), `chart ${h.chart.name} ${h.chart.version} renders differently each time for ${h.app.name}, so Argo CD would never see it in sync: ${listSome(diffs)}${note}`));
    }
    return out;
  },
};

/** Hooks are not part of Argo CD's diff; objects it never applies are not either. */
function compared(o: RenderedObject): boolean {
  const annotations = obj(obj(o.data['metadata'])['annotations']);
  return o.applied && o.hook === undefined && annotations[ARGO_HOOK] === undefined;
}

function identity(o: RenderedObject): string {
  return JSON.stringify([o.group, o.kind, o.namespace ?? '', o.name]);
}

