import type { RenderedObject } from '../../hydrate/types.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { encodePointer } from '../../model/source.js';
import { valueAt } from '../../core/value-at.js';
import { chartValuesOf } from '../chart-values.js';
import { defaultPasswords, secretEntries, type DefaultPassword } from '../default-credentials.js';
import { exposures, type Exposure } from '../exposure.js';
import { atChart, describeRendered, hydrateBlame, renderedTree, type RenderedApp } from '../rendered.js';
import type { LintContext, LintRule } from '../types.js';
import { finding, type Where } from '../blame.js';

/**
 * A chart's default admin password is published with the chart: whoever reads its values.yaml can
 * log in. Reachable through an Ingress, the workload is open to anyone who can reach the host.
 */
export const renderedDefaultCredentials: LintRule = {
  id: 'rendered/default-credentials',
  scope: 'tree',
  severity: 'error',
  title: "a rendered Secret carries its chart's default password for a workload an Ingress or IngressRoute exposes",
  hint: "take the password from a Secret you create in the cluster (the chart's existingSecret value, where it has one) or have one generated; never the chart's default",
  docs: 'lint-rules.md#rules-on-rendered-objects',
  check(ctx) {
    const render = renderedTree(ctx);
    if (!render) return [];
    const exposed = exposures(ctx, render.apps);
    const out: Diagnostic[] = [];
    for (const h of render.apps) {
      const defaults = defaultPasswords(chartValuesOf(h.archive).defaults, h.app.sourceValues[h.sourceIndex] ?? {});
      if (defaults.length === 0) continue;
      const services = h.objects.filter((o) => o.applied && o.group === '' && o.kind === 'Service').map((o) => `${o.namespace}/${o.name}`);
      for (const secret of h.objects.filter((o) => o.applied && o.group === '' && o.kind === 'Secret')) {
        const route = exposed.find((e) => e.service.startsWith(`${secret.namespace}/`) && services.includes(e.service));
        if (!route) continue;
        for (const { key, value } of secretEntries(secret)) {
          const fed = defaults.find((d) => d.value === value);
          if (fed) out.push(report(this, ctx, h, secret, key, fed, route));
        }
      }
    }
    return out;
  },
};

function report(rule: LintRule, ctx: LintContext, h: RenderedApp, secret: RenderedObject, key: string, fed: DefaultPassword, route: Exposure): Diagnostic {
  const dotted = fed.path.join('.');
  return finding(
    rule,
    whereSet(ctx, h, fed.path),
    `${describeRendered(secret)} holds chart ${h.chart.name} ${h.chart.version}'s default "${dotted}" in ${key}, and ${route.by} exposes Service ${route.service} of the release: anyone who has read the chart's values.yaml can log in`,
    `set "${dotted}" from a Secret you create in the cluster (the chart's existingSecret value, where it has one) or to a generated password; never the chart's default`,
  );
}

/** The values key that left the default in place: the key itself when set, else its nearest parent the values set, else the chart. */
function whereSet(ctx: LintContext, h: RenderedApp, path: string[]): Where {
  const values = h.app.sourceValues[h.sourceIndex] ?? {};
  const blame = hydrateBlame(ctx);
  for (let n = path.length; n > 0; n--) {
    if (valueAt(values, path.slice(0, n)) === undefined) continue;
    const where = blame.value(h.app, encodePointer(path.slice(0, n)));
    if (where) return where;
  }
  return atChart(ctx, h.app, h.sourceIndex);
}
