import { parse } from 'yaml';
import type { AppConfig } from '../model/config.js';
import type { AppInstance } from '../plan/types.js';
import { argoAppsOf, deployedObjects } from './argocd-apps.js';
import { resolveValues } from './helm-values.js';
import { coveredBy, healthChecksIn } from './kinds.js';
import { asObject, obj, type ArgoApp, type LintTree, type TreeObject } from './tree-model.js';
import type { LintContext } from './types.js';

/** What rules import: the tree model, and the tree of a lint context built once. */
export * from './tree-model.js';
export { refValueFile } from './helm-values.js';

const cache = new WeakMap<LintContext, LintTree>();

/** The tree's model, computed once per context. */
export function treeOf(ctx: LintContext): LintTree {
  let t = cache.get(ctx);
  if (!t) cache.set(ctx, (t = buildTree(ctx)));
  return t;
}

export function appConfig(ctx: LintContext, name: string | undefined): AppConfig | undefined {
  return name === undefined ? undefined : ctx.plan.config.apps.find((a) => a.name === name);
}

export function planInstance(ctx: LintContext, app: string | undefined, cluster: string | undefined): AppInstance | undefined {
  if (app === undefined || cluster === undefined) return undefined;
  return ctx.plan.apps.find((p) => p.app.name === app)?.instances.find((i) => i.cluster.name === cluster);
}

/** Apps on a cluster, by app name. */
export function appsOn(t: LintTree, cluster: string | undefined): ArgoApp[] {
  return t.apps.filter((a) => a.cluster === cluster);
}

export function hasHealthCheck(t: LintTree, group: string, kind: string): boolean {
  return coveredBy(t.healthChecks, group, kind);
}

function buildTree(ctx: LintContext): LintTree {
  const repoURL = ctx.plan.config.rootConfig.repo.url;
  const paths = new Set(ctx.files.map((f) => f.path));
  const dirs = new Set<string>();
  for (const p of paths) {
    const segs = p.split('/');
    for (let i = 1; i < segs.length; i++) dirs.add(segs.slice(0, i).join('/'));
  }
  const objects = ctx.documents.map(asObject).filter((o): o is TreeObject => o !== undefined);
  // Sorted by file so each app's directory is a binary-searched range, not a scan of the tree.
  const byFile = [...objects].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  const firstDoc = new Map<string, unknown>();
  for (const d of ctx.documents) if (!firstDoc.has(d.file)) firstDoc.set(d.file, d.data);

  const apps = argoAppsOf(objects);
  const deployers = new Map<TreeObject, ArgoApp[]>();
  for (const a of apps) {
    a.deployed = deployedObjects(a, byFile, repoURL);
    for (const o of a.deployed) deployers.set(o, [...(deployers.get(o) ?? []), a]);
    resolveValues(a, repoURL, paths, firstDoc);
  }

  // argocd-cm as an object of the tree (applied at bootstrap), or as the values of Argo CD's own
  // app (the argo-cd chart renders `configs.cm` into argocd-cm).
  const healthChecks: string[] = [];
  for (const o of objects) if (o.group === '' && o.kind === 'ConfigMap' && o.name === 'argocd-cm') healthChecks.push(...checksOf(obj(o.data['data'])));
  for (const a of apps) if (a.chart === ARGO_CD_CHART) healthChecks.push(...checksOf(obj(obj(a.values['configs'])['cm'])));
  return { repoURL, paths, dirs, objects, apps, healthChecks, deployers };
}

/** The chart that renders argocd-cm from `configs.cm`. */
const ARGO_CD_CHART = 'argo-cd';

function checksOf(data: Record<string, unknown>): string[] {
  let legacy: unknown;
  try {
    legacy = typeof data['resource.customizations'] === 'string' ? parse(data['resource.customizations']) : undefined;
  } catch {
    legacy = undefined;
  }
  return healthChecksIn(data, legacy);
}
