/**
 * `check` names every file under manifests/ the generator did not write: an error where a generated
 * Application's directory source picks it up (Argo CD would apply it), a warning elsewhere.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, MINIMAL_CLUSTER, run, tempDir, writeFiles } from '../helpers.js';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n  namespace: web\ndata:\n  a: b\n';

let base: string;
beforeAll(async () => {
  base = makeRepo({
    'cluster.yaml': MINIMAL_CLUSTER,
    'apps/web.yaml': 'namespace: web\nchart:\n  repoURL: https://charts.example.com\n  name: web\n  version: 1.2.3\n',
    'values/web/resources/config.yaml': CONFIG_MAP.replace('mine', 'web-config'),
  });
  const g = await run(['generate', '--root', base]);
  expect(g.code, g.err).toBe(0);
});

function withFiles(files: Record<string, string>): string {
  const root = tempDir('unmanaged-');
  cpSync(base, root, { recursive: true });
  writeFiles(root, files);
  return root;
}

describe('check/unmanaged-file', () => {
  it('is an error for a file the root app would apply, naming the file, the Application and the fix', async () => {
    const r = await run(['check', '--root', withFiles({ 'manifests/apps/pi/mine.yaml': CONFIG_MAP })]);
    expect(r.code, r.out).toBe(3);
    expect(r.out).toMatch(/manifests\/apps\/pi\/mine\.yaml: error \[check\/unmanaged-file\] .*Application root/);
    expect(r.out).toMatch(/resources template/);
    expect(r.out).toMatch(/delete it/);
    expect(r.out).not.toMatch(/up to date and valid/);
  });

  it("is an error for a file in an app's own directory source, naming that Application and app", async () => {
    const r = await run(['check', '--root', withFiles({ 'manifests/resources/pi/web/extra.yml': CONFIG_MAP })]);
    expect(r.code, r.out).toBe(3);
    expect(r.out).toMatch(/manifests\/resources\/pi\/web\/extra\.yml: error \[check\/unmanaged-file\] .*Application pi-web/);
    expect(r.out).toMatch(/values\/web\/resources\//);
  });

  it('follows the include glob: a file the root app does not pick is only a warning', async () => {
    const root = withFiles({
      'manifests/apps/pi/notes.txt': 'remember the milk\n',
      'manifests/apps/pi/deeper/mine.yaml': CONFIG_MAP, // apps/*/*.yaml does not reach it
      'manifests/values/pi/extra.yaml': 'a: 1\n',
    });
    const r = await run(['check', '--root', root]);
    expect(r.code, r.out).toBe(0);
    for (const f of ['manifests/apps/pi/notes.txt', 'manifests/apps/pi/deeper/mine.yaml', 'manifests/values/pi/extra.yaml']) {
      expect(r.out).toContain(`${f}: warning [check/unmanaged-file]`);
    }
    expect(r.out).toMatch(/no Application applies it/);
    expect(r.out).not.toMatch(/error \[check\/unmanaged-file\]/);
  });

  it('leaves generated files alone: an untouched tree has no finding', async () => {
    const r = await run(['check', '--root', withFiles({})]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/unmanaged/);
  });

  it('reports it in JSON output with the Application', async () => {
    const r = await run(['check', '--root', withFiles({ 'manifests/projects/extra.yaml': CONFIG_MAP }), '--format', 'json']);
    const parsed = JSON.parse(r.out) as { diagnostics: { code: string; file: string; severity: string; message: string }[] };
    const found = parsed.diagnostics.filter((d) => d.code === 'check/unmanaged-file');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'manifests/projects/extra.yaml', severity: 'error' });
    expect(found[0]!.message).toContain('Application root');
    expect(path.isAbsolute(found[0]!.file)).toBe(false);
  });
});
