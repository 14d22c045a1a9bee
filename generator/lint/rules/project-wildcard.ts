import type { Diagnostic } from '../../model/diagnostics.js';
import { encodePointer } from '../../model/source.js';
import { CLUSTER_FILE } from '../../model/files.js';
import { at, finding, preferConfig, type Where } from '../blame.js';
import { list, obj, str, treeOf, type TreeObject } from '../tree.js';
import type { LintContext, LintRule } from '../types.js';

/**
 * AppProjects are the blast-radius limit of every app in them, so they grant least privilege. A `*`
 * lets an app pull from any repository, deploy to any cluster or namespace, or create any kind,
 * e.g. a ClusterRoleBinding to cluster-admin.
 */
export const projectWildcard: LintRule = {
  id: 'project-wildcard',
  scope: 'tree',
  severity: 'error',
  title: 'an AppProject allows `*` in sourceRepos, destinations or resource whitelists',
  hint: 'list the exact repositories, destinations and kinds; the generator derives them from the apps of the project',
  docs: 'lint-rules.md#project-wildcard',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const o of treeOf(ctx).objects) {
      if (o.group !== 'argoproj.io' || o.kind !== 'AppProject') continue;
      const spec = obj(o.data['spec']);
      const report = (path: (string | number)[], what: string, value: string, config?: Where) =>
        out.push(finding(this, preferConfig(ctx, at(ctx, o, encodePointer(['spec', ...path])), config), `AppProject ${o.name} (${o.file}) allows ${what} '${value}'`));

      list(spec['sourceRepos']).forEach((r, i) => {
        if (typeof r === 'string' && r.includes('*')) report(['sourceRepos', i], 'any source repository matching', r, configFor(ctx, o, (a) => (a.chart?.repoURL === r ? '/chart/repoURL' : undefined)));
      });
      list(spec['destinations']).forEach((d, i) => {
        for (const field of ['server', 'name', 'namespace'] as const) {
          const v = str(obj(d)[field]);
          if (v === undefined || !v.includes('*')) continue;
          const config = field === 'namespace' ? configFor(ctx, o, (a) => (a.namespace === v ? '/namespace' : undefined)) : clusterFor(ctx, field, v);
          report(['destinations', i, field], `destination ${field}`, v, config);
        }
      });
      for (const wl of ['clusterResourceWhitelist', 'namespaceResourceWhitelist'] as const) {
        list(spec[wl]).forEach((e, i) => {
          const group = str(obj(e)['group']) ?? '';
          const kind = str(obj(e)['kind']) ?? '';
          if (!group.includes('*') && !kind.includes('*')) return;
          const config =
            wl === 'clusterResourceWhitelist'
              ? configFor(ctx, o, (a) => {
                  const j = a.clusterResources.findIndex((r) => r.group === group && r.kind === kind);
                  return j >= 0 ? `/clusterResources/${j}` : undefined;
                })
              : undefined;
          report([wl, i], `${wl} entry`, `${group}/${kind}`, config);
        });
      }
    }
    return out;
  },
};

/** The first app of the project whose file holds the value. */
function configFor(ctx: LintContext, project: TreeObject, pointerIn: (a: LintContext['plan']['config']['apps'][number]) => string | undefined): Where | undefined {
  for (const a of ctx.plan.config.apps) {
    if (a.project !== project.name) continue;
    const pointer = pointerIn(a);
    if (pointer !== undefined) return { file: a.file, pointer };
  }
  return undefined;
}

function clusterFor(ctx: LintContext, field: 'server' | 'name', value: string): Where | undefined {
  const i = ctx.plan.config.rootConfig.clusters.findIndex((c) => (field === 'server' ? c.server : c.destinationName) === value);
  return i >= 0 ? { file: CLUSTER_FILE, pointer: encodePointer(['clusters', i, field === 'server' ? 'server' : 'destinationName']) } : undefined;
}
