import type { Diagnostic } from '../model/diagnostics.js';
import { isK8sObject } from '../core/k8s-object.js';
import { deepMerge, isPlainObject } from '../core/merge.js';
import type { AppConfig, ChartRef, IgnoreDifference, SyncConfig } from '../model/config.js';
import { getComponent } from '../components/index.js';
import { ARGOCD_COMPONENT } from '../components/argocd.js';
import { UNKNOWN_KEY } from '../linkerd/key-check.js';
import { CHARTS_LOCK_FILE, CLUSTER_FILE } from '../model/files.js';
import { applyMesh, renderIngresses } from '../mesh/index.js';
import type { AppInstance, Plan } from '../plan/types.js';
import type { InstanceRender, RenderedFile, RenderResult, RenderSettings, TemplateOrigin } from './types.js';
import { buildApplication, type ApplicationInput } from './argocd.js';
import { buildApplicationSet } from './appset.js';
import { buildArgocdCm, buildRootApplication, buildRootProject } from './bootstrap.js';
import { buildProjects, usesRenderRecords } from './projects.js';
import { renderReadme } from './readme.js';
import { groupBy } from '../core/group.js';
import { renderTemplate } from './template.js';
import { parseSourceDocuments, positionOf } from '../core/yaml-source.js';
import { decodePointer, type SourceDocument } from '../model/source.js';
import { groupOf, type ApplicationSet, type K8sObject, type Namespace } from '../model/k8s.js';
import { healthChecksFor } from './health-checks.js';
import { chartSecretObjects, esoDependency } from './secrets.js';
import { applicationName, paths } from '../model/paths.js';
import { NO_PROGRESS, type Progress } from '../model/progress.js';

/** Turn the plan into typed objects and output files, in memory. */
export function render(plan: Plan, progress: Progress = NO_PROGRESS, settings: RenderSettings = {}): RenderResult {
  const diagnostics: Diagnostic[] = [];
  const files: RenderedFile[] = [];
  const instances: InstanceRender[] = [];
  const healthChecks: Record<string, string> = {};
  const rc = plan.config.rootConfig;

  const total = plan.apps.reduce((n, p) => n + p.instances.length, 0);
  let done = 0;
  for (const planned of plan.apps) {
    for (const inst of planned.instances) {
      progress.step('rendering', ++done, total, 'apps');
      const r = renderInstance(plan, inst, diagnostics, healthChecks, settings);
      if (r) instances.push(r);
    }
  }

  // Kinds in the tree the targeted Argo CD cannot judge get a check, so waves after them wait.
  const kinds = new Set(instances.flatMap((r) => r.manifests.map((m) => `${groupOf(m.object.apiVersion)}/${m.object.kind}`)));
  Object.assign(healthChecks, healthChecksFor(kinds, rc.argocd.version));
  completeInstances(instances, healthChecks);
  // Argo CD's own app carries the health checks in its values (configs.cm); a tree that does not
  // manage Argo CD gets them as a ConfigMap to apply once at bootstrap.
  const argocdManaged = instances.some((r) => r.instance.app.component === ARGOCD_COMPONENT);

  const appsets: ApplicationSet[] = [];
  const appsetApps = new Set<string>();
  if (rc.argocd.progressiveSyncs) {
    const byApp = groupBy(instances, (i) => i.instance.app.name);
    for (const planned of plan.apps) {
      const mine = byApp.get(planned.app.name) ?? [];
      if (mine.length < 2) continue;
      const set = buildApplicationSet(rc, planned.app, mine, diagnostics);
      if (!set) continue;
      appsets.push(set);
      appsetApps.add(planned.app.name);
      for (const m of mine) m.applicationPath = paths.appset(planned.app.name);
      files.push({ path: paths.appset(planned.app.name), sources: appSources(planned.app), documents: [set] });
    }
  }

  for (const r of instances) {
    const { app } = r.instance;
    if (!appsetApps.has(app.name)) files.push({ path: r.applicationPath, sources: appSources(app), documents: [r.application] });
    if (r.valuesPath) files.push({ path: r.valuesPath, sources: [CLUSTER_FILE, app.file, ...(app.values ? [app.values] : [])], documents: [r.values ?? {}] });
    for (const m of r.manifests) files.push({ path: m.path, sources: appSources(app), documents: [m.object] });
  }

  const projects = buildProjects(plan, instances);
  for (const p of projects) files.push({ path: paths.project(p.metadata.name), sources: [CLUSTER_FILE, ...projectSources(plan, p.metadata.name)], documents: [p] });

  files.push({ path: paths.rootApp(), sources: [CLUSTER_FILE], documents: [buildRootApplication(rc)] });
  files.push({ path: paths.rootProject(), sources: [CLUSTER_FILE], documents: [buildRootProject(rc)] });
  if (!argocdManaged) files.push({ path: paths.argocdCm(), sources: [CLUSTER_FILE], documents: [buildArgocdCm(rc, healthChecks)] });
  files.push({ path: paths.readme(), sources: plan.config.inputs, text: renderReadme(plan, instances, appsets) });

  // Two things written to one path would silently lose one of them.
  const originOf = new Map<string, TemplateOrigin[]>();
  for (const r of instances) for (const m of r.manifests) if (m.origin) originOf.set(m.path, [...(originOf.get(m.path) ?? []), m.origin]);
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) {
      const from = (originOf.get(f.path) ?? []).map((o) => `${o.file} (document ${o.index})`);
      diagnostics.push({
        severity: 'error',
        code: 'render/duplicate-output',
        file: f.sources.find((s) => s.startsWith('apps/')) ?? CLUSTER_FILE,
        message: `two objects would be written to ${f.path}${from.length ? `: from ${[...new Set(from)].join(' and ')}` : ''}`,
        hint: 'give the objects distinct kinds or names (extra manifests are written as <kind>-<name>.yaml per app and cluster)',
      });
    }
    seen.add(f.path);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, instances, projects, appsets, healthChecks, diagnostics };
}

