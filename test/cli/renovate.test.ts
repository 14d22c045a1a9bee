import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../generator/load/load-config.js';
import { makeRepo, MINIMAL_CLUSTER, read, REPO_ROOT, run } from '../helpers.js';

interface CustomManager {
  customType: string;
  managerFilePatterns: string[];
  matchStrings: string[];
  datasourceTemplate: string;
}

const renovate = JSON.parse(readFileSync(path.join(REPO_ROOT, 'renovate.json'), 'utf8')) as { customManagers: CustomManager[] };
const manager = renovate.customManagers.find((m) => m.customType === 'regex' && m.datasourceTemplate === 'helm')!;

/** Renovate writes a regex file pattern between slashes; anything else is a glob. */
function filePattern(p: string): RegExp {
  const m = p.match(/^\/(.*)\/([a-z]*)$/);
  if (!m) throw new Error(`not a regex pattern: ${p}`);
  return new RegExp(m[1]!, m[2]);
}

/** What the regex manager extracts from one file (every match of every matchString). */
function extract(text: string): { registryUrl?: string; depName?: string; currentValue?: string }[] {
  return manager.matchStrings.flatMap((s) => [...text.matchAll(new RegExp(s, 'g'))].map((m) => ({ ...m.groups })));
}

/**
 * Config roots whose app files Renovate would see: the shipped config, the minimal template and
 * every valid fixture with its own files (the others patch a base's cluster.yaml, not its apps).
 */
function configRoots(): string[] {
  const fixtures = path.join(REPO_ROOT, 'test/fixtures/valid');
  const own = readdirSync(fixtures).filter((d) => existsSync(path.join(fixtures, d, 'cluster.yaml')));
  return [REPO_ROOT, path.join(REPO_ROOT, 'templates/minimal'), ...own.map((d) => path.join(fixtures, d))];
}

describe('the Renovate regex manager', () => {
  it('is a helm regex manager over apps/*.yaml with the named groups Renovate needs', () => {
    expect(manager).toBeDefined();
    const files = manager.managerFilePatterns.map(filePattern);
    expect(files.some((f) => f.test('apps/cert-manager.yaml') && f.test('apps/group/web.yaml'))).toBe(true);
    expect(files.some((f) => f.test('test/fixtures/valid/single-app/apps/web.yaml') || f.test('manifests/apps/pi/web.yaml'))).toBe(false);
    for (const s of manager.matchStrings) for (const g of ['registryUrl', 'depName', 'currentValue']) expect(s).toContain(`(?<${g}>`);
  });

  it('extracts exactly the repoURL, name and version the loader reads from every app file with a chart', async () => {
    let charts = 0;
    for (const root of configRoots()) {
      const config = await loadConfig(root);
      for (const app of config.apps) {
        expect(manager.managerFilePatterns.some((p) => filePattern(p).test(app.file)), app.file).toBe(true);
        const found = extract(read(root, app.file));
        const where = path.relative(REPO_ROOT, path.join(root, app.file));
        if (!app.chart) expect(found, where).toEqual([]);
        else {
          expect(found, where).toEqual([{ registryUrl: app.chart.repoURL, depName: app.chart.name, currentValue: app.chart.version }]);
          charts++;
        }
      }
    }
    expect(charts).toBeGreaterThan(15);
  });

  it('reads the app file new-app writes', async () => {
    const root = makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/base.yaml': 'chart:\n  repoURL: https://charts.example.com\n  name: base\n  version: 0.1.0\n' });
    const r = await run(['new-app', 'cert-manager', '--root', root, '--chart', 'https://charts.jetstack.io', 'cert-manager@v1.16.2', '--namespace', 'cert-manager', '--depends-on', 'base']);
    expect(r.code, r.err).toBe(0);
    expect(extract(read(root, 'apps/cert-manager.yaml'))).toEqual([{ registryUrl: 'https://charts.jetstack.io', depName: 'cert-manager', currentValue: 'v1.16.2' }]);
  });

  it('also reads quoted values and trailing comments, and nothing from a chart written in flow style', () => {
    expect(extract('chart:\n  repoURL: "https://c.example.com"\n  name: \'web\'\n  version: "1.2.3" # pinned\n')).toEqual([
      { registryUrl: 'https://c.example.com', depName: 'web', currentValue: '1.2.3' },
    ]);
    expect(extract('chart: { repoURL: https://c.example.com, name: web, version: 1.2.3 }\n')).toEqual([]);
  });
});
