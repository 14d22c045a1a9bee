import type { Diagnostic } from '../model/diagnostics.js';
import type { AppConfig, RootConfig } from '../model/config.js';
import { CLUSTER_FILE } from '../model/files.js';
import { escapePointerSegment } from '../model/source.js';
import type { ApplicationSet, ApplicationSpec, RollingSyncStep } from '../model/k8s.js';
import { LABEL_APP, LABEL_CLUSTER, LABEL_STAGE, RESOURCES_FINALIZER, SYNC_WAVE } from '../model/labels.js';
import { applicationName, paths } from '../model/paths.js';
import { formatPath, show, TemplateFit } from './template-fit.js';
import type { InstanceRender } from './types.js';

/** Element keys every generated Application reads; per-cluster differences get their own keys. */
const BASE_KEYS = ['cluster', 'destination', 'stage'] as const;

/**
 * An app on several clusters as one ApplicationSet (Progressive Syncs mode). A list generator
 * carries one element per cluster; `missingkey=error` makes a typo in the template fail loudly.
 *
 * The template is derived from the per-cluster Applications the other mode would emit, so both
 * modes deploy the same thing on every cluster:
 * - a string that differs between clusters (the chart version of a Linkerd component on clusters
 *   running different Linkerd releases, say) becomes an element parameter in place;
 * - any other difference outside the sources (a namespace annotation only some Linkerd releases
 *   need, different ignoreDifferences) is left out of the template and set per element through
 *   `templatePatch`, the element carrying the cluster's value as JSON (null: absent there);
 * - a difference in the sources' shape or the destination is an error naming field and clusters.
 *
 * RollingSync steps roll the app out stage by stage. Sync waves do not order the Applications a
 * set generates: ordering between apps comes from the sync-wave annotation on each set in the
 * app-of-apps plus the ApplicationSet health check in argocd-cm.
 */
export function buildApplicationSet(rc: RootConfig, app: AppConfig, mine: InstanceRender[], diagnostics: Diagnostic[]): ApplicationSet | undefined {
  const clusters = mine.map((m) => m.instance.cluster.name);
  const byServer = mine.every((m) => m.instance.cluster.server !== undefined);
  const byName = mine.every((m) => m.instance.cluster.destinationName !== undefined);
  if (!byServer && !byName) {
    diagnostics.push({
      severity: 'error',
      code: 'render/mixed-destinations',
      file: app.file,
      message: `app '${app.name}' targets clusters given by server URL and by Argo CD cluster name (${describeDestinations(mine)}); one ApplicationSet needs one kind`,
      hint: 'give every cluster of this app a server, or every one a destinationName, in cluster.yaml; or set argocd.progressiveSyncs: false',
    });
    return undefined;
  }
  const withResources = mine.filter((m) => m.resourcesPath !== undefined).map((m) => m.instance.cluster.name);
  if (withResources.length > 0 && withResources.length < mine.length) {
    diagnostics.push({
      severity: 'error',
      code: 'render/appset-shape',
      file: app.file,
      message: `app '${app.name}' has extra manifests on ${withResources.join(', ')} but none on ${clusters.filter((c) => !withResources.includes(c)).join(', ')}; one ApplicationSet template cannot add a source on some clusters only`,
      hint: 'give the app at least one resource on every cluster, split it into two apps, or set argocd.progressiveSyncs: false',
    });
    return undefined;
  }
  checkStages(rc, mine, diagnostics);
  if (!checkMaxUpdate(rc, diagnostics)) return undefined;

  const first = mine[0]!;
  const elements: Record<string, string>[] = mine.map((m) => ({
    cluster: m.instance.cluster.name,
    destination: (byServer ? m.instance.cluster.server : m.instance.cluster.destinationName)!,
    // Clusters without a stage label get none; the catch-all step still rolls them out.
    stage: m.instance.cluster.labels[rc.argocd.stageLabel] ?? '',
  }));

  // The parts that differ by cluster name and destination, templated up front.
  const hint: ApplicationSpec = structuredClone(first.application.spec);
  hint.destination = { ...(byServer ? { server: '{{.destination}}' } : { name: '{{.destination}}' }), namespace: app.namespace };
  for (const s of hint.sources ?? (hint.source ? [hint.source] : [])) {
    if (s.helm?.valueFiles) s.helm.valueFiles = s.helm.valueFiles.map(() => `$values/${paths.valuesTemplated(app.name)}`);
    if (s.path !== undefined) s.path = paths.resourcesDirTemplated(app.name);
  }

  // RollingSync turns auto-sync off on the generated Applications itself, but it takes the prune
  // flag of its syncs from the template's syncPolicy.automated: dropping it here would leave
  // resources removed from git in the cluster. So the template keeps the app's sync policy.
  const fit = new TemplateFit(elements, first.application.spec, BASE_KEYS);
  const spec = fit.fitSpec(hint, mine.map((m) => m.application.spec));
  if (spec === undefined) {
    for (const mm of fit.mismatches) {
      diagnostics.push({
        severity: 'error',
        code: 'render/appset-shape',
        file: app.file,
        message: `app '${app.name}' differs between clusters at ${formatPath(mm.path)} (${mm.values.map((v, i) => `${clusters[i]}: ${show(v)}`).join('; ')}), which one ApplicationSet template cannot express`,
        hint: 'make the clusters agree on the setting behind this field, split the app, or set argocd.progressiveSyncs: false for per-cluster Applications',
      });
    }
    return undefined;
  }

  const wave = String(first.instance.wave);
  const labels = { ...(first.application.metadata.labels ?? {}) };
  const templatePatch = fit.patchText();
  const setSpec: ApplicationSet['spec'] = {
    goTemplate: true,
    goTemplateOptions: ['missingkey=error'],
    generators: [{ list: { elements } }],
    strategy: { type: 'RollingSync', rollingSync: { steps: rolloutSteps(rc, app) } },
    template: {
      metadata: {
        name: applicationName('{{.cluster}}', app.name),
        labels: { ...labels, [LABEL_CLUSTER]: '{{.cluster}}', [LABEL_STAGE]: '{{.stage}}' },
        // The same finalizer choice as the per-cluster Applications (Argo CD itself has none).
        ...(first.application.metadata.finalizers ? { finalizers: [RESOURCES_FINALIZER] } : {}),
      },
      spec,
    },
    ...(templatePatch !== undefined ? { templatePatch } : {}),
  };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: {
      name: app.name,
      namespace: rc.argocd.namespace,
      labels: Object.fromEntries(Object.entries(labels).filter(([k]) => k !== LABEL_CLUSTER && k !== LABEL_STAGE)),
      annotations: { [SYNC_WAVE]: wave },
    },
    spec: setSpec,
  };
}

