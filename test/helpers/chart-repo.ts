/**
 * A real Helm chart repository for tests: fixture charts packaged with `helm package`, indexed with
 * `helm repo index`, served over HTTP on 127.0.0.1 by a tiny static file server that counts requests.
 */
import { appendFileSync, cpSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Helm } from '../../generator/helm/index.js';
import { REPO_ROOT, tempDir } from '../helpers.js';
import { helm } from './helm.js';

export const FIXTURE_CHARTS = path.join(REPO_ROOT, 'test', 'fixtures', 'charts');

export interface PackageOptions {
  /** Package under this version instead of the fixture's 0.1.0 (`helm package --version`). */
  version?: string;
  /**
   * Change the chart's bytes without changing its name or version (a line appended to values.yaml):
   * what a re-published chart looks like.
   */
  variant?: string;
}

/** Packages a fixture chart into `destDir` with the real `helm package`; returns the archive's path. */
export async function packageFixture(h: Helm, chart: string, destDir: string, opts: PackageOptions = {}): Promise<string> {
  let src = path.join(FIXTURE_CHARTS, chart);
  if (opts.variant !== undefined) {
    const copy = path.join(tempDir('chart-variant-'), chart);
    cpSync(src, copy, { recursive: true });
    appendFileSync(path.join(copy, 'values.yaml'), `# variant: ${opts.variant}\n`);
    src = copy;
  }
  mkdirSync(destDir, { recursive: true });
  const args = ['package', src, '--destination', destDir];
  if (opts.version !== undefined) args.push('--version', opts.version);
  const out = await helm(h, args);
  // "Successfully packaged chart and saved it to: <path>"
  const saved = /saved it to: (.+\.tgz)\s*$/m.exec(out)?.[1];
  if (saved === undefined) throw new Error(`helm package printed no archive path: ${out}`);
  return saved;
}

export interface ChartRepo {
  /** The repository URL, e.g. `http://127.0.0.1:41234/charts`. */
  url: string;
  /** The served folder (archives + index.yaml); also usable as a `file://` mirror. */
  dir: string;
  /** Every request as `METHOD /path`, in order. */
  requests: string[];
  /** Packages a fixture (again) into the repository and re-indexes it. */
  publish(chart: string, opts?: PackageOptions): Promise<string>;
  close(): Promise<void>;
}

/** Starts a repository holding the given fixture charts (each at 0.1.0). */
export async function startChartRepo(h: Helm, charts: string[] = [], basePath = '/charts'): Promise<ChartRepo> {
  const dir = tempDir('chart-repo-');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://x');
    const rel = url.pathname.startsWith(`${basePath}/`) ? decodeURIComponent(url.pathname.slice(basePath.length + 1)) : '';
    // Flat folder: a bare file name, nothing else.
    if (req.method !== 'GET' || rel === '' || rel.includes('/') || rel.startsWith('.')) {
      res.writeHead(404).end('not found\n');
      return;
    }
    try {
      const body = readFileSync(path.join(dir, rel));
      res.writeHead(200, { 'content-type': rel.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip', 'content-length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found\n');
    }
  });
  const port = await listen(server);
  const repo: ChartRepo = {
    url: `http://127.0.0.1:${port}${basePath}`,
    dir,
    requests,
    async publish(chart, opts) {
      const file = await packageFixture(h, chart, dir, opts);
      await helm(h, ['repo', 'index', dir]);
      return file;
    },
    close: () => close(server),
  };
  await Promise.all(charts.map((c) => packageFixture(h, c, dir)));
  await helm(h, ['repo', 'index', dir]);
  return repo;
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
