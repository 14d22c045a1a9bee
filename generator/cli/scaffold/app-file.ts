import { stringify } from 'yaml';
import type { ChartRef, MeshMode } from '../../model/config.js';

export interface NewApp {
  name: string;
  namespace?: string;
  chart?: ChartRef;
  mesh?: MeshMode;
  dependsOn: string[];
}

/**
 * The app file `new-app` writes. Key order matters: `chart:` holds repoURL, name, version in that
 * order, one per line, which is what the Renovate regex in renovate.json reads.
 */
export function appFileText(app: NewApp, header: string): string {
  const doc: Record<string, unknown> = { description: app.chart ? `${app.name} (chart ${app.chart.name})` : app.name };
  if (app.namespace) doc.namespace = app.namespace;
  if (app.chart) doc.chart = { repoURL: app.chart.repoURL, name: app.chart.name, version: app.chart.version };
  if (app.mesh) doc.mesh = app.mesh;
  if (app.dependsOn.length) doc.dependsOn = app.dependsOn;
  return `${header}\n${stringify(doc, { lineWidth: 0 })}`;
}

/** The starting values template of a chart app. */
export function valuesFileText(app: NewApp & { chart: ChartRef }, rendered: string): string {
  return `# Helm values of ${app.chart.name} ${app.chart.version} (${app.chart.repoURL}), rendered per cluster into ${rendered}.
# Strings may read template variables, e.g. host: "${app.name}.{{settings.domain}}" (cluster.*, settings.*, vars.*, app.*).
{}
`;
}

/** The starting resources template of an app without a chart (it must deploy something). */
export function resourceFileText(app: NewApp): string {
  return `# An extra manifest of ${app.name}: one Kubernetes object per document; strings may read template variables.
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app.name}
data:
  cluster: "{{cluster.name}}"
`;
}