/**
 * The post-pass: components whose values or manifests depend on the whole tree (Argo CD's health
 * checks, a secret store's users) finish their apps once every app on every cluster is rendered.
 */
function completeInstances(instances: InstanceRender[], healthChecks: Record<string, string>): void {
  const byCluster = groupBy(instances, (i) => i.instance.cluster.name);
  for (const r of instances) {
    const component = r.instance.app.component ? getComponent(r.instance.app.component) : undefined;
    if (!component?.complete) continue;
    const onCluster = (byCluster.get(r.instance.cluster.name) ?? []).flatMap((i) => i.manifests.map((m) => m.object));
    const done = component.complete({ values: r.values ?? {}, manifests: r.manifests.map((m) => m.object) }, r.instance.ctx, { healthChecks, manifestsOnCluster: onCluster });
    if (r.values) r.values = done.values;
    r.manifests = r.manifests.map((m, i) => ({ ...m, object: done.manifests[i] ?? m.object }));
  }
}

function appSources(app: AppConfig): string[] {
  return [CLUSTER_FILE, app.file, ...(app.values ? [app.values] : []), ...app.resources];
}

function projectSources(plan: Plan, project: string): string[] {
  const apps = plan.config.apps.filter((a) => a.project === project).map((a) => a.file);
  return usesRenderRecords(plan, project) ? [...apps, CHARTS_LOCK_FILE] : apps;
}

/** The template context: what `{{ }}` in values and resources templates can read. */
export function templateContext(inst: AppInstance, chart: ChartRef | undefined, plan: Plan): Record<string, unknown> {
  const { app, cluster } = inst;
  return {
    cluster: { name: cluster.name, server: cluster.server ?? '', destinationName: cluster.destinationName ?? '', labels: cluster.labels },
    settings: cluster.settings,
    vars: cluster.settings.vars,
    app: { name: app.name, namespace: app.namespace, project: app.project, wave: inst.wave, chart: chart ?? null },
    repo: plan.config.rootConfig.repo,
    argocd: { namespace: plan.config.rootConfig.argocd.namespace },
  };
}

