import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, pullCharts, type ChartRef } from '../../generator/charts/index.js';
import type { Helm } from '../../generator/helm/index.js';
import { tempDir } from '../helpers.js';
import { packageFixture } from '../helpers/chart-repo.js';
import { helm as runHelm, requireHelm, setupOnce } from '../helpers/helm.js';
import { startOciRegistry, type OciRegistry } from '../helpers/oci-registry.js';

let helm: Helm;
let registry: OciRegistry;
setupOnce(async () => {
  helm = await requireHelm();
  registry = await startOciRegistry();
});
afterAll(() => registry?.close());

async function push(chart: string, opts: { variant?: string } = {}): Promise<string> {
  const pkg = await packageFixture(helm, chart, tempDir('oci-pkg-'), opts);
  await runHelm(helm, ['push', pkg, `${registry.url}/charts`, '--plain-http']);
  return pkg;
}

const sha256 = (file: string) => `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;

describe('pullCharts from an OCI registry', () => {
  it('pulls oci://<path>/<name> (the Argo CD form: repoURL without the chart) with --plain-http on 127.0.0.1', async () => {
    const pkg = await push('parent-with-alias');
    const root = tempDir('oci-pull-');
    const ref: ChartRef = { repoURL: `${registry.url}/charts`, name: 'parent-with-alias', version: '0.1.0' };
    const result = await pullCharts([ref], { root, helm });
    expect(result.diagnostics).toEqual([]);
    expect(result.charts[0]).toMatchObject({ action: 'pulled', digest: sha256(pkg) });
    expect(readFileSync(result.charts[0]!.file!)).toEqual(readFileSync(pkg));
    expect(readFileSync(`${root}/${LOCK_FILE}`, 'utf8')).toContain(`repoURL: ${registry.url}/charts`);
  });

  it('refuses a tag pushed again with different content', async () => {
    await push('random-value');
    const root = tempDir('oci-republish-');
    const ref: ChartRef = { repoURL: `${registry.url}/charts`, name: 'random-value', version: '0.1.0' };
    await pullCharts([ref], { root, helm });
    const lockBefore = readFileSync(`${root}/${LOCK_FILE}`, 'utf8');

    const again = await push('random-value', { variant: 'second push' });
    const result = await pullCharts([ref], { root, helm, cacheDir: tempDir('oci-fresh-cache-') });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'charts/digest-mismatch', message: expect.stringContaining(`has digest ${sha256(again)}`) })]);
    expect(readFileSync(`${root}/${LOCK_FILE}`, 'utf8')).toBe(lockBefore);
  });

  it('reports a chart the registry does not have as not found', async () => {
    const result = await pullCharts([{ repoURL: `${registry.url}/charts`, name: 'absent', version: '1.0.0' }], { root: tempDir('oci-404-'), helm });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'charts/not-found', message: expect.stringContaining('chart absent 1.0.0') })]);
  });
});

describe('the OCI registry stand-in', () => {
  it('also takes a chunked upload (POST, PATCH, PUT) and checks the digest', async () => {
    const base = registry.url.replace(/^oci:/, 'http:');
    const data = Buffer.from('hello, chunked world');
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    const start = await fetch(`${base}/v2/chunks/blobs/uploads/`, { method: 'POST' });
    expect(start.status).toBe(202);
    const patch = await fetch(new URL(start.headers.get('location')!, base), { method: 'PATCH', body: data.subarray(0, 5) });
    expect(patch.headers.get('range')).toBe('0-4');
    const bad = await fetch(`${new URL(patch.headers.get('location')!, base)}?digest=sha256:${'0'.repeat(64)}`, { method: 'PUT', body: data.subarray(5) });
    expect(bad.status).toBe(400);

    const again = await fetch(`${base}/v2/chunks/blobs/uploads/`, { method: 'POST' });
    const loc = new URL(again.headers.get('location')!, base);
    await fetch(loc, { method: 'PATCH', body: data.subarray(0, 5) });
    const done = await fetch(`${loc}?digest=${digest}`, { method: 'PUT', body: data.subarray(5) });
    expect(done.status).toBe(201);
    expect(done.headers.get('docker-content-digest')).toBe(digest);
    const head = await fetch(`${base}/v2/chunks/blobs/${digest}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(data.length)]);
    expect(Buffer.from(await (await fetch(`${base}/v2/chunks/blobs/${digest}`)).arrayBuffer())).toEqual(data);
  });
});
