import type { Diagnostic } from '../../model/diagnostics.js';
import { atChart, describeRendered, listSome, renderedTree } from '../rendered.js';
import type { LintRule } from '../types.js';
import { finding } from '../blame.js';

/**
 * Argo CD runs Helm hooks only as sync hooks: pre-install/pre-upgrade as PreSync, post-install/
 * post-upgrade as PostSync. A chart's test, pre-/post-delete and pre-/post-rollback hooks are
 * dropped, so whatever they do (a cleanup Job, a smoke test) never happens.
 */
export const renderedHookNotRun: LintRule = {
  id: 'rendered/hook-not-run',
  scope: 'tree',
  severity: 'warning',
  title: 'a chart has Helm hooks Argo CD never runs (test, pre/post-delete, pre/post-rollback)',
  hint: 'nothing to do if the hook does not matter under Argo CD; otherwise do its work another way (an Argo CD hook such as argocd.argoproj.io/hook: PostDelete on an object of your own)',
  docs: 'lint-rules.md#rules-on-rendered-objects',
  check(ctx) {
    const render = renderedTree(ctx);
    if (!render) return [];
    const out: Diagnostic[] = [];
    for (const h of render.apps) {
      const dropped = h.objects.filter((o) => o.hook !== undefined && !o.applied && !isArgoSkip(o.data));
      if (dropped.length === 0) continue;
      const named = dropped.map((o) => `${describeRendered(o)} (${o.hook!.join(', ')})`);
      out.push(finding(this, atChart(ctx, h.app, h.sourceIndex), `Argo CD never runs these Helm hooks of chart ${h.chart.name} ${h.chart.version} (${h.app.name}); it maps only pre-install/pre-upgrade to PreSync and post-install/post-upgrade to PostSync: ${listSome(named)}`));
    }
    return out;
  },
};

function isArgoSkip(data: Record<string, unknown>): boolean {
  const md = data['metadata'] as { annotations?: Record<string, unknown> } | undefined;
  const v = md?.annotations?.['argocd.argoproj.io/hook'];
  return typeof v === 'string' && v.includes('Skip');
}
