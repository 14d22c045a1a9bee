import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import type { Diagnostic } from '../../generator/model/diagnostics.js';
import { buildApplicationSet } from '../../generator/render/appset.js';
import { appsetOf, buildErrors, buildFixture, copyFixture, editYaml, generatedApplications, removeCopies } from './fixture.js';

afterAll(removeCopies);

function replaceIn(root: string, rel: string, from: string, to: string): void {
  const file = path.join(root, rel);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} has no '${from}'`);
  writeFileSync(file, text.replace(from, to));
}

async function cliErrors(root: string): Promise<{ code: number; text: string }> {
  let text = '';
  const io = { write: (s: string) => (text += s) };
  const code = await main(['generate', '--root', root], { out: io, err: io });
  return { code, text };
}

describe('targeting errors', () => {
  it('an unknown cluster name names the file, line and pointer, and suggests the close name', async () => {
    const diags = await buildErrors((root) => replaceIn(root, 'apps/podinfo.yaml', 'clusters: [lab, home]', 'clusters: [lab, hom]'));
    expect(diags).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'config/unknown-cluster',
        file: 'apps/podinfo.yaml',
        pointer: '/clusters/1',
        line: 9,
        col: 17,
        message: "unknown cluster 'hom'; did you mean 'home'?",
        hint: 'clusters declared in cluster.yaml: lab, home',
      }),
    ]);

    const root = copyFixture();
    replaceIn(root, 'apps/podinfo.yaml', 'clusters: [lab, home]', 'clusters: [lab, hom]');
    const run = await cliErrors(root);
    expect(run.code).not.toBe(0);
    expect(run.text).toContain("apps/podinfo.yaml:9:17: error [config/unknown-cluster] unknown cluster 'hom'; did you mean 'home'?");
  });

  it('a label selection that matches no cluster is an error listing the clusters\' labels', async () => {
    const diags = await buildErrors((root) => editYaml(root, 'apps/whoami.yaml', (d) => d.setIn(['clusters', 'matchLabels', 'arch'], 'riscv64')));
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({
      code: 'config/no-cluster-matches',
      file: 'apps/whoami.yaml',
      pointer: '/clusters/matchLabels',
      line: expect.any(Number),
      message: 'no cluster has the labels arch=riscv64',
    });
    expect(diags[0]!.hint).toBe('cluster labels: lab {stage=lab, arch=amd64}; home {stage=home, arch=arm64}');
  });
});

describe('what one ApplicationSet cannot express', () => {
  it('clusters given by server on one side and Argo CD cluster name on the other', async () => {
    const mixed = (root: string) =>
      editYaml(root, 'cluster.yaml', (d) => {
        d.deleteIn(['clusters', 0, 'server']);
        d.setIn(['clusters', 0, 'destinationName'], 'lab');
      });
    const diags = await buildErrors(mixed);
    const podinfo = diags.find((d) => d.file === 'apps/podinfo.yaml')!;
    expect(podinfo).toMatchObject({ code: 'render/mixed-destinations', severity: 'error' });
    expect(podinfo.message).toContain('lab: destinationName, home: server');
    expect(podinfo.hint).toMatch(/progressiveSyncs: false/);
    // Per-cluster Applications have no such limit.
    const tree = await buildFixture((root) => {
      mixed(root);
      editYaml(root, 'cluster.yaml', (d) => d.setIn(['argocd', 'progressiveSyncs'], false));
    });
    expect(tree.rendered.appsets).toEqual([]);
  });

  it('a source on some clusters only, or sources of another shape, is an error naming field and clusters', async () => {
    const tree = await buildFixture();
    const rc = tree.plan.config.rootConfig;
    const viz = tree.plan.apps.find((a) => a.app.name === 'linkerd-viz')!.app;
    const mine = () => tree.rendered.instances.filter((i) => i.instance.app.name === 'linkerd-viz').map((i) => ({ ...i, application: structuredClone(i.application) }));

    const noResourcesAtHome = mine();
    delete noResourcesAtHome[1]!.resourcesPath;
    const d1: Diagnostic[] = [];
    expect(buildApplicationSet(rc, viz, noResourcesAtHome, d1)).toBeUndefined();
    expect(d1).toEqual([expect.objectContaining({ code: 'render/appset-shape', file: 'apps/linkerd-viz.yaml', message: expect.stringContaining('extra manifests on lab but none on home') })]);

    const oneSourceLess = mine();
    oneSourceLess[1]!.application.spec.sources!.pop();
    const d2: Diagnostic[] = [];
    expect(buildApplicationSet(rc, viz, oneSourceLess, d2)).toBeUndefined();
    expect(d2).toEqual([expect.objectContaining({ code: 'render/appset-shape', message: expect.stringMatching(/at spec\.sources \(lab: a list of 3; home: a list of 2\)/) })]);
  });

  it('other per-cluster differences go through templatePatch (webhook certificates managed differently per cluster)', async () => {
    const labIgnores = (root: string) => editYaml(root, 'cluster.yaml', (d) => d.setIn(['clusters', 0, 'settings', 'linkerd', 'webhookCerts'], 'ignore-differences'));
    const staged = await buildFixture(labIgnores);
    const perCluster = await buildFixture((root) => {
      labIgnores(root);
      editYaml(root, 'cluster.yaml', (d) => d.setIn(['argocd', 'progressiveSyncs'], false));
    });
    for (const set of staged.rendered.appsets) {
      const generated = generatedApplications(appsetOf(staged, set.metadata.name));
      for (const g of generated) {
        const own = perCluster.rendered.instances.find((i) => i.application.metadata.name === g.metadata.name)!;
        expect(g.spec, g.metadata.name).toEqual(JSON.parse(JSON.stringify(own.application.spec)));
      }
    }
    const [lab, home] = generatedApplications(appsetOf(staged, 'linkerd-viz'));
    expect(lab!.spec.ignoreDifferences?.length).toBeGreaterThan(0);
    expect(home!.spec.ignoreDifferences).toBeUndefined();
  });
});

describe('stage configuration', () => {
  it('warns once per cluster whose stage argocd.stages does not list, and rolls it out in the catch-all step', async () => {
    const tree = await buildFixture((root) => editYaml(root, 'cluster.yaml', (d) => d.setIn(['clusters', 1, 'labels', 'stage'], 'prod')));
    const warnings = tree.diagnostics.filter((d) => d.code === 'render/unstaged-cluster');
    expect(warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'cluster.yaml',
        pointer: '/clusters/1/labels/stage',
        message: "cluster 'home' has stage 'prod', which argocd.stages does not list, so its ApplicationSet Applications roll out after every listed stage",
      }),
    ]);
    const set = appsetOf(tree, 'podinfo');
    const catchAll = set.spec.strategy!.rollingSync!.steps!.at(-1)!.matchExpressions![0]!;
    const home = generatedApplications(set)[1]!;
    expect(catchAll.operator).toBe('NotIn');
    expect(catchAll.values).not.toContain(home.metadata.labels!['gitops.generator/stage']);
  });

  it('warns for every cluster when progressiveSyncs has no stages: all roll out in one catch-all step', async () => {
    const tree = await buildFixture((root) => editYaml(root, 'cluster.yaml', (d) => d.deleteIn(['argocd', 'stages'])));
    const warnings = tree.diagnostics.filter((d) => d.code === 'render/unstaged-cluster');
    expect(warnings.map((w) => [w.severity, w.file, w.pointer, typeof w.line])).toEqual([
      ['warning', 'cluster.yaml', '/clusters/0/labels/stage', 'number'],
      ['warning', 'cluster.yaml', '/clusters/1/labels/stage', 'number'],
    ]);
    expect(warnings[0]!.message).toBe(
      "cluster 'lab' has stage 'lab', but argocd.stages is empty, so its ApplicationSet Applications roll out in one step together with every other cluster",
    );
    for (const w of warnings) expect(w.hint).toMatch(/add argocd\.stages.*\[lab, home\]/);
    expect(appsetOf(tree, 'podinfo').spec.strategy!.rollingSync!.steps).toHaveLength(1);
  });

  it('maxUpdate 0% would stall every rollout and is an error at its line', async () => {
    const diags = await buildErrors((root) => editYaml(root, 'cluster.yaml', (d) => d.setIn(['argocd', 'maxUpdate'], '0%')));
    expect(diags).toEqual([expect.objectContaining({ code: 'config/max-update-zero', file: 'cluster.yaml', pointer: '/argocd/maxUpdate', line: expect.any(Number) })]);
  });
});
