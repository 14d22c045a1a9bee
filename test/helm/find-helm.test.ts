import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatorCacheDir } from '../../generator/cache/cache-dir.js';
import { findHelm, helmDirs, PINNED_HELM, runHelm, type Helm } from '../../generator/helm/index.js';
import { tempDir } from '../helpers.js';
import { requireHelm, setupOnce } from '../helpers/helm.js';

let real: Helm;
setupOnce(async () => {
  real = await requireHelm();
});

/** A folder holding `helm`, a symlink to the real binary, to put on PATH. */
function pathWithRealHelm(): string {
  const dir = tempDir('helm-path-');
  symlinkSync(real.binary, path.join(dir, 'helm'));
  return dir;
}

/** A stand-in `helm` that prints what a Helm 3 (or something else) would; only for the negative cases. */
function standIn(script: string): string {
  const dir = tempDir('helm-standin-');
  const file = path.join(dir, 'helm');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

const baseEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
};

describe('findHelm', () => {
  it('uses the binary HELM names and reports its Helm 4 version', async () => {
    const found = await findHelm({ env: baseEnv({ HELM: real.binary, PATH: '/nonexistent' }) });
    expect(found.diagnostics).toEqual([]);
    expect(found.helm).toEqual({ binary: real.binary, version: expect.stringMatching(/^v4\.\d+\.\d+/), via: 'HELM' });
  });

  it('finds helm on PATH when HELM is unset, skipping relative PATH entries', async () => {
    const dir = pathWithRealHelm();
    const found = await findHelm({ env: baseEnv({ HELM: undefined, PATH: ['.', '/nonexistent', dir].join(path.delimiter) }) });
    expect(found.diagnostics).toEqual([]);
    expect(found.helm).toMatchObject({ binary: path.join(dir, 'helm'), via: 'PATH' });
    expect(found.helm?.version).toBe(real.version);
  });

  it("prefers the project's pinned copy in .tools/ over PATH when given the root", async () => {
    const root = tempDir('helm-root-');
    mkdirSync(path.dirname(path.join(root, PINNED_HELM)), { recursive: true });
    symlinkSync(real.binary, path.join(root, PINNED_HELM));
    const helm3 = path.dirname(standIn('echo v3.17.3'));
    const found = await findHelm({ env: baseEnv({ HELM: undefined, PATH: helm3 }), root });
    expect(found.helm).toMatchObject({ binary: path.join(root, PINNED_HELM), via: 'project' });
  });

  it('reports a missing Helm with how to install one', async () => {
    const found = await findHelm({ env: baseEnv({ HELM: undefined, PATH: tempDir('empty-path-') }) });
    expect(found.helm).toBeUndefined();
    expect(found.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'helm/not-found', message: expect.stringContaining('no helm on PATH'), hint: expect.stringContaining('npm test') }),
    ]);
    expect(found.diagnostics[0]?.hint).toContain('HELM');
  });

  it('reports a HELM that names no file, rather than falling back to PATH', async () => {
    const found = await findHelm({ env: baseEnv({ HELM: '/nonexistent/helm', PATH: pathWithRealHelm() }) });
    expect(found.helm).toBeUndefined();
    expect(found.diagnostics[0]).toMatchObject({ code: 'helm/not-found', message: expect.stringContaining('"/nonexistent/helm", which is not a file') });
  });

  it('refuses a Helm 3 and says which version it found', async () => {
    const helm3 = standIn('[ "$1 $2 $3" = "version --template {{.Version}}" ] && echo v3.17.3');
    const found = await findHelm({ env: baseEnv({ HELM: helm3 }) });
    expect(found.helm).toBeUndefined();
    expect(found.diagnostics).toEqual([
      expect.objectContaining({ code: 'helm/wrong-version', message: `${helm3} is Helm v3.17.3; the generator needs Helm 4 (v4.x.y)`, hint: expect.stringContaining('npm test') }),
    ]);
  });

  it('refuses a binary that is not Helm at all', async () => {
    const other = standIn('echo "usage: something else" >&2; exit 2');
    const found = await findHelm({ env: baseEnv({ HELM: other }) });
    expect(found.diagnostics[0]).toMatchObject({ code: 'helm/wrong-version', message: expect.stringContaining('exited with code 2') });
  });

  it('reports a HELM file that cannot be run', async () => {
    const file = path.join(tempDir('helm-noexec-'), 'helm');
    writeFileSync(file, 'not a program');
    const found = await findHelm({ env: baseEnv({ HELM: file }) });
    expect(found.diagnostics[0]).toMatchObject({ code: 'helm/not-runnable', message: expect.stringContaining(file) });
  });
});

describe('runHelm', () => {
  it("keeps Helm's cache, config and data folders inside the generator cache, whatever the shell set", async () => {
    const root = tempDir('helm-env-');
    const cacheDir = generatorCacheDir(root, {});
    const home = tempDir('fake-home-');
    const run = await runHelm(real, ['env'], {
      cacheDir,
      env: baseEnv({ HOME: home, HELM_REPOSITORY_CONFIG: path.join(home, 'repos.yaml'), HELM_PLUGINS: path.join(home, 'plugins'), XDG_CACHE_HOME: home }),
    });
    expect(run.ok).toBe(true);
    const env = Object.fromEntries(run.stdout.trim().split('\n').map((l) => /^(\w+)="(.*)"$/.exec(l)!.slice(1, 3) as [string, string]));
    const dirs = helmDirs(cacheDir);
    expect(dirs.cache).toBe(path.join(root, '.cache', 'gitops-generator', 'helm', 'cache'));
    expect(env['HELM_CACHE_HOME']).toBe(dirs.cache);
    expect(env['HELM_CONFIG_HOME']).toBe(dirs.config);
    expect(env['HELM_DATA_HOME']).toBe(dirs.data);
    for (const key of ['HELM_REPOSITORY_CONFIG', 'HELM_REPOSITORY_CACHE', 'HELM_REGISTRY_CONFIG', 'HELM_PLUGINS', 'HELM_CONTENT_CACHE']) {
      expect(env[key], key).toMatch(new RegExp(`^${cacheDir}/helm/`));
    }
    expect(readdirSync(home)).toEqual([]);
  });

  it("returns Helm's own error text when a command fails", async () => {
    const run = await runHelm(real, ['show', 'chart', '/nonexistent/chart.tgz'], { cacheDir: tempDir('helm-fail-') });
    expect(run.ok).toBe(false);
    expect(run.exitCode).not.toBe(0);
    expect(run.reason).toMatch(/nonexistent/);
    expect(run.reason).not.toMatch(/^Error:/);
  });
});
