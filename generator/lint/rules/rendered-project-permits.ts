import type { Diagnostic } from '../../model/diagnostics.js';
import { destinationPermitted, kindPermitted, sourcePermitted } from '../argo-match.js';
import { finding, at, atAppFile, preferConfig } from '../blame.js';
import { describeRendered, listSome, renderedTree } from '../rendered.js';
import { obj, str, treeOf, type TreeObject } from '../tree.js';
import type { LintRule } from '../types.js';

/**
 * Every object a chart renders must be allowed by its Application's AppProject, or Argo CD refuses
 * the sync ("resource ... is not permitted in project"). Checked with Argo CD's own matching, on
 * the project as it is in the tree.
 */
export const renderedProjectPermits: LintRule = {
  id: 'rendered/project-permits',
  scope: 'tree',
  severity: 'error',
  title: "a rendered object is not permitted by its Application's AppProject",
  hint: 'run `gitops-generator generate --render`: it records what the chart renders (charts.lock.yaml renders:) and derives the project from it; or list the kind under clusterResources: in the app file',
  docs: 'lint-rules.md#rules-on-rendered-objects',
  check(ctx) {
    const render = renderedTree(ctx);
    if (!render) return [];
    const projects = new Map<string, TreeObject>();
    for (const o of treeOf(ctx).objects) if (o.group === 'argoproj.io' && o.kind === 'AppProject' && !projects.has(o.name)) projects.set(o.name, o);
    const out: Diagnostic[] = [];
    for (const h of render.apps) {
      const name = str(h.app.spec['project']) ?? 'default';
      const project = projects.get(name);
      // A project outside the tree (Argo CD's default, or one made by hand in the cluster) cannot be judged.
      if (!project) continue;
      const spec = obj(project.data['spec']);
      const dest = obj(h.app.spec['destination']);
      const server = str(dest['server']);
      const destName = str(dest['name']);
      const who = `${h.app.kind === 'Application' ? 'Application' : 'ApplicationSet element'} ${h.app.name} (project ${name}, ${project.file})`;
      const inProject = (pointer: string) => at(ctx, project, pointer);

      if (!sourcePermitted(spec, h.chart.repoURL)) {
        out.push(finding(this, preferConfig(ctx, inProject('/spec/sourceRepos'), atAppFile(ctx, h.app.app, '/chart/repoURL')), `${who}: AppProject ${name} does not permit the chart repository ${h.chart.repoURL} (sourceRepos)`));
      }
      const kinds: string[] = [];
      const namespaces = new Map<string, string[]>();
      const namespacedKinds: string[] = [];
      for (const o of h.objects) {
        if (!o.applied) continue;
        if (o.scope === 'Cluster') {
          const k = kindPermitted(spec, o.group, o.kind, o.name, false);
          if (!k.ok) kinds.push(`${describeRendered(o)} (${o.group === '' ? 'core' : o.group}/${o.kind} ${k.why})`);
          continue;
        }
        const ns = o.namespace ?? '';
        if (!destinationPermitted(spec, { ...(server ? { server } : {}), ...(destName ? { name: destName } : {}), namespace: ns })) {
          namespaces.set(ns, [...(namespaces.get(ns) ?? []), describeRendered(o)]);
          continue;
        }
        const k = kindPermitted(spec, o.group, o.kind, o.name, true);
        if (!k.ok) namespacedKinds.push(`${describeRendered(o)} (${k.why})`);
      }
      if (kinds.length) {
        out.push(finding(this, preferConfig(ctx, inProject('/spec/clusterResourceWhitelist'), atAppFile(ctx, h.app.app, '/clusterResources')), `${who}: chart ${h.chart.name} ${h.chart.version} renders cluster-scoped objects AppProject ${name} does not permit: ${listSome(kinds)}`));
      }
      for (const [ns, objects] of namespaces) {
        out.push(finding(this, preferConfig(ctx, inProject('/spec/destinations'), atAppFile(ctx, h.app.app, '/namespace')), `${who}: chart ${h.chart.name} ${h.chart.version} renders into namespace ${ns}, which AppProject ${name} has no destination for: ${listSome(objects)}`));
      }
      if (namespacedKinds.length) {
        out.push(finding(this, inProject('/spec'), `${who}: AppProject ${name} does not permit these kinds of chart ${h.chart.name} ${h.chart.version}: ${listSome(namespacedKinds)}`, 'allow the kinds in the project, or leave them out of the chart values'));
      }
    }
    return out;
  },
};
