import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { finding } from './diagnostic.js';

/** workloads/ingress mode on a chart no recipe knows: there is no known values key for pod annotations. */
export const unknownChartMode: MeshRule = {
  id: 'unknown-chart-mode',
  scope: 'instance',
  severity: 'error',
  title: 'workloads or ingress mode on a chart without a recipe: the generator does not know where the chart takes pod annotations',
  hint: 'use namespace mode, or add a recipe for the chart',
  docs: 'meshing.md#rules',
  check({ instance, manifests }) {
    const { recipe, mode } = meshFacts(instance, manifests);
    const { app } = instance;
    if (recipe || (mode !== 'workloads' && mode !== 'ingress')) return [];
    // Plain-manifest apps are handled: their own pod templates get the annotations.
    if (!app.chart && app.component === undefined) return [];
    const what = app.chart ? `chart '${app.chart.name}'` : `component '${app.component}'`;
    return [
      finding(
        this,
        instance,
        '/mesh',
        `mesh mode '${mode}' needs to know where ${what} takes pod annotations, and no mesh recipe covers it`,
        "use mesh: namespace, or set linkerd.io/inject in the chart's pod annotations in your values template and use mesh: off, or add a recipe under generator/mesh/recipes/",
      ),
    ];
  },
};
