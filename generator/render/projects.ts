import type { Plan } from '../plan/types.js';
import type { AppProject, GroupKind } from '../model/k8s.js';
import { CLUSTER_SCOPED_KINDS, groupOf } from '../model/k8s.js';
import { MANAGED_BY, RESOURCES_FINALIZER } from '../model/labels.js';
import { groupBy } from '../core/group.js';
import { recordKey } from '../model/renders.js';
import type { InstanceRender } from './types.js';

/**
 * One AppProject per `project:` with least privilege: only the repositories its apps use, only
 * the clusters and namespaces they deploy to, and only the cluster-scoped kinds they need: those
 * of the generator's own manifests, `clusterResources:` of the app files and components, and what
 * `generate --render` recorded the charts render (charts.lock.yaml `renders:`).
 */
export function buildProjects(plan: Plan, instances: InstanceRender[]): AppProject[] {
  const rc = plan.config.rootConfig;
  const names = [...new Set(plan.config.apps.map((a) => a.project))].sort();
  const byProject = groupBy(instances, (i) => i.instance.app.project);
  return names.map((name) => {
    const mine = byProject.get(name) ?? [];
    const repos = new Set<string>();
    const dests = new Map<string, { server?: string; name?: string; namespace: string }>();
    const kinds = new Map<string, GroupKind>();
    const addKind = (gk: GroupKind) => kinds.set(`${gk.group}/${gk.kind}`, { group: gk.group, kind: gk.kind });
    const addDest = (cluster: { server?: string; destinationName?: string }, namespace: string) => {
      const key = `${cluster.server ?? cluster.destinationName}|${namespace}`;
      dests.set(key, cluster.server ? { server: cluster.server, namespace } : { name: cluster.destinationName!, namespace });
    };
    for (const r of mine) {
      const { app, cluster } = r.instance;
      if (r.chart) repos.add(r.chart.repoURL);
      if (r.valuesPath || r.resourcesPath) repos.add(rc.repo.url);
      addDest(cluster, app.namespace);
      for (const m of r.manifests) {
        if (m.object.metadata.namespace) addDest(cluster, m.object.metadata.namespace);
        if (CLUSTER_SCOPED_KINDS.has(m.object.kind)) addKind({ group: groupOf(m.object.apiVersion), kind: m.object.kind });
      }
      for (const gk of r.clusterResources) addKind(gk);
      const recorded = plan.config.renders.get(recordKey(cluster.name, app.name));
      if (recorded) {
        for (const gk of recorded.clusterResources) addKind(gk);
        for (const ns of recorded.namespaces) addDest(cluster, ns);
      }
      if (r.application.spec.syncPolicy.syncOptions?.includes('CreateNamespace=true')) addKind({ group: '', kind: 'Namespace' });
    }
    const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name,
        namespace: rc.argocd.namespace,
        labels: { ...MANAGED_BY },
        // Deleting a project that still has apps would strand them; Argo CD blocks it with this.
        finalizers: [RESOURCES_FINALIZER],
      },
      spec: {
        description: `Apps of project '${name}': ${[...new Set(mine.map((i) => i.instance.app.name))].sort().join(', ') || '(none)'}`,
        sourceRepos: [...repos].sort(),
        destinations: byKey(dests),
        clusterResourceWhitelist: byKey(kinds),
        orphanedResources: { warn: true },
      },
    };
  });
}

/** Whether a render record of charts.lock.yaml shaped the project (it is then one of its sources). */
export function usesRenderRecords(plan: Plan, project: string): boolean {
  return plan.apps.some((p) => p.app.project === project && p.instances.some((i) => plan.config.renders.has(recordKey(i.cluster.name, p.app.name))));
}