/** One step per stage in `argocd.stages` order, then a catch-all: apps no step selects never sync. */
function rolloutSteps(rc: RootConfig, app: AppConfig): RollingSyncStep[] {
  const { stages, maxUpdate } = rc.argocd;
  if (stages.length === 0) return [{ matchExpressions: [{ key: LABEL_APP, operator: 'In', values: [app.name] }], maxUpdate }];
  return [
    ...stages.map((stage): RollingSyncStep => ({ matchExpressions: [{ key: LABEL_STAGE, operator: 'In', values: [stage] }], maxUpdate })),
    // NotIn also selects Applications without the label, so stage-less clusters land here.
    { matchExpressions: [{ key: LABEL_STAGE, operator: 'NotIn', values: [...stages] }], maxUpdate },
  ];
}

/**
 * A stage missing from `argocd.stages` still rolls out, but last; with no stages at all every
 * cluster rolls out in one step, at once. Say so once per cluster, at its stage label.
 */
function checkStages(rc: RootConfig, mine: InstanceRender[], diagnostics: Diagnostic[]): void {
  const { stages, stageLabel } = rc.argocd;
  for (const m of mine) {
    const c = m.instance.cluster;
    const stage = c.labels[stageLabel];
    if (stage !== undefined && stages.includes(stage)) continue;
    const message =
      stages.length === 0
        ? `cluster '${c.name}' ${stage === undefined ? `has no '${stageLabel}' label` : `has stage '${stage}'`}, but argocd.stages is empty, so its ApplicationSet Applications roll out in one step together with every other cluster`
        : stage === undefined
          ? `cluster '${c.name}' has no '${stageLabel}' label, so its ApplicationSet Applications roll out after every listed stage`
          : `cluster '${c.name}' has stage '${stage}', which argocd.stages does not list, so its ApplicationSet Applications roll out after every listed stage`;
    if (diagnostics.some((d) => d.code === 'render/unstaged-cluster' && d.message === message)) continue;
    const known = [...new Set([...stages, ...mine.map((x) => x.instance.cluster.labels[stageLabel]).filter((s): s is string => s !== undefined)])];
    diagnostics.push({
      severity: 'warning',
      code: 'render/unstaged-cluster',
      file: c.source.file,
      pointer: `${c.source.pointer}/labels${stage === undefined ? '' : `/${escapePointerSegment(stageLabel)}`}`,
      message,
      hint:
        stages.length === 0
          ? `add argocd.stages in rollout order, e.g. stages: [${known.join(', ')}], so a bad change stops at the first stage`
          : `add the stage to argocd.stages (${stages.join(', ')}) in the order it should roll out`,
    });
  }
}

/** `maxUpdate: 0%` would hold every step forever; the config schema allows it, so catch it here. */
function checkMaxUpdate(rc: RootConfig, diagnostics: Diagnostic[]): boolean {
  const m = rc.argocd.maxUpdate;
  if (typeof m !== 'string' || Number.parseInt(m, 10) > 0) return true;
  if (!diagnostics.some((d) => d.code === 'config/max-update-zero')) {
    diagnostics.push({
      severity: 'error',
      code: 'config/max-update-zero',
      file: CLUSTER_FILE,
      pointer: '/argocd/maxUpdate',
      message: `maxUpdate '${m}' lets RollingSync update no Application, so no rollout would ever progress`,
      hint: 'use a positive number or percentage (percentages round down but update at least one Application)',
    });
  }
  return false;
}

function describeDestinations(mine: InstanceRender[]): string {
  return mine.map((m) => `${m.instance.cluster.name}: ${m.instance.cluster.server !== undefined ? 'server' : 'destinationName'}`).join(', ');
}
