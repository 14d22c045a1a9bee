import type { PlannedApp } from '../../plan/types.js';
import { wavePath } from '../../plan/graph.js';
import { paths } from '../../model/paths.js';
import type { BuiltTree } from '../../pipeline.js';
import type { InstanceRender } from '../../render/types.js';

/** `cert-manager (0) -> trust-manager (1) -> linkerd-identity (2)`: the chain behind an app's wave. */
export function waveReason(tree: BuiltTree, app: string): string {
  const waves = new Map(tree.plan.apps.map((p) => [p.app.name, p.wave]));
  const deps = new Map(tree.plan.apps.map((p) => [p.app.name, p.app.dependsOn]));
  const chain = wavePath(app, (a) => deps.get(a) ?? [], waves);
  if (chain.length === 1) return 'wave 0: it depends on no app';
  return `wave ${waves.get(app)}, from its longest dependency chain: ${chain.map((a) => `${a} (${waves.get(a)})`).join(' -> ')}`;
}

/** Where an extra manifest came from: a template of the operator's, or the generator itself. */
function originOf(r: InstanceRender, m: InstanceRender['manifests'][number]): string {
  if (m.origin) return `from ${m.origin.file}${m.origin.index > 1 ? ` (document ${m.origin.index})` : ''}`;
  const app = r.instance.app;
  if ((m.object.kind === 'Ingress' || m.object.kind === 'Middleware') && app.ingress.length) return `from ingress: in ${app.file}`;
  return app.component ? `built in: component ${app.component}` : 'built in: mesh recipe';
}

function objectName(o: { kind: string; metadata: { name?: string; namespace?: string } }): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`;
}

/** Two columns: path, then what it is. */
function table(rows: [string, string][], indent: string): string[] {
  const width = Math.min(70, Math.max(...rows.map(([p]) => p.length))) + 2;
  return rows.map(([p, what]) => `${indent}${p.padEnd(width)}${what}`);
}

function instanceLines(tree: BuiltTree, r: InstanceRender): string[] {
  const { app, cluster } = r.instance;
  const a = r.application;
  const dest = a.spec.destination;
  const rows: [string, string][] = [];
  const what = r.chart ? `chart ${r.chart.name} ${r.chart.version} from ${r.chart.repoURL}` : 'manifests only';
  const where = `into namespace ${dest.namespace ?? app.namespace} on ${dest.server ?? dest.name ?? cluster.name}`;
  if (r.applicationPath === paths.appset(app.name)) {
    rows.push([r.applicationPath, `ApplicationSet ${app.name}: generates Application ${a.metadata.name} for this cluster (${what}, ${where})`]);
  } else {
    rows.push([r.applicationPath, `Application ${a.metadata.name} (sync wave ${r.instance.wave}, project ${app.project}): ${what}, ${where}`]);
  }
  if (r.valuesPath) {
    const sources = tree.rendered.files.find((f) => f.path === r.valuesPath)?.sources ?? [];
    const from = [app.component ? `component ${app.component}` : '', ...sources.filter((s) => s !== r.valuesPath)].filter(Boolean).join(', ');
    rows.push([r.valuesPath, `Helm values of the chart, read through the Application's ref: values source (from ${from})`]);
  }
  if (r.resourcesPath) {
    rows.push([`${r.resourcesPath}/`, `extra manifests, synced as the Application's directory source (${r.manifests.length} object${r.manifests.length === 1 ? '' : 's'}):`]);
    for (const m of [...r.manifests].sort((x, y) => (x.path < y.path ? -1 : 1))) {
      rows.push([`  ${m.path.slice(r.resourcesPath.length + 1)}`, `${objectName(m.object)}, ${originOf(r, m)}`]);
    }
  }
  rows.push([paths.project(app.project), `AppProject ${app.project}: the repositories, destinations and cluster-scoped kinds its apps may use`]);
  return [`cluster ${cluster.name}:`, ...table(rows, '  ')];
}

/** Everything `explain <app>` prints. */
export function explainApp(tree: BuiltTree, planned: PlannedApp): string {
  const { app } = planned;
  const lines = [`${app.name} (${app.file})${app.description ? `: ${app.description}` : ''}`, `  ${waveReason(tree, app.name)}`];
  if (app.dependsOn.length) lines.push(`  depends on: ${[...app.dependsOn].sort().join(', ')}`);
  const dependents = tree.plan.apps.filter((p) => p.app.dependsOn.includes(app.name)).map((p) => p.app.name).sort();
  if (dependents.length) lines.push(`  needed by: ${dependents.join(', ')}`);
  const renders = tree.rendered.instances.filter((r) => r.instance.app.name === app.name);
  for (const r of renders) lines.push('', ...instanceLines(tree, r));
  for (const s of planned.skipped) lines.push('', `cluster ${s.cluster}: skipped (${s.reason})`);
  if (renders.length === 0 && planned.skipped.length === 0) lines.push('', 'deployed on no cluster: its clusters selector matches none');
  return lines.join('\n') + '\n';
}
