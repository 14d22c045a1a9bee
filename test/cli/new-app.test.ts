import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaBase } from '../../generator/cli/scaffold/schema-header.js';
import { loadConfig } from '../../generator/load/load-config.js';
import { GeneratorError } from '../../generator/model/diagnostics.js';
import { makeRepo, MINIMAL_CLUSTER, read, REPO_ROOT, run, writeFiles } from '../helpers.js';

const BASE = 'chart:\n  repoURL: https://charts.example.com\n  name: base\n  version: 0.1.0\n';

function repo(): string {
  return makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/base.yaml': BASE, 'apps/group/linkerd-control-plane.yaml': BASE.replace('base', 'cp') });
}

/** Does the loader accept an app file of this name? */
async function loaderAccepts(name: string): Promise<boolean> {
  const root = makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, [`apps/${name}.yaml`]: BASE });
  try {
    await loadConfig(root);
    return true;
  } catch (e) {
    if (e instanceof GeneratorError) return false;
    throw e;
  }
}

describe('new-app', () => {
  it('writes the app file and its values template, which generate and check accept at once', async () => {
    const root = repo();
    const r = await run(['new-app', 'web', '--root', root, '--chart', 'https://charts.example.com', 'web@1.2.3', '--namespace', 'web-ns', '--mesh', 'namespace', '--depends-on', 'base,linkerd-control-plane']);
    expect(r, r.err).toMatchObject({ code: 0 });
    expect(r.out).toContain('wrote apps/web.yaml, values/web/values.yaml');
    expect(read(root, 'apps/web.yaml')).toBe(`# yaml-language-server: $schema=../node_modules/argocd-gitops-generator/schemas/config/app.schema.json
description: web (chart web)
namespace: web-ns
chart:
  repoURL: https://charts.example.com
  name: web
  version: 1.2.3
mesh: namespace
dependsOn:
  - base
  - linkerd-control-plane
`);
    expect(read(root, 'values/web/values.yaml')).toMatch(/^# Helm values of web 1\.2\.3/);
    const config = await loadConfig(root);
    const web = config.apps.find((a) => a.name === 'web')!;
    expect(web).toMatchObject({ namespace: 'web-ns', chart: { repoURL: 'https://charts.example.com', name: 'web', version: '1.2.3' }, dependsOn: ['base', 'linkerd-control-plane'], values: 'values/web/values.yaml' });
    expect((await run(['generate', '--root', root])).code).toBe(0);
    expect((await run(['check', '--root', root])).code).toBe(0);
  });

  it('without a chart writes a resources template, so the app deploys something', async () => {
    const root = repo();
    expect((await run(['new-app', 'config', '--root', root])).code).toBe(0);
    expect(existsSync(path.join(root, 'values/config/resources/config.yaml'))).toBe(true);
    expect((await run(['generate', '--root', root])).code).toBe(0);
    expect(read(root, 'manifests/resources/pi/config/configmap-config.yaml')).toContain('cluster: pi');
  });

  it('refuses exactly the names the loader refuses (exit 2), and writes nothing', async () => {
    const names = ['web', 'a1', 'Web', '-web', 'web-', 'web.app', 'we_b', 'a'.repeat(53), 'a'.repeat(54), 'a'.repeat(64)];
    for (const name of names) {
      const root = repo();
      const r = await run(['new-app', '--root', root, '--chart', 'https://charts.example.com', 'x@1.0.0', '--', name]);
      expect(r.code === 0, `${name}: ${r.err}`).toBe(await loaderAccepts(name));
      if (r.code !== 0) {
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/app name '.*' (is not a valid Kubernetes name|is \d+ characters)/);
        expect(existsSync(path.join(root, 'values', name))).toBe(false);
      }
    }
  });

  it('refuses an app that exists (in any folder) or a file that exists, with exit 1', async () => {
    const root = repo();
    const existing = await run(['new-app', 'linkerd-control-plane', '--root', root, '--chart', 'https://charts.example.com', 'cp@1.0.0']);
    expect(existing).toMatchObject({ code: 1, err: "error: app 'linkerd-control-plane' exists already (apps/group/linkerd-control-plane.yaml)\n" });
    writeFiles(root, { 'values/web/values.yaml': 'keep: me\n' });
    const clash = await run(['new-app', 'web', '--root', root, '--chart', 'https://charts.example.com', 'web@1.0.0']);
    expect(clash.code).toBe(1);
    expect(clash.err).toContain('values/web/values.yaml exists already; nothing was written');
    expect(existsSync(path.join(root, 'apps/web.yaml'))).toBe(false);
    expect(read(root, 'values/web/values.yaml')).toBe('keep: me\n');
    expect((await run(['new-app', 'web', '--root', makeRepo({})])).code).toBe(1);
  });

  it('checks the arguments against the loader: unknown dependencies, bad versions and chart specs (exit 2)', async () => {
    const root = repo();
    const dep = await run(['new-app', 'web', '--root', root, '--depends-on', 'bsae']);
    expect(dep).toMatchObject({ code: 2 });
    expect(dep.err).toContain("--depends-on: 'bsae' is not an app; did you mean 'base'?");
    const version = await run(['new-app', 'web', '--root', root, '--chart', 'https://charts.example.com', 'web@^1.2']);
    expect(version.code).toBe(2);
    expect(version.err).toMatch(/--chart: invalid value '\^1\.2': An exact chart version.* \(at \/chart\/version\)/);
    const spec = await run(['new-app', 'web', '--root', root, '--chart', 'https://charts.example.com', 'web']);
    expect(spec.code).toBe(2);
    expect(spec.err).toContain('--chart takes <repoURL> <chart>@<version>');
    const ns = await run(['new-app', 'web', '--root', root, '--namespace', 'Bad_NS']);
    expect(ns.code).toBe(2);
    expect(ns.err).toContain('--namespace: ');
    expect(existsSync(path.join(root, 'apps/web.yaml'))).toBe(false);
  });

  it("points the schema header at this package's schemas inside the repository, else at node_modules", () => {
    expect(schemaBase(REPO_ROOT)).toBe('schemas/config');
    expect(schemaBase(makeRepo({}))).toBe('node_modules/argocd-gitops-generator/schemas/config');
    // The shipped apps carry the header new-app would write in this repository.
    expect(readFileSync(path.join(REPO_ROOT, 'apps/cert-manager.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/config/app.schema.json');
  });
});
