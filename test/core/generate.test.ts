import { existsSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { copyDefaultConfig, makeRepo, MINIMAL_CLUSTER, read, run, snapshot, writeFiles } from '../helpers.js';

const DEMO = `chart:
  repoURL: https://charts.example.com
  name: demo
  version: 1.2.3
dependsOn: [base]
`;
const BASE = `chart:
  repoURL: https://charts.example.com
  name: base
  version: 0.1.0
`;

function demoRepo(): string {
  return makeRepo({
    'cluster.yaml': MINIMAL_CLUSTER,
    'apps/base.yaml': BASE,
    'apps/demo.yaml': DEMO,
    'values/demo/values.yaml': 'host: "demo.{{settings.domain}}"\nreplicas: 1\n',
  });
}

describe('generate and check end to end', () => {
  it('renders the shipped default config and check passes on the result', async () => {
    const root = copyDefaultConfig();
    const g = await run(['generate', '--root', root]);
    expect(g.code, g.err).toBe(0);
    const c = await run(['check', '--root', root]);
    expect(c.code, c.out + c.err).toBe(0);
    expect(c.out).toMatch(/up to date and valid/);
  });

  it('gives byte-identical output on repeated runs and writes nothing the second time', async () => {
    const root = demoRepo();
    await generate(root);
    const first = snapshot(path.join(root, 'manifests'));
    const again = await generate(root);
    expect(again.written).toEqual([]);
    expect(again.deleted).toEqual([]);
    const second = snapshot(path.join(root, 'manifests'));
    expect(second).toEqual(first);
  });

  it('does not depend on the order input files are discovered in', async () => {
    const a = demoRepo();
    await generate(a);
    // Same config, files created in the opposite order with different mtimes.
    const b = makeRepo({ 'values/demo/values.yaml': read(a, 'values/demo/values.yaml') });
    writeFiles(b, { 'apps/demo.yaml': DEMO });
    utimesSync(path.join(b, 'apps/demo.yaml'), 1, 1);
    writeFiles(b, { 'apps/base.yaml': BASE, 'cluster.yaml': MINIMAL_CLUSTER });
    await generate(b);
    const sa = snapshot(path.join(a, 'manifests'));
    const sb = snapshot(path.join(b, 'manifests'));
    expect([...sb.keys()]).toEqual([...sa.keys()]);
    for (const [k, v] of sa) expect(sb.get(k)!.content).toBe(v.content);
  });

  it('leaves manifests/ untouched when the config is invalid', async () => {
    const root = demoRepo();
    await generate(root);
    const before = snapshot(path.join(root, 'manifests'));
    const cases: Record<string, string>[] = [
      { 'apps/demo.yaml': DEMO.replace('dependsOn: [base]', 'dependsOn: [demo]') },
      { 'apps/demo.yaml': DEMO.replace('dependsOn: [base]', 'dependsOn: [bsae]') },
      { 'apps/demo.yaml': `${DEMO}namespce: x\n` },
      { 'apps/demo.yaml': `${DEMO}dependsOn: [base]\n` },
      { 'values/demo/values.yaml': 'host: "{{settings.nope}}"\n' },
    ];
    for (const files of cases) {
      const saved = Object.fromEntries(Object.keys(files).map((f) => [f, read(root, f)]));
      writeFiles(root, files);
      const r = await run(['generate', '--root', root]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/nothing was written/);
      expect(snapshot(path.join(root, 'manifests'))).toEqual(before);
      writeFiles(root, saved);
    }
  });

  it('prints the expected messages for a cycle, an unknown dependency, an unknown key, a duplicate key and a missing variable', async () => {
    const root = demoRepo();
    const expectError = async (files: Record<string, string>, pattern: RegExp) => {
      const saved = Object.fromEntries(Object.keys(files).map((f) => [f, read(root, f)]));
      writeFiles(root, files);
      const r = await run(['generate', '--root', root]);
      writeFiles(root, saved);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(pattern);
    };
    await expectError({ 'apps/base.yaml': `${BASE}dependsOn: [demo]\n` }, /apps\/base\.yaml:\d+:\d+: error \[graph\/cycle\] dependency cycle: base -> demo -> base/);
    await expectError({ 'apps/demo.yaml': DEMO.replace('[base]', '[bsae]') }, /apps\/demo\.yaml:5:\d+: error \[graph\/unknown-dependency\] .*did you mean 'base'\?/);
    await expectError({ 'apps/demo.yaml': `${DEMO}namespce: x\n` }, /apps\/demo\.yaml:6:1: error \[config\/unknown-key\] unknown key 'namespce'; did you mean 'namespace'\? \(at \/namespce\)/);
    await expectError({ 'apps/demo.yaml': `${DEMO}dependsOn: [base]\n` }, /apps\/demo\.yaml:6:1: error \[config\/duplicate-key\]/);
    await expectError({ 'values/demo/values.yaml': 'a:\n  b: "x{{settings.nope}}"\n' }, /values\/demo\/values\.yaml:2:\d+: error \[template\/missing-variable\] template variable 'settings\.nope' is not defined/);
  });

  it('keeps an injected value one string in the rendered values file', async () => {
    const root = demoRepo();
    writeFiles(root, {
      'cluster.yaml': MINIMAL_CLUSTER + '    settings:\n      vars:\n        note: "a: b # c\\nkind: Secret"\n',
      'values/demo/values.yaml': 'note: "{{vars.note}}"\n',
    });
    await generate(root);
    expect(read(root, 'manifests/values/pi/demo.yaml')).toContain('note: |-\n  a: b # c\n  kind: Secret\n');
  });

  it('prunes a stale generated file and keeps hand-written ones', async () => {
    const root = demoRepo();
    await generate(root);
    writeFiles(root, { 'manifests/NOTES.md': 'mine\n', 'manifests/apps/pi/custom.yaml': 'apiVersion: v1\nkind: ConfigMap\n' });
    rmSync(path.join(root, 'apps/demo.yaml'));
    rmSync(path.join(root, 'values/demo'), { recursive: true });
    const r = await generate(root);
    expect(r.deleted).toEqual(['manifests/apps/pi/demo.yaml', 'manifests/values/pi/demo.yaml']);
    expect(existsSync(path.join(root, 'manifests/apps/pi/demo.yaml'))).toBe(false);
    expect(read(root, 'manifests/NOTES.md')).toBe('mine\n');
    expect(existsSync(path.join(root, 'manifests/apps/pi/custom.yaml'))).toBe(true);
  });

  it('never follows a symlink out of manifests/ when pruning', async () => {
    const root = demoRepo();
    await generate(root);
    const outside = makeRepo({ 'victim.yaml': read(root, 'manifests/apps/pi/demo.yaml') });
    symlinkSync(path.join(outside, 'victim.yaml'), path.join(root, 'manifests/apps/pi/link.yaml'));
    await generate(root);
    expect(existsSync(path.join(outside, 'victim.yaml'))).toBe(true);
  });

  it('check fails with a short diff when a generated file was edited, and on stale or missing files', async () => {
    const root = demoRepo();
    await generate(root);
    const file = path.join(root, 'manifests/values/pi/demo.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 1', 'replicas: 3'));
    const r = await run(['check', '--root', root]);
    expect(r.code).toBe(3);
    expect(r.out).toContain('manifests/values/pi/demo.yaml');
    expect(r.out).toContain('--- manifests/values/pi/demo.yaml (committed)');
    expect(r.out).toContain('+++ manifests/values/pi/demo.yaml (fresh render)');
    expect(r.out).toMatch(/^ {4}-replicas: 3$/m);
    expect(r.out).toMatch(/^ {4}\+replicas: 1$/m);
    rmSync(file);
    const r2 = await run(['check', '--root', root]);
    expect(r2.out).toMatch(/check\/missing-file/);
    expect(r2.out).toMatch(/check\/missing-source-path\] Application pi-demo points Argo CD at manifests\/values\/pi\/demo\.yaml/);
  });

  it('prints errors as JSON with --format json', async () => {
    const root = demoRepo();
    writeFiles(root, { 'apps/demo.yaml': `${DEMO}namespce: x\n` });
    const r = await run(['generate', '--root', root, '--format', 'json']);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out) as { diagnostics: { code: string; line: number; pointer: string }[] };
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'config/unknown-key', line: 6, pointer: '/namespce' });
  });

  it('documents its usage and exit codes', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Exit codes:/);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['check', '--format', 'xml'])).code).toBe(2);
  });
});

describe('no-change re-runs', () => {
  it('skips the pipeline when inputs, generator and tree are unchanged, and only then', async () => {
    const root = demoRepo();
    writeFiles(root, { 'node_modules/.keep': '' });
    const first = await generate(root);
    expect(first.cached).toBe(false);
    const second = await generate(root);
    expect(second.cached).toBe(true);
    expect(second.written).toEqual([]);
    // An input change runs in full.
    writeFiles(root, { 'values/demo/values.yaml': 'host: "demo.{{settings.domain}}"\nreplicas: 2\n' });
    const third = await generate(root);
    expect(third.cached).toBe(false);
    expect(third.written).toEqual(['manifests/values/pi/demo.yaml']);
    // A hand edit of the tree runs in full and repairs it.
    const file = path.join(root, 'manifests/values/pi/demo.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + '# edited\n');
    const fourth = await generate(root);
    expect(fourth.cached).toBe(false);
    expect(fourth.written).toEqual(['manifests/values/pi/demo.yaml']);
    expect((await generate(root)).cached).toBe(true);
  });
});
