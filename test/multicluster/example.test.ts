import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { copyFixture, editYaml, FIXTURE, removeCopies } from './fixture.js';

afterAll(removeCopies);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('the multi-cluster example config', () => {
  it('is config only: the fixture commits no manifests/', () => {
    expect(existsSync(path.join(FIXTURE, 'cluster.yaml'))).toBe(true);
    expect(existsSync(path.join(FIXTURE, 'manifests'))).toBe(false);
  });

  it.each([
    ['progressive syncs', true],
    ['per-cluster Applications', false],
  ])('generates into a copy, and check then passes (%s)', async (_, progressive) => {
    const root = copyFixture();
    if (!progressive) editYaml(root, 'cluster.yaml', (d) => d.setIn(['argocd', 'progressiveSyncs'], false));
    const gen = await cli(['generate', '--root', root]);
    expect(gen.err).not.toMatch(/: error \[/);
    // The lab runs ingress-nginx, which is retired: one warning at its setting, not an error.
    expect(gen.err).toMatch(/^cluster\.yaml:\d+:\d+: warning \[config\/ingress-nginx-retired\] cluster 'lab': /m);
    expect(gen.code).toBe(0);
    expect(gen.out).toContain(progressive ? 'wrote manifests/appsets/linkerd-control-plane.yaml' : 'wrote manifests/apps/home/linkerd-control-plane.yaml');

    const chk = await cli(['check', '--root', root]);
    expect(chk.out).toMatch(/up to date and valid/);
    expect(chk.code).toBe(0);
  });

  it('check reports drift when a cluster setting changes and manifests/ is not regenerated', async () => {
    const root = copyFixture();
    expect((await cli(['generate', '--root', root])).code).toBe(0);
    const file = path.join(root, 'cluster.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('domain: lab.example.com', 'domain: lab2.example.com'));

    const chk = await cli(['check', '--root', root]);
    expect(chk.code).not.toBe(0);
    expect(chk.out + chk.err).toMatch(/manifests\/values\/lab\/podinfo\.yaml/);
    expect(chk.out + chk.err).not.toMatch(/manifests\/values\/home\/podinfo\.yaml/);
  });
});
