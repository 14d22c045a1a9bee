import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyDefaultConfig, run, writeFiles } from '../helpers.js';

/** A generated default tree, copied per test so each can break it its own way. */
let base: string;
beforeAll(async () => {
  base = copyDefaultConfig();
  const g = await run(['generate', '--root', base]);
  expect(g.code, g.err).toBe(0);
});

function brokenCopy(edit: (root: string) => void): string {
  const root = copyDefaultConfig();
  cpSync(path.join(base, 'manifests'), path.join(root, 'manifests'), { recursive: true });
  edit(root);
  return root;
}

function replaceIn(root: string, rel: string, from: string | RegExp, to: string): void {
  const file = path.join(root, rel);
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`pattern not found in ${rel}`);
  writeFileSync(file, next);
}

describe('check validates the committed tree, not only the fresh render', () => {
  it('passes on an untouched tree', async () => {
    const r = await run(['check', '--root', brokenCopy(() => {})]);
    expect(r.code, r.out).toBe(0);
  });

  it('names an unknown field with file, line and pointer', async () => {
    const root = brokenCopy((r) => replaceIn(r, 'manifests/apps/pi/cert-manager.yaml', '    automated:\n', '    automate:\n'));
    const r = await run(['check', '--root', root]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/manifests\/apps\/pi\/cert-manager\.yaml:\d+:\d+: error \[schema\/invalid\] .*unknown field 'automate'/);
    expect(r.out).toMatch(/did you mean 'automated'/);
  });

  it('names a wrong type', async () => {
    const root = brokenCopy((r) => replaceIn(r, 'manifests/resources/pi/cert-manager/certificate-root-ca.yaml', 'isCA: true', 'isCA: "yes please"'));
    const r = await run(['check', '--root', root]);
    expect(r.out).toMatch(/certificate-root-ca\.yaml:\d+:\d+: error \[schema\/invalid\].*(boolean)/);
  });

  it('rejects a kind without a schema unless it is allowed', async () => {
    const extra = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';
    const root = brokenCopy((r) => writeFiles(r, { 'manifests/apps/pi/widget.yaml': extra }));
    const r = await run(['check', '--root', root]);
    // A hand-written file the root app applies is also check/unmanaged-file (exit 3).
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/manifests\/apps\/pi\/widget\.yaml:2:\d+: error \[schema\/unknown-kind\]/);
    replaceIn(root, 'cluster.yaml', 'argocd:\n', 'validation:\n  allowKinds: [example.com/v1/Widget]\nargocd:\n');
    const r2 = await run(['check', '--root', root]);
    // cluster.yaml changed its sources header lines nowhere, so the tree is still current.
    expect(r2.out).not.toMatch(/schema\/unknown-kind/);
  });

  it('reports a missing $values file as a dangling source path', async () => {
    const root = brokenCopy((r) => rmSync(path.join(r, 'manifests/values/pi/linkerd-viz.yaml')));
    const r = await run(['check', '--root', root]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/Application pi-linkerd-viz points Argo CD at manifests\/values\/pi\/linkerd-viz\.yaml, which is not in the committed tree/);
  });
});
