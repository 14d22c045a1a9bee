/**
 * A command loads what it needs: a plain generate and check never load the Helm half (chart
 * rendering, the chart cache, tar) or the diff library. Observed in a child process, with a module
 * loader hook that reports every ES module it loads and, at exit, every CommonJS one.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL_CLUSTER, REPO_ROOT, makeRepo, tempDir } from '../helpers.js';

const NOT_NEEDED = ['/generator/pipeline-render.ts', '/generator/hydrate/hydrate.ts', '/generator/charts/pull-charts.ts', '/node_modules/tar/', '/node_modules/diff/'];

function loadedBy(args: string[], root: string): string[] {
  const dir = tempDir('gitops-lazy-');
  const hook = path.join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    `import { register } from 'node:module';
import { createRequire } from 'node:module';
register('data:text/javascript,' + encodeURIComponent('export async function load(url, ctx, next) { if (url.startsWith("file:")) process.stderr.write("LOADED " + url + "\\\\n"); return next(url, ctx); }'));
const require = createRequire(import.meta.url);
process.on('exit', () => { for (const f of Object.keys(require.cache)) process.stderr.write('LOADED file://' + f + '\\n'); });
`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', hook, path.join(REPO_ROOT, 'generator/cli.ts'), ...args, '--root', root], { encoding: 'utf8', env: { ...process.env, KUBECONFORM: path.join(dir, 'none') } });
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED file://'.length));
}

describe('lazy loading', () => {
  it('generate and check load neither the Helm half nor the diff library', () => {
    const root = makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER });
    for (const command of ['generate', 'check']) {
      const loaded = loadedBy([command], root);
      // The hook sees both kinds of module: the pipeline (ESM) and yaml (CommonJS).
      expect(loaded.some((f) => f.endsWith('/generator/pipeline.ts')), command).toBe(true);
      expect(loaded.some((f) => f.includes('/node_modules/yaml/')), command).toBe(true);
      for (const part of NOT_NEEDED) expect(loaded.filter((f) => f.includes(part)), `${command} loaded ${part}`).toEqual([]);
    }
  }, 120_000);
});
