import type { RootConfig } from '../model/config.js';
import type { AppProject, Application, ConfigMap } from '../model/k8s.js';
import { IN_CLUSTER, MANAGED_BY } from '../model/labels.js';
import { MANIFESTS_DIR } from '../model/files.js';

export const ROOT_APP_NAME = 'root';

/**
 * The app-of-apps root: syncs the AppProjects, Applications and ApplicationSets, never the values
 * files or extra manifests (those belong to each app's own sources). No finalizer: deleting the
 * root must not cascade into deleting the whole platform.
 */
export function buildRootApplication(rc: RootConfig): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: ROOT_APP_NAME, namespace: rc.argocd.namespace, labels: { ...MANAGED_BY } },
    spec: {
      project: rc.argocd.rootProject,
      source: {
        repoURL: rc.repo.url,
        targetRevision: rc.repo.targetRevision,
        path: MANIFESTS_DIR,
        directory: { recurse: true, include: '{projects/*.yaml,apps/*/*.yaml,appsets/*.yaml}' },
      },
      destination: { server: IN_CLUSTER, namespace: rc.argocd.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '10m' } },
      },
    },
  };
}

/** The root's project may only create Argo CD objects in the Argo CD namespace. */
export function buildRootProject(rc: RootConfig): AppProject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: rc.argocd.rootProject, namespace: rc.argocd.namespace, labels: { ...MANAGED_BY } },
    spec: {
      description: 'The app-of-apps root: AppProjects, Applications and ApplicationSets only.',
      sourceRepos: [rc.repo.url],
      destinations: [{ server: IN_CLUSTER, namespace: rc.argocd.namespace }],
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [
        { group: 'argoproj.io', kind: 'AppProject' },
        { group: 'argoproj.io', kind: 'Application' },
        { group: 'argoproj.io', kind: 'ApplicationSet' },
      ],
    },
  };
}

/**
 * Only the keys this tree needs; apply it with server-side apply so it merges into the existing
 * argocd-cm instead of replacing it.
 */
export function buildArgocdCm(rc: RootConfig, healthChecks: Record<string, string>): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'argocd-cm',
      namespace: rc.argocd.namespace,
      labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' },
    },
    data: { ...healthChecks },
  };
}
