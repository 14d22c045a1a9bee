/** Chart archives read once with the tar library: values of chart and subcharts, schema, crds/, API-version use. */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Helm } from '../../generator/helm/index.js';
import { ChartArchiveError, mergedDefaults, parseChartArchive, readChartArchive } from '../../generator/hydrate/chart-archive.js';
import { tempDir } from '../helpers.js';
import { FIXTURE_CHARTS, packageFixture } from '../helpers/chart-repo.js';
import { helm as runHelm, requireHelm, setupOnce } from '../helpers/helm.js';

let helm: Helm;
const archives = new Map<string, string>();
setupOnce(async () => {
  helm = await requireHelm();
  const dir = tempDir('archive-pkgs-');
  for (const c of ['parent-with-alias', 'with-schema', 'crd-and-cr', 'capabilities', 'cluster-scoped']) archives.set(c, await packageFixture(helm, c, dir));
});

describe('readChartArchive', () => {
  it('reads Chart.yaml and values.yaml, and a folder subchart under its alias with its own defaults', async () => {
    const a = await readChartArchive(archives.get('parent-with-alias')!);
    expect([a.name, a.version]).toEqual(['parent-with-alias', '0.1.0']);
    expect(a.values).toEqual({ sidecar: { greeting: 'hello-from-parent' } });
    expect(a.valuesText).toContain('Values for the subchart go under its alias');
    const child = { greeting: 'hello-from-child-defaults', podAnnotations: {}, resources: { limits: { cpu: '100m' } } };
    expect(a.subcharts.map((s) => [s.as, s.name, s.values])).toEqual([['sidecar', 'child', child]]);
    // The parent's values win over the subchart's defaults, under the alias.
    expect(mergedDefaults(a)).toEqual({ sidecar: { ...child, greeting: 'hello-from-parent' } });
  });

  it('reads a subchart packed as a nested .tgz (what helm dependency build leaves)', async () => {
    const work = tempDir('nested-');
    const parent = path.join(work, 'parent-with-alias');
    cpSync(path.join(FIXTURE_CHARTS, 'parent-with-alias'), parent, { recursive: true });
    await packageFixture(helm, 'parent-with-alias/charts/child', path.join(parent, 'charts'));
    rmSync(path.join(parent, 'charts', 'child'), { recursive: true });
    writeFileSync(path.join(parent, 'values.yaml'), 'other: 1\n');
    const out = await runHelm(helm, ['package', parent, '--destination', work]);
    const file = /saved it to: (.+\.tgz)/.exec(out)![1]!;
    const a = await readChartArchive(file);
    expect(a.subcharts.map((s) => [s.as, s.name, s.version])).toEqual([['sidecar', 'child', '0.1.0']]);
    expect(mergedDefaults(a)).toEqual({ other: 1, sidecar: { greeting: 'hello-from-child-defaults', podAnnotations: {}, resources: { limits: { cpu: '100m' } } } });
  });

  it('keeps values.schema.json and the crds/ files, parsed', async () => {
    expect((await readChartArchive(archives.get('with-schema')!)).schema).toMatchObject({ required: ['host'], additionalProperties: false });
    const crd = await readChartArchive(archives.get('crd-and-cr')!);
    expect(crd.crds.map((f) => f.path)).toEqual(['crd-and-cr/crds/widgets.yaml']);
    expect(crd.crds[0]!.objects[0]).toMatchObject({ kind: 'CustomResourceDefinition', spec: { group: 'fixtures.example.com', names: { kind: 'Widget' } } });
  });

  it('notes whether a template reads .Capabilities.APIVersions', async () => {
    expect((await readChartArchive(archives.get('capabilities')!)).usesApiVersions).toBe(true);
    expect((await readChartArchive(archives.get('cluster-scoped')!)).usesApiVersions).toBe(false);
  });

  it('refuses what is not a chart archive, with the file named', async () => {
    await expect(parseChartArchive(Buffer.from('not a tarball at all'), 'junk.tgz')).rejects.toThrow(ChartArchiveError);
    await expect(parseChartArchive(readFileSync(archives.get('with-schema')!).subarray(0, 40), 'cut.tgz')).rejects.toThrow(/cut\.tgz/);
  });
});