function renderInstance(plan: Plan, inst: AppInstance, diagnostics: Diagnostic[], healthChecks: Record<string, string>, settings: RenderSettings): InstanceRender | undefined {
  const { app, cluster } = inst;
  const rc = plan.config.rootConfig;
  const component = app.component ? getComponent(app.component) : undefined;
  const contrib = component?.contribute(inst.ctx) ?? {};
  Object.assign(healthChecks, contrib.healthChecks ?? {});
  const chart = contrib.chart ?? app.chart;
  const ctx = templateContext(inst, chart, plan);
  const before = diagnostics.length;

  // Values: component defaults under the operator's template.
  let values: Record<string, unknown> = structuredClone(contrib.values ?? {});
  if (app.values && !chart) unusedValues(plan, app, diagnostics);
  if (app.values) {
    const t = renderTemplate(app.values, plan.config.templates.get(app.values)!, ctx);
    diagnostics.push(...t.diagnostics);
    const doc = t.documents[0];
    if (t.documents.length > 1) {
      diagnostics.push({ severity: 'error', code: 'template/multiple-documents', file: app.values, message: 'a values template must be one YAML document' });
    } else if (doc !== undefined && doc !== null && !isPlainObject(doc)) {
      diagnostics.push({ severity: 'error', code: 'template/values-not-a-map', file: app.values, line: 1, col: 1, message: 'Helm values must be a YAML mapping (key: value pairs)' });
    } else if (isPlainObject(doc)) values = deepMerge(values, doc);
  }

  // Extra manifests: component objects, then the operator's templates (remembering which).
  const origins = new WeakMap<object, TemplateOrigin>();
  const manifests: K8sObject[] = [...(contrib.manifests ?? []).map((m) => structuredClone(m))];
  for (const file of app.resources) {
    const t = renderTemplate(file, plan.config.templates.get(file)!, ctx);
    diagnostics.push(...t.diagnostics);
    t.documents.forEach((doc, i) => {
      if (!isK8sObject(doc)) {
        diagnostics.push({
          severity: 'error',
          code: 'template/not-a-manifest',
          file,
          message: `document ${i + 1} is not a Kubernetes object (needs apiVersion, kind and metadata.name)`,
          hint: 'resources templates hold Kubernetes manifests; Helm values belong in values.yaml',
        });
      } else {
        manifests.push(doc);
        origins.set(doc, { file, index: i + 1 });
      }
    });
  }
  // Secrets the chart's values name, made in the cluster when External Secrets runs there.
  manifests.push(...chartSecretObjects(inst, chart, values));
  const renderedIngress = { ...inst, app: { ...app, ingress: [...app.ingress, ...(contrib.ingress ?? [])].map((r) => ({ ...r, host: renderString(r.host, ctx, app.file, diagnostics) })) } };
  const ing = renderIngresses(renderedIngress);
  diagnostics.push(...ing.diagnostics);
  manifests.push(...ing.manifests);

  diagnostics.push(...esoDependency(inst, manifests));
  const mesh = applyMesh({ instance: inst, values, manifests });
  diagnostics.push(...mesh.diagnostics);
  // The mesh step returns edited copies, in input order, then the objects it adds.
  manifests.forEach((m, i) => {
    const origin = origins.get(m);
    const copy = mesh.manifests[i];
    if (origin && copy) origins.set(copy, origin);
  });
  values = mesh.values;

  const nsLabels = { ...app.namespaceMetadata.labels, ...(contrib.namespace?.labels ?? {}), ...mesh.namespaceLabels };
  const nsAnnotations = { ...app.namespaceMetadata.annotations, ...(contrib.namespace?.annotations ?? {}), ...mesh.namespaceAnnotations };
  const finalManifests = [...mesh.manifests];
  const namespaceObject = app.namespaceObject || contrib.namespace?.object === true;
  if (namespaceObject) {
    const ns: Namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: app.namespace,
        ...(Object.keys(nsLabels).length ? { labels: sortRecord(nsLabels) } : {}),
        ...(Object.keys(nsAnnotations).length ? { annotations: sortRecord(nsAnnotations) } : {}),
      },
    };
    finalManifests.unshift(ns);
  }

  const keyTableFindings: Diagnostic[] = [];
  if (chart && component?.checkValues) {
    const where = app.values ? { file: app.values, locate: templateLocator(app.values, plan.config.templates.get(app.values)!) } : { file: app.file };
    for (const d of component.checkValues(values, inst.ctx, where)) (settings.deferKeyTables && d.code === UNKNOWN_KEY ? keyTableFindings : diagnostics).push(d);
  }
  if (diagnostics.length > before && diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;

  const sync: SyncConfig = { ...app.sync, ...(contrib.sync ?? {}) };
  // A Namespace object in the app replaces CreateNamespace (and would override its metadata).
  if (namespaceObject) sync.createNamespace = false;
  const ignoreDifferences: IgnoreDifference[] = [...(contrib.ignoreDifferences ?? []), ...app.ignoreDifferences, ...mesh.ignoreDifferences];
  if (mesh.respectIgnoreDifferences) sync.respectIgnoreDifferences = true;

  const valuesPath = chart ? paths.values(cluster.name, app.name) : undefined;
  const manifestsOut = finalManifests.map((object) => {
    const origin = origins.get(object);
    return { path: paths.resource(cluster.name, app.name, manifestFileName(object, app.namespace)), object, ...(origin ? { origin } : {}) };
  });
  const resourcesPath = manifestsOut.length ? paths.resourcesDir(cluster.name, app.name) : undefined;
  const stage = cluster.labels[rc.argocd.stageLabel];
  const input: ApplicationInput = {
    name: applicationName(cluster.name, app.name),
    app: app.name,
    cluster: cluster.name,
    ...(stage ? { stage } : {}),
    argocdNamespace: rc.argocd.namespace,
    project: app.project,
    wave: inst.wave,
    repo: rc.repo,
    ...(chart ? { chart } : {}),
    releaseName: app.releaseName ?? contrib.releaseName ?? app.name,
    ...(valuesPath ? { valuesPath } : {}),
    ...(resourcesPath ? { resourcesPath } : {}),
    destination: { ...(cluster.server ? { server: cluster.server } : { name: cluster.destinationName! }), namespace: app.namespace },
    sync,
    ...(namespaceObject ? {} : { namespaceMetadata: { labels: sortRecord(nsLabels), annotations: sortRecord(nsAnnotations) } }),
    ignoreDifferences,
    ...(contrib.finalizer === false ? { finalizer: false } : {}),
  };
  return {
    instance: inst,
    ...(chart ? { chart } : {}),
    ...(chart ? { values } : {}),
    ...(valuesPath ? { valuesPath } : {}),
    manifests: manifestsOut,
    ...(resourcesPath ? { resourcesPath } : {}),
    application: buildApplication(input),
    applicationPath: paths.application(cluster.name, app.name),
    clusterResources: [...app.clusterResources, ...(contrib.clusterResources ?? [])],
    ...(keyTableFindings.length ? { keyTableFindings } : {}),
  };
}

