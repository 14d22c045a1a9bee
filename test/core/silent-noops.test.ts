/**
 * Config that would silently do nothing is reported: a values folder no app reads, a values
 * template on an app without a chart, a meshed app that may sync before the proxy injector exists.
 */
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../generator/pipeline.js';
import type { Diagnostic } from '../../generator/model/diagnostics.js';
import { copyDefaultConfig, makeRepo, MINIMAL_CLUSTER, writeFiles } from '../helpers.js';

const CHART = 'chart:\n  repoURL: https://charts.example.com\n  name: demo\n  version: 1.2.3\n';
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata: {}\n';

function only(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

describe('a values folder no app reads', () => {
  it('warns with the folder and the nearest app name', async () => {
    const t = await buildTree(
      makeRepo({
        'cluster.yaml': MINIMAL_CLUSTER,
        'apps/cert-manager.yaml': CHART,
        'values/cert-manger/values.yaml': 'replicas: 2\n',
        'values/leftover/resources/configmap.yaml': CM,
        // Read by an app through an explicit path: in use.
        'apps/web.yaml': `${CHART}values: values/shared/web.yaml\n`,
        'values/shared/web.yaml': 'replicas: 1\n',
      }),
    );
    const w = only(t.diagnostics, 'config/unused-values-folder');
    expect(w.map((d) => [d.severity, d.file])).toEqual([
      ['warning', 'values/cert-manger/'],
      ['warning', 'values/leftover/'],
    ]);
    expect(w[0]!.message).toBe("values/cert-manger/ belongs to no app (there is no apps/cert-manger.yaml) and no app reads a file in it; did you mean 'cert-manager'?");
    expect(w[0]!.hint).toMatch(/rename it to values\/cert-manager\//);
    expect(w[1]!.message).not.toMatch(/did you mean/);
  });
});

describe('a values template on an app without a chart', () => {
  it('warns for an app of plain manifests, with the default template or one it names', async () => {
    const t = await buildTree(
      makeRepo({
        'cluster.yaml': MINIMAL_CLUSTER,
        'apps/plain.yaml': 'description: manifests only\n',
        'values/plain/values.yaml': 'replicas: 2\n',
        'values/plain/resources/configmap.yaml': CM,
        'apps/explicit.yaml': 'values: values/other/values.yaml\n',
        'values/other/values.yaml': 'replicas: 2\n',
        'values/explicit/resources/configmap.yaml': CM,
        'apps/charted.yaml': CHART,
        'values/charted/values.yaml': 'replicas: 2\n',
      }),
    );
    const w = only(t.diagnostics, 'render/unused-values');
    expect(w.map((d) => [d.severity, d.file, d.pointer, d.line])).toEqual([
      ['warning', 'apps/explicit.yaml', '/values', 1],
      ['warning', 'values/plain/values.yaml', undefined, 1],
    ]);
    expect(w[1]!.message).toBe("app 'plain' has a values template but no chart, so the template is never used");
  });
});

describe('a meshed app without a path to the control plane', () => {
  it('warns to depend on linkerd-control-plane; a path through another app is enough', async () => {
    const root = copyDefaultConfig();
    writeFiles(root, {
      'apps/demo-a.yaml': 'mesh: namespace\n',
      'values/demo-a/resources/configmap.yaml': CM,
      'apps/demo-b.yaml': 'mesh: workloads\ndependsOn: [cert-manager]\n',
      'values/demo-b/resources/configmap.yaml': CM,
      'apps/demo-c.yaml': 'mesh: namespace\ndependsOn: [kube-prometheus-stack]\n',
      'values/demo-c/resources/configmap.yaml': CM,
      'apps/demo-d.yaml': 'mesh: "off"\n',
      'values/demo-d/resources/configmap.yaml': CM,
    });
    const t = await buildTree(root);
    const w = only(t.diagnostics, 'mesh/needs-control-plane');
    expect(w.map((d) => [d.severity, d.file, d.pointer])).toEqual([
      ['warning', 'apps/demo-a.yaml', '/dependsOn'],
      ['warning', 'apps/demo-b.yaml', '/dependsOn'],
    ]);
    expect(w[0]!.message).toContain("no dependency path to 'linkerd-control-plane'");
    expect(w[0]!.hint).toContain('dependsOn: [linkerd-control-plane]');
    expect(t.diagnostics.filter((d) => d.file?.startsWith('apps/demo-') && d.code !== 'mesh/needs-control-plane')).toEqual([]);
  });
});
