import type { ChartRef, IgnoreDifference, RepoConfig, SyncConfig } from '../model/config.js';
import type { Application, ApplicationDestination, ApplicationSource, ApplicationSpec, ResourceIgnoreDifferences, SyncPolicy } from '../model/k8s.js';
import { LABEL_APP, LABEL_CLUSTER, LABEL_STAGE, LABEL_WAVE, MANAGED_BY, RESOURCES_FINALIZER, SYNC_WAVE } from '../model/labels.js';

/** Everything the Application of one app on one cluster is made from, already resolved. */
export interface ApplicationInput {
  name: string;
  app: string;
  cluster: string;
  stage?: string;
  argocdNamespace: string;
  project: string;
  wave: number;
  repo: RepoConfig;
  chart?: ChartRef;
  releaseName: string;
  /** Repository path of the rendered values file (`manifests/values/...`), when there is a chart. */
  valuesPath?: string;
  /** Repository path of the extra-manifests directory, when the app has any. */
  resourcesPath?: string;
  destination: ApplicationDestination;
  sync: SyncConfig;
  namespaceMetadata?: { labels: Record<string, string>; annotations: Record<string, string> };
  ignoreDifferences: IgnoreDifference[];
  /** false: no resources finalizer (deleting the Application leaves its resources running). */
  finalizer?: boolean;
}

export function buildApplication(input: ApplicationInput): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: input.name,
      namespace: input.argocdNamespace,
      labels: applicationLabels(input),
      annotations: { [SYNC_WAVE]: String(input.wave) },
      // Without the finalizer, deleting the Application (e.g. removing the app file) would
      // orphan its resources instead of removing them.
      ...(input.finalizer === false ? {} : { finalizers: [RESOURCES_FINALIZER] }),
    },
    spec: buildApplicationSpec(input),
  };
}

export function applicationLabels(input: Pick<ApplicationInput, 'app' | 'cluster' | 'wave' | 'stage'>): Record<string, string> {
  return {
    ...MANAGED_BY,
    [LABEL_APP]: input.app,
    [LABEL_CLUSTER]: input.cluster,
    [LABEL_WAVE]: String(input.wave),
    ...(input.stage ? { [LABEL_STAGE]: input.stage } : {}),
  };
}

export function buildApplicationSpec(input: ApplicationInput): ApplicationSpec {
  const sources: ApplicationSource[] = [];
  if (input.chart) {
    sources.push({
      repoURL: input.chart.repoURL,
      chart: input.chart.name,
      targetRevision: input.chart.version,
      helm: {
        // Pin the release name: Argo CD would otherwise use the Application name, which carries
        // the cluster prefix and would rename every chart resource.
        releaseName: input.releaseName,
        valueFiles: input.valuesPath ? [`$values/${input.valuesPath}`] : [],
      },
    });
    if (input.valuesPath) sources.push({ repoURL: input.repo.url, targetRevision: input.repo.targetRevision, ref: 'values' });
  }
  if (input.resourcesPath) sources.push({ repoURL: input.repo.url, targetRevision: input.repo.targetRevision, path: input.resourcesPath });

  const spec: ApplicationSpec = {
    project: input.project,
    ...(sources.length === 1 ? { source: sources[0]! } : { sources }),
    destination: input.destination,
    syncPolicy: buildSyncPolicy(input),
  };
  if (input.ignoreDifferences.length) spec.ignoreDifferences = input.ignoreDifferences.map(normaliseIgnore);
  return spec;
}

function buildSyncPolicy(input: ApplicationInput): SyncPolicy {
  const s = input.sync;
  const options: string[] = [];
  if (s.createNamespace) options.push('CreateNamespace=true');
  if (s.serverSideApply) options.push('ServerSideApply=true');
  if (s.respectIgnoreDifferences || input.ignoreDifferences.length > 0) options.push('RespectIgnoreDifferences=true');
  if (s.skipDryRunOnMissingResource) options.push('SkipDryRunOnMissingResource=true');
  const policy: SyncPolicy = {
    automated: { prune: s.prune, selfHeal: s.selfHeal },
    ...(options.length ? { syncOptions: options } : {}),
    retry: { limit: s.retry.limit, backoff: { ...s.retry.backoff } },
  };
  const md = input.namespaceMetadata;
  // managedNamespaceMetadata only takes effect together with CreateNamespace=true.
  if (s.createNamespace && md && (Object.keys(md.labels).length || Object.keys(md.annotations).length)) {
    policy.managedNamespaceMetadata = {
      ...(Object.keys(md.labels).length ? { labels: md.labels } : {}),
      ...(Object.keys(md.annotations).length ? { annotations: md.annotations } : {}),
    };
  }
  return policy;
}

function normaliseIgnore(d: IgnoreDifference): ResourceIgnoreDifferences {
  // Argo CD matches the bare group; `admissionregistration.k8s.io/v1` would match nothing.
  const group = d.group.includes('/') ? d.group.slice(0, d.group.indexOf('/')) : d.group;
  return {
    group,
    kind: d.kind,
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(d.namespace !== undefined ? { namespace: d.namespace } : {}),
    ...(d.jsonPointers ? { jsonPointers: d.jsonPointers } : {}),
    ...(d.jqPathExpressions ? { jqPathExpressions: d.jqPathExpressions } : {}),
    ...(d.managedFieldsManagers ? { managedFieldsManagers: d.managedFieldsManagers } : {}),
  };
}
