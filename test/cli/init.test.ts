import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolSpec } from '../../generator/cli/commands/init.js';
import { readTree } from '../../generator/cli/scaffold/files.js';
import { read, REPO_ROOT, run, tempDir, writeFiles } from '../helpers.js';

const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const SCHEMAS = 'node_modules/argocd-gitops-generator/schemas/config';

describe('init', () => {
  it('writes a config repository that generates and checks green at once (minimal)', async () => {
    const parent = tempDir();
    const r = await run(['init', 'demo'], { cwd: parent });
    expect(r.code, r.err).toBe(0);
    const dir = path.join(parent, 'demo');
    expect(readTree(dir, '.').map((f) => f.path.slice(2)).sort()).toEqual([
      '.github/workflows/gitops.yml',
      '.gitignore',
      'README.md',
      'apps/podinfo.yaml',
      'cluster.yaml',
      'package.json',
      'renovate.json',
      'values/podinfo/values.yaml',
    ]);
    const pkg = JSON.parse(read(dir, 'package.json')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'demo', private: true, scripts: { generate: 'gitops-generator generate', check: 'gitops-generator check' }, devDependencies: { 'argocd-gitops-generator': `^${version}` } });
    expect(read(dir, 'cluster.yaml').split('\n')[0]).toBe(`# yaml-language-server: $schema=./${SCHEMAS}/cluster.schema.json`);
    expect(read(dir, 'apps/podinfo.yaml').split('\n')[0]).toBe(`# yaml-language-server: $schema=../${SCHEMAS}/app.schema.json`);
    expect(read(dir, '.gitignore').split('\n')).toEqual(expect.arrayContaining(['node_modules/', '.cache/']));
    expect(read(dir, 'renovate.json')).toBe(readFileSync(path.join(REPO_ROOT, 'renovate.json'), 'utf8'));
    expect((await run(['generate', '--root', dir])).code).toBe(0);
    const check = await run(['check', '--root', dir]);
    expect(check.code, check.out).toBe(0);
  });

  it('pi-linkerd is the shipped config, with the schema headers pointing into node_modules', async () => {
    const dir = tempDir();
    expect((await run(['init', dir, '--template', 'pi-linkerd'])).code).toBe(0);
    const shipped = ['cluster.yaml', 'charts.lock.yaml', 'apps', 'values'].flatMap((p) => readTree(REPO_ROOT, p));
    // The render records come along: without them the AppProjects would lack what the charts render.
    expect(shipped.map((f) => f.path)).toContain('charts.lock.yaml');
    expect(shipped.length).toBeGreaterThan(20);
    for (const f of shipped) {
      const written = read(dir, f.path);
      const header = f.content.match(/^# yaml-language-server: .*$/m)?.[0];
      if (!header) expect(written, f.path).toBe(f.content);
      else {
        expect(written, f.path).toBe(f.content.replace(header, header.replace(/\$schema=(\.\.?\/)schemas\/config/, `$schema=$1${SCHEMAS}`)));
        expect(written).not.toBe(f.content);
      }
    }
  });

  it('refuses a folder that is not empty, and with --force adds only what is missing', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'cluster.yaml': 'mine\n', 'notes.txt': 'x\n' });
    const refused = await run(['init', dir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is not empty');
    expect(existsSync(path.join(dir, 'apps'))).toBe(false);
    const forced = await run(['init', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('1 existing file(s) kept');
    expect(forced.out).toContain('  kept cluster.yaml');
    expect(read(dir, 'cluster.yaml')).toBe('mine\n');
    expect(existsSync(path.join(dir, 'apps/podinfo.yaml'))).toBe(true);
    const gitOnly = tempDir();
    writeFiles(gitOnly, { '.git/HEAD': 'ref: refs/heads/main\n' });
    expect((await run(['init', gitOnly])).code).toBe(0);
    const file = path.join(tempDir(), 'f');
    writeFiles(path.dirname(file), { f: '' });
    expect((await run(['init', file])).code).toBe(1);
    expect((await run(['init', dir, '--template', 'pi'])).err).toContain("unknown --template 'pi'");
  });

  it('writes a local --tool relative to the new repository and passes registry specs through', () => {
    expect(toolSpec(undefined, '/w', '/w/demo')).toBe(`^${version}`);
    expect(toolSpec('/w/pkg/gen-1.0.0.tgz', '/w', '/w/demo')).toBe('file:../pkg/gen-1.0.0.tgz');
    expect(toolSpec('gen-1.0.0.tgz', '/w', '/w/demo')).toBe('file:../gen-1.0.0.tgz');
    expect(toolSpec('file:./tools/gen', '/w', '/w/demo')).toBe('file:../tools/gen');
    expect(toolSpec('1.2.3', '/w', '/w/demo')).toBe('1.2.3');
    expect(toolSpec('npm:other@2', '/w', '/w/demo')).toBe('npm:other@2');
  });
});
