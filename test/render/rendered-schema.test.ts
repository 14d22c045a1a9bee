/**
 * rendered/schema end to end: fixture charts packaged with the real Helm, served on 127.0.0.1,
 * rendered with Helm 4 by `check --render`; every object Argo CD applies checked strictly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Helm } from '../../generator/helm/index.js';
import { read, run, writeFiles } from '../helpers.js';
import { startChartRepo, type ChartRepo } from '../helpers/chart-repo.js';
import { requireHelm, setupOnce } from '../helpers/helm.js';
import { clusterFile, renderRepo } from '../helpers/render-repo.js';

let helm: Helm;
let repo: ChartRepo;
setupOnce(async () => {
  helm = await requireHelm();
  repo = await startChartRepo(helm, ['crd-and-cr', 'workloads']);
});
afterAll(async () => {
  await repo?.close();
});

/** `[file:line, message]` of each rendered/schema finding of the text report. */
function schemaFindings(out: string): [string, string][] {
  return [...out.matchAll(/^(\S+?):(\d+):\d+: error \[rendered\/schema\] (.*)$/gm)].map((m) => [`${m[1]}:${m[2]}`, m[3]!]);
}

const lineOf = (root: string, file: string, text: string) => read(root, file).split('\n').findIndex((l) => l.includes(text)) + 1;

async function checkRendered(root: string) {
  expect((await run(['generate', '--root', root])).code).toBe(0);
  expect((await run(['charts', 'pull', '--root', root])).code).toBe(0);
  return run(['check', '--render', '--root', root]);
}

const GADGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.gadgets.example.org
spec:
  group: gadgets.example.org
  scope: Namespaced
  names: {kind: Gadget, plural: gadgets, singular: gadget, listKind: GadgetList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                mode: {type: string, enum: [fast, slow]}
`;

describe('rendered/schema', () => {
  it('reports custom resources against their CRD, built-in kinds against schemas/k8s, and kinds no CRD defines, each at the config line that causes it', async () => {
    const root = renderRepo(repo, {
      widgets: { chart: 'crd-and-cr', values: 'size: 0\ncolor: purple\n' },
      old: { chart: 'crd-and-cr', values: 'version: v2\n' },
      gadgets: { chart: 'crd-and-cr', values: 'gadget:\n  enabled: true\n  spec:\n    mode: fast\n    speed: 3\n' },
      jobs: { chart: 'workloads', values: 'job:\n  podAnnotations:\n    example.org/retries: 3\n' },
    });
    const bad = await checkRendered(root);
    expect(bad.code, bad.out).toBe(1);
    const f = schemaFindings(bad.out);
    // The CRD from the chart's crds/ checks the Widget: each value at its line in the values template.
    expect(f).toContainEqual(['values/widgets/values.yaml:1', expect.stringMatching(/^Widget widgets\/widgets from crd-and-cr\/templates\/widget\.yaml \(chart crd-and-cr 0\.1\.0, pi-widgets\), \/spec\/size: 'size' must be >= 1 \(got 0\) \(checked against the CRD widgets\.fixtures\.example\.com \(crd-and-cr\/crds\/widgets\.yaml\)\) \(at \/size\)$/)]);
    expect(f).toContainEqual(['values/widgets/values.yaml:2', expect.stringMatching(/\/spec\/color: 'color' must be one of "red", "green", "blue" \(got "purple"\)/)]);
    expect(f).toContainEqual(['apps/old.yaml:2', expect.stringMatching(/^Widget old\/old from crd-and-cr\/templates\/widget\.yaml .*: the CRD widgets\.fixtures\.example\.com \(crd-and-cr\/crds\/widgets\.yaml\) does not serve fixtures\.example\.com\/v2; it serves v1 \(at \/chart\)$/)]);
    // No CRD for the Gadget anywhere: at the app's chart, naming the kind.
    expect(f).toContainEqual(['apps/gadgets.yaml:2', expect.stringMatching(/^Gadget gadgets\/gadgets from crd-and-cr\/templates\/gadget\.yaml .*: no CRD for gadgets\.example\.org\/Gadget is in the tree or in a rendered chart/)]);
    // A built-in kind: the annotation must be a string, at the values key that sets it.
    expect(f).toContainEqual([`values/jobs/values.yaml:3`, expect.stringMatching(/^Job jobs\/jobs-migrate from workloads\/templates\/job\.yaml .*, \/spec\/template\/metadata\/annotations\/example\.org~1retries: 'example\.org\/retries' must be string \(got 3\) \(checked against schemas\/k8s\) \(at \/job\/podAnnotations\/example\.org~1retries\)$/)]);
    expect(f).toHaveLength(5);
    expect(bad.out).toContain('validation.allowKinds');

    // Fixed values, and the Gadget CRD in the tree (another app's manifests): now the Gadget is
    // checked against it, and its unknown field is found at its values line.
    writeFiles(root, {
      'values/widgets/values.yaml': 'size: 2\ncolor: red\n',
      'values/old/values.yaml': 'version: v1\n',
      'values/jobs/values.yaml': 'job:\n  podAnnotations:\n    example.org/retries: "3"\n',
      'apps/gadget-crd.yaml': 'namespace: gadget-system\n',
      'values/gadget-crd/resources/crd.yaml': GADGET_CRD,
    });
    const crdInTree = await checkRendered(root);
    expect(schemaFindings(crdInTree.out)).toEqual([
      [`values/gadgets/values.yaml:${lineOf(root, 'values/gadgets/values.yaml', 'speed')}`, expect.stringMatching(/^Gadget gadgets\/gadgets .*, \/spec\/speed: unknown field 'speed' \(checked against the CRD gadgets\.gadgets\.example\.org \(manifests\/.*\)\) \(at \/gadget\/spec\/speed\)$/)],
    ]);

    writeFiles(root, { 'values/gadgets/values.yaml': 'gadget:\n  enabled: true\n  spec:\n    mode: slow\n' });
    const good = await checkRendered(root);
    expect(schemaFindings(good.out)).toEqual([]);
  });

  it('lets a kind without CRD through only when validation.allowKinds lists it', async () => {
    const root = renderRepo(repo, { gadgets: { chart: 'crd-and-cr', values: 'gadget:\n  enabled: true\n' } });
    expect(schemaFindings((await checkRendered(root)).out).map(([w]) => w)).toEqual(['apps/gadgets.yaml:2']);
    writeFiles(root, { 'cluster.yaml': `${clusterFile(repo)}validation:\n  allowKinds: [gadgets.example.org/v1/Gadget]\n` });
    const allowed = await checkRendered(root);
    expect(schemaFindings(allowed.out)).toEqual([]);
  });
});
