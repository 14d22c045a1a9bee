/**
 * The package as a user gets it: `npm pack` this repository once, then run the tarball as child
 * processes from empty folders: `npx <tarball> --help`, `npx <tarball> init`, `npm install` in the
 * new repository (the npm registry is the only network), `npm run generate`, `npm run check`.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers.js';

interface Ran {
  code: number | null;
  out: string;
}

/** A child process with stdout and stderr together, as a terminal would show them. */
function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

let work: string;
let tarball: string;
/**
 * One npm cache for the run, removed with its temp dir: npx keeps each installed tarball in the
 * cache's _npx folder (24 MB a run), and the config repositories install from what npx fetched.
 */
let npmEnv: Record<string, string>;

beforeAll(async () => {
  work = tempDir('gitops-pack-');
  const packed = await sh('npm', ['pack', '--pack-destination', work, '--json'], REPO_ROOT);
  expect(packed.code, packed.out).toBe(0);
  const file = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  tarball = path.join(work, file);
  npmEnv = { npm_config_cache: path.join(work, 'npm-cache') };
}, 300_000);

describe('the packed tarball', () => {
  it('holds the compiled CLI and what it reads at run time, and no sources or tests', async () => {
    const list = await sh('tar', ['-tzf', tarball], work);
    expect(list.code).toBe(0);
    const files = list.out.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['dist/cli.js', 'dist/cli/main.js', 'dist/validators/k8s/argoproj.io/application_v1alpha1.cjs', 'dist/validators/config/app.schema.cjs', 'schemas/config/app.schema.json', 'schemas/k8s/SOURCES.json', 'health/argoproj.io/Application/health.lua', 'templates/minimal/cluster.yaml', 'templates/config-repo/gitops.yml', 'cluster.yaml', 'apps/cert-manager.yaml', 'renovate.json', 'LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(generator|test|bench|manifests|node_modules)\//.test(f) || f.endsWith('.ts'))).toEqual([]);
  });

  it('runs with npx: --help', async () => {
    const r = await sh('npx', ['--yes', `file:${tarball}`, '--help'], tempDir('gitops-npx-'), npmEnv);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Usage: gitops-generator <command> [options]');
    expect(r.out).toContain('init');
  }, 300_000);

  // The two templates run side by side (child processes; 2 cores).
  it.concurrent.each(['minimal', 'pi-linkerd'])('init --template %s, then npm install (no engine warning on this Node), generate and check are green', async (template) => {
    const parent = tempDir('gitops-user-');
    const init = await sh('npx', ['--yes', `file:${tarball}`, 'init', 'demo', '--template', template, '--tool', tarball], parent, npmEnv);
    expect(init.code, init.out).toBe(0);
    const repo = path.join(parent, 'demo');
    // --prefer-offline: the registry is asked only for what the run's cache lacks.
    const install = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], repo, npmEnv);
    expect(install.code, install.out).toBe(0);
    expect(install.out).not.toMatch(/EBADENGINE/);
    const generate = await sh('npm', ['run', 'generate'], repo);
    expect(generate.code, generate.out).toBe(0);
    expect(generate.out).toMatch(/generate: \d+ file\(s\) written/);
    const check = await sh('npm', ['run', 'check'], repo);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toMatch(/check: \d+ files up to date and valid/);
    if (template === 'minimal') await expectExactDependencies(repo);
  }, 300_000);
});

/** The installed package depends at run time on exactly the packages dist/ imports or requires, and every dist module loads. */
async function expectExactDependencies(repo: string): Promise<void> {
  const pkgDir = path.join(repo, 'node_modules/argocd-gitops-generator');
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  // .cjs: the precompiled validators (dist/validators/); require(): what is loaded on first use.
  const modules = (readdirSync(path.join(pkgDir, 'dist'), { recursive: true }) as string[]).filter((f) => f.endsWith('.js') || f.endsWith('.cjs')).map((f) => path.join(pkgDir, 'dist', f));
  const imported = new Set<string>();
  for (const m of modules) {
    for (const [, spec] of readFileSync(m, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
      if (spec!.startsWith('.') || spec!.startsWith('node:')) continue;
      imported.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
    }
  }
  expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  const load = await sh(process.execPath, ['--input-type=module', '-e', `for (const m of ${JSON.stringify(modules)}) await import(m);`], repo);
  expect(load.code, load.out).toBe(0);
}
