/**
 * The benchmark's baseline is fair only if the Helm app-of-apps chart it times emits what the
 * generator writes: the same Applications (values inline instead of in a values file), the same
 * AppProject, the same extra manifests. Rendered with the real Helm 4.
 */
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { writeAppOfAppsChart } from '../../bench/app-of-apps.js';
import { writeSyntheticRepo } from '../../bench/synth.js';
import { buildTree } from '../../generator/pipeline.js';
import { tempDir } from '../helpers.js';
import { helm, requireHelm } from '../helpers/helm.js';

type Obj = Record<string, any>;

describe('the benchmark app-of-apps chart', () => {
  it('renders the objects generate writes for the same synthetic config', async () => {
    const h = await requireHelm();
    const opts = { apps: 24, clusters: 1 };
    const repo = tempDir('bench-repo-');
    writeSyntheticRepo(repo, opts);
    const chart = tempDir('bench-chart-');
    expect(writeAppOfAppsChart(chart, opts)).toBe(24);
    const rendered = await helm(h, ['template', 'platform', chart]);
    const objects = parseAllDocuments(rendered).map((d) => d.toJS() as Obj).filter((o) => o);
    const byKind = (k: string) => objects.filter((o) => o.kind === k);

    const files = new Map((await buildTree(repo)).files.map((f) => [f.path, f.content]));
    const read = (p: string) => parse(files.get(p)!) as Obj;

    const apps = byKind('Application');
    expect(apps).toHaveLength(24);
    for (const app of apps) {
      const name = app.metadata.labels['gitops.generator/app'] as string;
      const want = read(`manifests/apps/c01/${name}.yaml`);
      expect(app.metadata).toEqual(want.metadata);
      expect(app.spec.destination).toEqual(want.spec.destination);
      expect(app.spec.syncPolicy).toEqual(want.spec.syncPolicy);
      expect(app.spec.project).toBe(want.spec.project);
      // The chart source carries the values the generator writes to its values file.
      const [chartSource, ...rest] = app.spec.sources as Obj[];
      const { valuesObject, ...helmRest } = chartSource!.helm;
      expect(valuesObject).toEqual(read(`manifests/values/c01/${name}.yaml`));
      const [wantChart, , ...wantRest] = want.spec.sources as Obj[];
      expect({ ...chartSource, helm: helmRest }).toEqual({ ...wantChart, helm: { releaseName: wantChart!.helm.releaseName } });
      expect(rest).toEqual(wantRest);
    }
    expect(byKind('AppProject')).toEqual([read('manifests/projects/platform.yaml')]);
    const extra = [...files.keys()].filter((p) => p.startsWith('manifests/resources/')).map(read);
    const sortKey = (o: Obj) => `${o.kind}/${o.metadata.name}`;
    expect([...byKind('ConfigMap'), ...byKind('ServiceAccount')].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))).toEqual(extra.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)));
    expect(extra.length).toBeGreaterThan(0);
  }, 60_000);
});