/**
 * Positions inside a template for values it sets itself (values a component added have no line
 * in the template, so they get none rather than a misleading one).
 */
export function templateLocator(file: string, text: string, index = 1): (pointer: string) => { line: number; col: number } | undefined {
  let src: SourceDocument | undefined | null = null;
  return (pointer) => {
    if (src === null) src = parseSourceDocuments(file, text).filter((d) => d.doc.contents !== null)[index - 1];
    if (!src || !src.doc.hasIn(decodePointer(pointer))) return undefined;
    return positionOf(src, pointer);
  };
}

/** A values template only ever reaches a chart; without one it is dead text. Said once per app. */
function unusedValues(plan: Plan, app: AppConfig, diagnostics: Diagnostic[]): void {
  const named = plan.config.sources.get(app.file)?.doc.hasIn(['values']) === true;
  const where = named ? { file: app.file, pointer: '/values' } : { file: app.values!, line: 1, col: 1 };
  if (diagnostics.some((d) => d.code === 'render/unused-values' && d.file === where.file)) return;
  diagnostics.push({
    severity: 'warning',
    code: 'render/unused-values',
    ...where,
    message: `app '${app.name}' has a values template but no chart, so the template is never used`,
    hint: named
      ? 'add a chart (or a component that brings one), or remove values:'
      : `add a chart (or a component that brings one), or delete ${app.values}; extra manifests belong in ${app.values!.replace(/values\.yaml$/, 'resources/')}`,
  });
}

function renderString(s: string, ctx: Record<string, unknown>, file: string, diagnostics: Diagnostic[]): string {
  if (!s.includes('{{')) return s;
  const t = renderTemplate(file, JSON.stringify(s), ctx);
  diagnostics.push(...t.diagnostics);
  return typeof t.documents[0] === 'string' ? t.documents[0] : s;
}

/** `<kind>-[<namespace>-]<name>.yaml`, the namespace only when it is not the app's own. */
function manifestFileName(o: K8sObject, appNamespace: string): string {
  const ns = o.metadata.namespace && o.metadata.namespace !== appNamespace ? `${o.metadata.namespace}-` : '';
  return `${o.kind.toLowerCase()}-${ns}${o.metadata.name}.yaml`.replace(/[^a-z0-9.-]/g, '-');
}

function sortRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
