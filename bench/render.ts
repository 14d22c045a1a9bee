/**
 * Render benchmark: a tree of 20 apps over the fixture charts, served on 127.0.0.1 and pulled once.
 * Measures the wall time of `check --render` against the same `helm template` commands run by hand
 * in parallel (`xargs -P <cores>`, twice each, as the check does), and, separately, the rules on the
 * rendered objects. Medians of 5. Not a test: timings depend on the machine and its load.
 *
 *   npm run bench:render                 5 runs
 *   npm run bench:render -- --runs 3
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { helmEnv } from '../generator/helm/index.js';
import { generatorCacheDir } from '../generator/cache/cache-dir.js';
import { check, generate } from '../generator/pipeline.js';
import { startChartRepo } from '../test/helpers/chart-repo.js';
import { requireHelm } from '../test/helpers/helm.js';
import { renderRepo, type AppSpec } from '../test/helpers/render-repo.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

process.env['HELM'] ??= path.join(REPO_ROOT, '.tools/helm-v4.1.4/helm');
const helm = await requireHelm();
const CHARTS = (process.env['BENCH_CHARTS'] ?? 'cluster-scoped,other-namespace,hook-job,parent-with-alias,crd-and-cr,workloads,default-password,random-value,capabilities,with-schema').split(',');
const repo = await startChartRepo(helm, CHARTS);

// 20 apps, two of each chart, with the values and ignoreDifferences those charts need.
const apps: Record<string, AppSpec> = {};
for (let i = 0; i < 20; i++) {
  const chart = CHARTS[i % CHARTS.length]!;
  apps[`app-${String(i + 1).padStart(2, '0')}`] = {
    chart,
    ...(chart === 'with-schema' ? { values: 'host: a.example\n' } : {}),
    ...(chart === 'random-value' ? { extra: 'ignoreDifferences:\n  - kind: Secret\n    jsonPointers: [/data/password]\n  - kind: ConfigMap\n    jsonPointers: [/data/renderedAt]\n' } : {}),
  };
}
const root = renderRepo(repo, apps);
const cores = os.availableParallelism();

// Once: pull the charts and record what they render, so the check passes and measures steady state.
const first = await generate(root, { render: true });
if (first.diagnostics.some((d) => d.severity === 'error')) throw new Error('generate --render failed');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

// The commands the check runs, with each temporary value file replaced by the committed one it
// was copied from (every app here has exactly its generated values file).
const probe = await check(root, { render: true });
if (!probe.render || probe.diagnostics.some((d) => d.severity === 'error')) throw new Error(`check --render failed:\n${probe.diagnostics.map((d) => d.message).join('\n')}`);
const lines: string[] = [];
for (const h of probe.render.apps) {
  const argv = [...h.argv];
  const at = argv.indexOf('--values');
  if (at >= 0) argv[at + 1] = path.join(root, 'manifests', 'values', h.app.cluster!, `${h.app.app}.yaml`);
  lines.push(argv.join(' '), argv.join(' '));
}
const work = path.join(root, '.bench');
mkdirSync(work, { recursive: true });
const commands = path.join(work, 'commands.txt');
writeFileSync(commands, `${lines.join('\n')}\n`);

function byHand(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('xargs', ['-P', String(cores), '-L', '1', helm.binary], {
      stdio: ['pipe', 'ignore', 'inherit'],
      env: helmEnv(generatorCacheDir(root), process.env),
    });
    child.stdin.end(`${lines.join('\n')}\n`);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`xargs exited ${code}`))));
  });
}

/** `check --render` as a user runs it: a fresh process through the CLI. */
function cli(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator/cli.ts'), 'check', '--render', '--root', root], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`check --render exited ${code}`))));
  });
}

const m = { hand: [] as number[], inProcess: [] as number[], cli: [] as number[], render: [] as number[], rules: [] as number[] };
for (let i = 0; i < runs; i++) {
  m.hand.push(await byHand());
  const start = performance.now();
  const r = await check(root, { render: true });
  m.inProcess.push(performance.now() - start);
  m.render.push(r.timings!.renderMs);
  m.rules.push(r.timings!.rulesMs);
  m.cli.push(await cli());
  process.stderr.write('.');
}
process.stderr.write('\n');
await repo.close();

const ms = (x: number) => `${Math.round(x)} ms`;
const hand = median(m.hand);
const inProcess = median(m.inProcess);
const cliMs = median(m.cli);
const render = median(m.render);
const rules = median(m.rules);
const rows: [string, string, string][] = [
  ['helm template by hand (xargs -P ' + cores + ', 40 commands)', ms(hand), '1.00x'],
  ['check --render, in process (load to compare)', ms(inProcess), `${(inProcess / hand).toFixed(2)}x`],
  ['  of which the Helm renders', ms(render), `${(render / hand).toFixed(2)}x`],
  ['check --render, CLI (node + tsx start-up included)', ms(cliMs), `${(cliMs / hand).toFixed(2)}x`],
  ['rendered-object rules', ms(rules), `${((rules / render) * 100).toFixed(1)} % of render`],
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`render benchmark: 20 apps, ${probe.render.apps.length} Helm sources, ${cores} cores, medians of ${runs}`);
for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w)}  ${b.padStart(8)}  ${c}`);
const target = inProcess / hand <= 1.3;
console.log(`${target ? 'PASS' : 'FAIL'} check --render (in process) within 1.3x of Helm by hand: ${(inProcess / hand).toFixed(2)}x`);
console.log(`${rules / render < 0.1 ? 'PASS' : 'FAIL'} rules under 10 % of the render time: ${((rules / render) * 100).toFixed(1)} %`);
