import { groupBy } from '../core/group.js';
import type { Plan } from '../plan/types.js';
import { GENERATED_MARKER } from '../model/files.js';
import type { ApplicationSet } from '../model/k8s.js';
import type { InstanceRender } from './types.js';
import { bootstrapScript } from './bootstrap-steps.js';

/** `manifests/README.md`: the sync-wave table and a Mermaid dependency graph. */
export function renderReadme(plan: Plan, instances: InstanceRender[], appsets: ApplicationSet[]): string {
  const lines: string[] = [];
  lines.push(`<!-- ${GENERATED_MARKER}. Do not edit: change the config and run \`npm run generate\`. -->`);
  lines.push('# Generated Argo CD tree', '');
  lines.push(
    'Bootstrap each cluster once with the commands below (`gitops-generator bootstrap --cluster <name>` prints',
    'the same); Argo CD then syncs everything else from git. Apps sync in waves: an app waits until every',
    'app it depends on is Synced and Healthy.',
    '',
  );
  lines.push('## Bootstrap', '');
  for (const c of plan.clusters) lines.push(`### Cluster ${c.name}`, '', '```sh', bootstrapScript(plan, instances, c.name).trimEnd(), '```', '');
  lines.push('## Sync waves', '');
  lines.push('| wave | app | namespace | chart | clusters | depends on |', '|---:|---|---|---|---|---|');
  const appsetNames = new Set(appsets.map((a) => a.metadata.name));
  const sorted = [...plan.apps].sort((a, b) => a.wave - b.wave || (a.app.name < b.app.name ? -1 : 1));
  const byApp = groupBy(instances, (i) => i.instance.app.name);
  for (const p of sorted) {
    const mine = byApp.get(p.app.name) ?? [];
    // Clusters may run different chart versions (e.g. different Linkerd releases): show each.
    const charts = [...new Set(mine.map((i) => (i.chart ? `${i.chart.name} ${i.chart.version}` : 'manifests only')))];
    const chart = charts.length ? charts.join(', ') : p.app.chart ? `${p.app.chart.name} ${p.app.chart.version}` : p.app.component ? `(${p.app.component})` : 'manifests only';
    const where = [
      ...(mine.length ? [mine.map((i) => i.instance.cluster.name).join(', ')] : []),
      ...p.skipped.map((s) => `skipped on ${s.cluster}: ${s.reason}`),
    ].join('; ');
    lines.push(
      `| ${p.wave} | ${p.app.name}${appsetNames.has(p.app.name) ? ' (ApplicationSet)' : ''} | ${p.app.namespace} | ${chart} | ${escapePipes(where || '—')} | ${p.app.dependsOn.join(', ') || '—'} |`,
    );
  }
  lines.push('', '## Dependency graph', '', '```mermaid', 'flowchart LR');
  for (const p of sorted) lines.push(`  ${nodeId(p.app.name)}["${p.app.name}<br/>wave ${p.wave}"]`);
  for (const p of sorted) for (const d of [...p.app.dependsOn].sort()) lines.push(`  ${nodeId(d)} --> ${nodeId(p.app.name)}`);
  lines.push('```', '');
  lines.push('## Files', '');
  lines.push(
    '| path | what |',
    '|---|---|',
    '| `bootstrap/` | root app-of-apps Application and its AppProject (and the argocd-cm health checks when Argo CD is not an app of the tree) |',
    '| `projects/` | AppProjects (least privilege) |',
    '| `apps/<cluster>/<app>.yaml` | one Application per app and cluster |',
    '| `appsets/<app>.yaml` | ApplicationSets (Progressive Syncs mode) |',
    '| `values/<cluster>/<app>.yaml` | rendered Helm values, read through the `$values` source |',
    '| `resources/<cluster>/<app>/` | extra manifests, synced as a directory source |',
    '',
  );
  return lines.join('\n');
}

/**
 * A Mermaid node id for an app. The prefix keeps ids clear of flowchart keywords (`end`, `graph`,
 * `style`, `class`, `click`, `default`, ...) and of edge syntax (ids starting with `o` or `x`);
 * the label keeps the app's own name.
 */
function nodeId(name: string): string {
  return `app_${name.replace(/-/g, '_')}`;
}

function escapePipes(s: string): string {
  return s.replace(/\|/g, '\\|');
}
