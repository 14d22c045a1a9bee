import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, pullCharts, type ChartRef } from '../../generator/charts/index.js';
import type { Helm } from '../../generator/helm/index.js';
import { tempDir } from '../helpers.js';
import { packageFixture, startChartRepo, type ChartRepo } from '../helpers/chart-repo.js';
import { helm as runHelm, requireHelm, setupOnce } from '../helpers/helm.js';
import { startOciRegistry, type OciRegistry } from '../helpers/oci-registry.js';

// The chart's own repository is never reachable in these tests: only the mirror is.
const UPSTREAM = 'https://charts.upstream.invalid/stable';
const chart = (name: string): ChartRef => ({ repoURL: UPSTREAM, name, version: '0.1.0' });

let helm: Helm;
let mirror: ChartRepo;
let registry: OciRegistry;
setupOnce(async () => {
  helm = await requireHelm();
  [mirror, registry] = await Promise.all([startChartRepo(helm, ['default-password', 'crd-and-cr']), startOciRegistry()]);
  const pkg = await packageFixture(helm, 'default-password', tempDir('oci-pkg-'));
  await runHelm(helm, ['push', pkg, `${registry.url}/mirror/charts`, '--plain-http']);
});
afterAll(async () => {
  await mirror?.close();
  await registry?.close();
});

describe('pulling through a mirror', () => {
  it('sends the pull to an http:// mirror and locks the chart under its own repoURL', async () => {
    const root = tempDir('mirror-http-');
    const before = mirror.requests.length;
    const result = await pullCharts([chart('default-password')], { root, helm, mirrors: { [`${UPSTREAM}/`]: mirror.url } });
    expect(result.diagnostics).toEqual([]);
    expect(mirror.requests.slice(before)).toContain('GET /charts/default-password-0.1.0.tgz');
    expect(result.lines[0]).toBe(`pulled default-password 0.1.0 from ${mirror.url} (mirror of ${UPSTREAM}) (${result.charts[0]?.digest})`);
    expect(readFileSync(path.join(root, LOCK_FILE), 'utf8')).toContain(`repoURL: ${UPSTREAM}\n    name: default-password`);
  });

  it('copies from a file:// folder of <name>-<version>.tgz archives', async () => {
    const dir = tempDir('mirror-dir-');
    copyFileSync(path.join(mirror.dir, 'crd-and-cr-0.1.0.tgz'), path.join(dir, 'crd-and-cr-0.1.0.tgz'));
    const root = tempDir('mirror-file-');
    const result = await pullCharts([chart('crd-and-cr')], { root, helm, mirrors: { [UPSTREAM]: pathToFileURL(dir).href } });
    expect(result.diagnostics).toEqual([]);
    expect(readFileSync(result.charts[0]!.file!)).toEqual(readFileSync(path.join(dir, 'crd-and-cr-0.1.0.tgz')));
  });

  it('reads a file:// folder that is a Helm repository through its index.yaml', async () => {
    // The archive sits in a sub-folder, so finding it needs the index (helm repo index records pkgs/...).
    const dir = tempDir('mirror-indexed-');
    mkdirSync(path.join(dir, 'pkgs'));
    copyFileSync(path.join(mirror.dir, 'default-password-0.1.0.tgz'), path.join(dir, 'pkgs', 'default-password-0.1.0.tgz'));
    await runHelm(helm, ['repo', 'index', dir]);
    expect(readFileSync(path.join(dir, 'index.yaml'), 'utf8')).toContain('- pkgs/default-password-0.1.0.tgz');

    const root = tempDir('mirror-file-index-');
    const ok = await pullCharts([chart('default-password')], { root, helm, mirrors: { [UPSTREAM]: `file://${dir}` } });
    expect(ok.diagnostics).toEqual([]);
    const missing = await pullCharts([chart('crd-and-cr')], { root, helm, mirrors: { [UPSTREAM]: `file://${dir}` } });
    expect(missing.diagnostics).toEqual([expect.objectContaining({ code: 'charts/not-found', message: expect.stringContaining('no such chart version in its index.yaml') })]);
  });

  it('pulls from an oci:// mirror (plain HTTP on 127.0.0.1)', async () => {
    const root = tempDir('mirror-oci-');
    const before = registry.requests.length;
    const result = await pullCharts([chart('default-password')], { root, helm, mirrors: { [UPSTREAM]: `${registry.url}/mirror/charts` } });
    expect(result.diagnostics).toEqual([]);
    expect(registry.requests.slice(before)).toContain('GET /v2/mirror/charts/default-password/manifests/0.1.0');
    // The same chart through any mirror is the same archive: one digest.
    const viaHttp = await pullCharts([chart('default-password')], { root: tempDir('mirror-oci-cmp-'), helm, mirrors: { [UPSTREAM]: mirror.url } });
    expect(result.charts[0]?.digest).toBe(viaHttp.charts[0]?.digest);
  });

  it('refuses a mirror archive that is a different chart under the expected file name', async () => {
    const dir = tempDir('mirror-wrong-');
    copyFileSync(path.join(mirror.dir, 'crd-and-cr-0.1.0.tgz'), path.join(dir, 'default-password-0.1.0.tgz'));
    const result = await pullCharts([chart('default-password')], { root: tempDir('mirror-wrong-root-'), helm, mirrors: { [UPSTREAM]: `file://${dir}` } });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'charts/wrong-chart', message: expect.stringContaining('served chart crd-and-cr 0.1.0 instead') })]);
  });

  it('reports a file:// mirror folder that does not exist', async () => {
    const result = await pullCharts([chart('default-password')], { root: tempDir('mirror-gone-'), helm, mirrors: { [UPSTREAM]: 'file:///nonexistent/charts' } });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'charts/bad-mirror', message: expect.stringContaining('the mirror folder /nonexistent/charts') })]);
  });

  it('checks the mirror map before pulling anything', async () => {
    const before = mirror.requests.length;
    const result = await pullCharts([chart('default-password')], { root: tempDir('mirror-bad-'), helm, mirrors: { [UPSTREAM]: 'ftp://x' } });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'charts/bad-mirror', pointer: '/charts/mirrors/https:~1~1charts.upstream.invalid~1stable' })]);
    expect(result.charts).toEqual([]);
    expect(mirror.requests.length).toBe(before);
  });
});
