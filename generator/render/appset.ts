import type { Diagnostic } from '../core/diagnostics.js';
import type { AppConfig, RootConfig } from '../config/types.js';
import type { ApplicationSet, ApplicationSpec, RollingSyncStep } from './k8s-types.js';
import { LABEL_APP, LABEL_CLUSTER, LABEL_STAGE, LABEL_WAVE, MANAGED_BY, RESOURCES_FINALIZER, SYNC_WAVE } from './labels.js';
import { paths } from './paths.js';
import type { InstanceRender } from './render.js';

/**
 * An app on several clusters as one ApplicationSet (Progressive Syncs mode). A list generator
 * carries each cluster's name, destination and stage; `missingkey=error` makes a typo in the
 * template fail loudly. RollingSync steps roll the app out stage by stage (e.g. lab before home);
 * ordering between apps comes from the sync waves on the ApplicationSets plus the generated
 * ApplicationSet health check, since RollingSync only orders Applications of one set.
 */
export function buildApplicationSet(rc: RootConfig, app: AppConfig, mine: InstanceRender[], diagnostics: Diagnostic[]): ApplicationSet | undefined {
  const byServer = mine.every((m) => m.instance.cluster.server !== undefined);
  const byName = mine.every((m) => m.instance.cluster.destinationName !== undefined);
  if (!byServer && !byName) {
    diagnostics.push({
      severity: 'error',
      code: 'render/mixed-destinations',
      file: app.file,
      message: `app '${app.name}' targets clusters given by server URL and by Argo CD cluster name; one ApplicationSet needs one kind`,
      hint: 'give every cluster of this app a server, or every one a destinationName, in cluster.yaml',
    });
    return undefined;
  }
  const first = mine[0]!;
  const elements = mine.map((m) => ({
    cluster: m.instance.cluster.name,
    destination: (byServer ? m.instance.cluster.server : m.instance.cluster.destinationName)!,
    stage: m.instance.cluster.labels[rc.argocd.stageLabel] ?? 'none',
  }));
  // The per-cluster spec is the same object with the cluster parts replaced by template fields.
  const spec: ApplicationSpec = structuredClone(first.application.spec);
  spec.destination = { ...(byServer ? { server: '{{.destination}}' } : { name: '{{.destination}}' }), namespace: app.namespace };
  const sources = spec.sources ?? (spec.source ? [spec.source] : []);
  for (const s of sources) {
    if (s.helm) s.helm.valueFiles = s.helm.valueFiles.map(() => `$values/${paths.valuesTemplated(app.name)}`);
    if (s.path !== undefined) s.path = paths.resourcesDirTemplated(app.name);
  }
  const missingResources = mine.some((m) => (m.resourcesPath === undefined) !== (first.resourcesPath === undefined));
  if (missingResources) {
    diagnostics.push({
      severity: 'error',
      code: 'render/appset-shape',
      file: app.file,
      message: `app '${app.name}' has extra manifests on some clusters and none on others, which one ApplicationSet template cannot express`,
      hint: 'give every cluster at least one resource, or split the app',
    });
    return undefined;
  }
  const { stages, maxUpdate } = rc.argocd;
  const steps: RollingSyncStep[] = stages.length
    ? [
        ...stages.map((stage): RollingSyncStep => ({ matchExpressions: [{ key: LABEL_STAGE, operator: 'In', values: [stage] }], maxUpdate })),
        // Applications no step matches are never synced by RollingSync: catch the rest last.
        { matchExpressions: [{ key: LABEL_STAGE, operator: 'NotIn', values: [...stages] }], maxUpdate },
      ]
    : [{ matchExpressions: [{ key: LABEL_APP, operator: 'In', values: [app.name] }], maxUpdate }];
  // RollingSync drives syncs itself and forces auto-sync off on the generated Applications.
  delete spec.syncPolicy.automated;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: {
      name: app.name,
      namespace: rc.argocd.namespace,
      labels: { ...MANAGED_BY, [LABEL_APP]: app.name, [LABEL_WAVE]: String(first.instance.wave) },
      annotations: { [SYNC_WAVE]: String(first.instance.wave) },
    },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements } }],
      strategy: { type: 'RollingSync', rollingSync: { steps } },
      template: {
        metadata: {
          name: `{{.cluster}}-${app.name}`,
          labels: {
            ...MANAGED_BY,
            [LABEL_APP]: app.name,
            [LABEL_CLUSTER]: '{{.cluster}}',
            [LABEL_STAGE]: '{{.stage}}',
            [LABEL_WAVE]: String(first.instance.wave),
          },
          finalizers: [RESOURCES_FINALIZER],
        },
        spec,
      },
    },
  };
}
