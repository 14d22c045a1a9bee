/**
 * Scale benchmark: synthetic configs of 100, 1,000 and 5,000 apps on 1 and 10 clusters. For each,
 * cold generate (empty manifests/), a no-change re-run, check, and the YAML floor (serialising the
 * same rendered objects), each in its own process; medians of several runs. Prints figures and a
 * PASS/FAIL line per target. Not a test: timings depend on the machine and its load.
 *
 *   npm run bench                    full run (under 10 minutes on 2 quiet cores)
 *   npm run bench -- --quick         100 and 1,000 apps, one run each
 *   npm run bench -- --profile       also CPU-profile one cold generate of 1,000 apps
 *   npm run bench -- --compare       only: side by side with `helm template` of the equivalent Helm
 *                                    app-of-apps chart (and `| kubeconform -strict` when installed);
 *                                    --baseline <checkout> adds that checkout's built bin (before/after)
 *   npm run bench -- --big-file      only: one ~46 MB manifest file, all valid vs one invalid document
 *                                    at the end (validator alone, and check on a repo holding it)
 *   options: --sizes 100,1000  --clusters 1,10  --runs N  --max-seconds S (per measurement;
 *            a config whose measurement takes longer is not measured further)  --keep
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChildResult } from './child.js';
import { summariseProfile } from './profile.js';
import { writeSyntheticRepo } from './synth.js';
import { writeBigManifest } from './big-file.js';
import { compareWithHelm } from './compare.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = path.join(REPO_ROOT, 'bench/child.ts');

interface Measured extends ChildResult {
  /** Spawn to exit: what a user waits for, including Node, tsx and module loading. */
  wallMs: number;
}

let limitMs = 60_000;

/** One measurement in a fresh process; undefined when it ran past the time limit (then killed). */
function runChild(op: string, root: string, nodeArgs: string[] = []): Promise<Measured | undefined> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CHILD, op, root], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return resolve(undefined);
      const wallMs = performance.now() - start;
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`${op} ${root} exited ${code}:\n${err || out}`));
      resolve({ ...(JSON.parse(line) as ChildResult), wallMs });
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

type Op = 'cold' | 'noChange' | 'noChangeFull' | 'check' | 'floor';

interface Row {
  apps: number;
  clusters: number;
  runs: number;
  files: number;
  m: Record<Op, Measured[]>;
  /** The measurement that ran past the limit; nothing after it was measured. */
  stopped?: Op;
}

/** Median of a field, or a note saying why there is none. */
function cell(r: Row, op: Op, key: 'ms' | 'wallMs'): string {
  const xs = r.m[op];
  if (xs.length) return sec(median(xs.map((x) => x[key])));
  return r.stopped === op ? `> ${limitMs / 1000} s` : '-';
}

const med = (xs: Measured[], key: 'ms' | 'wallMs') => (xs.length ? median(xs.map((x) => x[key])) : Infinity);
const peakKB = (xs: Measured[]) => Math.max(0, ...xs.map((x) => x.maxRssKB));

/** Runs per configuration: enough for a stable median within the time budget. */
function runsFor(apps: number, clusters: number, forced: number | undefined): number {
  if (forced !== undefined) return forced;
  if (apps <= 100) return 5;
  if (apps <= 1000) return clusters === 1 ? 5 : 3;
  return clusters === 1 ? 3 : 1;
}

async function benchConfig(base: string, apps: number, clusters: number, runs: number): Promise<Row> {
  const root = path.join(base, `${apps}x${clusters}`);
  writeSyntheticRepo(root, { apps, clusters });
  // An (empty) node_modules/ as in a real checkout, so generate keeps its run cache there.
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  const row: Row = { apps, clusters, runs, files: 0, m: { cold: [], noChange: [], noChangeFull: [], check: [], floor: [] } };
  const take = async (op: Op, childOp: string): Promise<Measured | undefined> => {
    const r = await runChild(childOp, root);
    if (r) row.m[op].push(r);
    else row.stopped = op;
    return r;
  };
  for (let i = 0; i < runs && !row.stopped; i++) {
    // Move the previous tree aside instead of deleting it: on this VM's disk, deleting thousands of
    // files makes the next thousands of writes several times slower (kernel work, not ours), which
    // would be charged to the cold generate. The old trees are deleted after the measurements.
    const manifests = path.join(root, 'manifests');
    if (existsSync(manifests)) renameSync(manifests, path.join(base, `trash-${apps}x${clusters}-${i}`));
    const cold = await take('cold', 'generate');
    if (!cold) break;
    row.files = cold.files ?? 0;
    const again = await take('noChange', 'generate');
    if (!again) break;
    if (again.written !== 0) throw new Error(`no-change re-run of ${apps}x${clusters} wrote ${again.written} file(s)`);
    const full = await take('noChangeFull', 'generate-full');
    if (!full) break;
    if (full.written !== 0) throw new Error(`no-change full re-run of ${apps}x${clusters} wrote ${full.written} file(s)`);
    if (!(await take('check', 'check'))) break;
    process.stderr.write('.');
  }
  for (const t of readdirSync(base).filter((d) => d.startsWith(`trash-${apps}x${clusters}-`))) rmSync(path.join(base, t), { recursive: true, force: true });
  // The floor varies less and costs a render each; three samples are plenty.
  for (let i = 0; i < Math.min(runs, 3) && !row.stopped; i++) await take('floor', 'floor');
  process.stderr.write(` ${apps} apps x ${clusters} cluster(s)${row.stopped ? ` (stopped: ${row.stopped} over ${limitMs / 1000} s)` : ''}\n`);
  return row;
}

function printRows(rows: Row[]): void {
  const head = ['apps', 'clusters', 'runs', 'files', 'generate wall', 'generate op', 'peak RSS', 'no-change wall', 'no-change op', 'no-change no-cache wall', 'check wall', 'check op', 'floor', 'generate/floor'];
  const lines = rows.map((r) => {
    const all = [...r.m.cold, ...r.m.noChange, ...r.m.noChangeFull, ...r.m.check];
    const ratio = med(r.m.cold, 'ms') / med(r.m.floor, 'ms');
    return [
      String(r.apps),
      String(r.clusters),
      String(r.runs),
      r.files ? String(r.files) : '-',
      cell(r, 'cold', 'wallMs'),
      cell(r, 'cold', 'ms'),
      all.length ? mb(peakKB(all)) : '-',
      cell(r, 'noChange', 'wallMs'),
      cell(r, 'noChange', 'ms'),
      cell(r, 'noChangeFull', 'wallMs'),
      cell(r, 'check', 'wallMs'),
      cell(r, 'check', 'ms'),
      cell(r, 'floor', 'ms'),
      Number.isFinite(ratio) ? `${ratio.toFixed(1)}x` : '-',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(widths[i]!)).join(' | ') + ' |';
  console.log(fmt(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 1) + ':').join('|') + '|');
  for (const l of lines) console.log(fmt(l));
}

function printTargets(rows: Row[]): void {
  const find = (apps: number, clusters = 1) => rows.find((r) => r.apps === apps && r.clusters === clusters);
  const verdict = (name: string, ok: boolean | undefined, detail: string) => console.log(`${ok === undefined ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
  const both = (r: Row, op: Op) => `${cell(r, op, 'wallMs')} wall, ${cell(r, op, 'ms')} in-process`;
  const r1k = find(1000);
  const r5k = find(5000);
  console.log('\nTargets (1 cluster; wall = spawn to exit of one process, as the CLI runs):');
  verdict('1,000 apps generate < 2 s', r1k && med(r1k.m.cold, 'wallMs') < 2000, r1k ? both(r1k, 'cold') : 'not measured');
  verdict(
    '5,000 apps generate < 10 s and < 1 GB',
    r5k && med(r5k.m.cold, 'wallMs') < 10_000 && peakKB(r5k.m.cold) < 1024 * 1024,
    r5k ? `${both(r5k, 'cold')}, peak ${mb(peakKB(r5k.m.cold))}` : 'not measured',
  );
  if (r1k?.m.cold.length && r5k?.m.cold.length) {
    const ratio = med(r5k.m.cold, 'ms') / 5000 / (med(r1k.m.cold, 'ms') / 1000);
    verdict('cost grows linearly (per-app cost 5,000 vs 1,000 <= 1.25)', ratio <= 1.25, `ratio ${ratio.toFixed(2)} (in-process generate time per app)`);
  } else verdict('cost grows linearly', undefined, 'needs the 1,000 and 5,000 app runs');
  verdict(
    'no-change re-run of 1,000 apps < 1 s',
    r1k && med(r1k.m.noChange, 'wallMs') < 1000,
    r1k ? `${both(r1k, 'noChange')} (run cache${r1k.m.noChange.every((m) => m.cached) ? ' hit' : ' NOT hit'}); without the cache ${cell(r1k, 'noChangeFull', 'wallMs')} wall` : 'not measured',
  );
  verdict('check on the 1,000-app tree < 5 s', r1k && med(r1k.m.check, 'wallMs') < 5000, r1k ? both(r1k, 'check') : 'not measured');
  const tens = rows.filter((r) => r.clusters === 10 && r.apps >= 1000);
  if (tens.length) {
    console.log('For comparison, 10 clusters (not targets):');
    for (const r of tens) {
      const ratio = r.m.cold.length ? ` (${((med(r.m.cold, 'ms') / r.files) * 1000).toFixed(0)} µs per output file)` : '';
      console.log(
        `      ${r.apps} apps x 10 clusters: ${r.files || '?'} files, generate ${cell(r, 'cold', 'wallMs')}${ratio}, no-change ${cell(r, 'noChange', 'wallMs')} (no cache ${cell(r, 'noChangeFull', 'wallMs')}), check ${cell(r, 'check', 'wallMs')}`,
      );
    }
  }
}

/** Where generate's time goes on the 1,000-app config, stage by stage, cold and with nothing to write. */
async function stageFigures(base: string, runs: number): Promise<void> {
  const root = path.join(base, '1000x1');
  const cold: Record<string, number>[] = [];
  const warm: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(path.join(root, 'manifests'), { recursive: true, force: true });
    const c = await runChild('stages', root);
    // The stages op never consults the run cache: this is the full pipeline with nothing to write.
    const w = await runChild('stages', root);
    if (!c?.stages || !w?.stages) return console.log('\nStages: stopped (over the time limit)');
    cold.push(c.stages);
    warm.push(w.stages);
  }
  console.log('\nStages of generate, 1,000 apps x 1 cluster (in-process medians):');
  console.log('  stage          cold  no-change');
  for (const stage of Object.keys(cold[0]!)) {
    const m = (xs: Record<string, number>[]) => sec(median(xs.map((x) => x[stage]!))).padStart(9);
    console.log(`  ${stage.padEnd(10)}${m(cold)}  ${m(warm)}`);
  }
}

async function schemaFigures(base: string, runs: number): Promise<void> {
  const root = path.join(base, '1000x1');
  console.log('\nSchema check on the 1,000-app tree (generator/validate/schema-validator.ts):');
  try {
    const s: NonNullable<ChildResult['schema']>[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runChild('schema', root);
      if (r?.schema) s.push(r.schema);
    }
    if (!s.length) return console.log('  stopped (over the time limit)');
    const docs = s[0]!.documents;
    const rate = (key: 'withParsingMs' | 'withoutParsingMs' | 'parseOnlyMs' | 'coldMs') => {
      const t = median(s.map((x) => x[key]));
      return `${Math.round(docs / (t / 1000)).toLocaleString('en-US')} docs/s (${sec(t)})`;
    };
    console.log(`  documents: ${docs}`);
    console.log(`  first pass (compile + parse + validate): ${rate('coldMs')}`);
    console.log(`  with YAML parsing (schemas compiled):    ${rate('withParsingMs')}`);
    console.log(`  without parsing (validation alone):      ${rate('withoutParsingMs')}`);
    console.log(`  parsing alone:                           ${rate('parseOnlyMs')}`);
  } catch (e) {
    console.log(`  skipped: ${(e as Error).message.split('\n').find((l) => l.trim()) ?? 'failed'}`);
  }
}

/**
 * The cost of an error in a huge file: the validator on one ~46 MB manifest file, and check on a
 * small repository that holds it under manifests/, each all valid and with one invalid document
 * at the end; medians of `runs` fresh processes.
 */
async function bigFile(base: string, runs: number): Promise<void> {
  const root = path.join(base, 'big');
  writeSyntheticRepo(root, { apps: 10, clusters: 1 });
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  const gen = await runChild('generate', root);
  if (!gen) throw new Error('generate of the big-file repository ran past the limit');
  const inRepo = path.join(root, 'manifests/apps/c01/big.yaml');
  const alone = path.join(base, 'big.yaml');
  console.log('One large manifest file, all valid vs one invalid document at the end (medians of ' + runs + '):');
  console.log('  | case | documents | MB | validator wall | validator in-process | validator peak RSS | check wall | check peak RSS | first error |');
  console.log('  |---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const invalid of [false, true]) {
    const { documents, bytes } = writeBigManifest(alone, invalid);
    writeBigManifest(inRepo, invalid);
    const v: Measured[] = [];
    const c: Measured[] = [];
    for (let i = 0; i < runs; i++) {
      const a = await runChild('validate-file', alone);
      const b = await runChild('check-report', root);
      if (!a || !b) return console.log('  stopped (over the time limit)');
      v.push(a);
      c.push(b);
    }
    const wall = (xs: Measured[]) => sec(median(xs.map((x) => x.wallMs)));
    const rss = (xs: Measured[]) => mb(median(xs.map((x) => x.maxRssKB)));
    console.log(
      `  | ${invalid ? 'one invalid at the end' : 'all valid'} | ${documents} | ${(bytes / 1024 / 1024).toFixed(1)} | ${wall(v)} | ${sec(median(v.map((x) => x.ms)))} | ${rss(v)} | ${wall(c)} | ${rss(c)} | ${v[0]!.firstError ?? '-'} (${v[0]!.errors ?? 0} schema error(s)) |`,
    );
  }
}

/** One cold generate of the 1,000-app config under --cpu-prof, summarised by function. */
async function profile(base: string): Promise<void> {
  const root = path.join(base, '1000x1');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-bench-prof-'));
  try {
    rmSync(path.join(root, 'manifests'), { recursive: true, force: true });
    await runChild('generate', root, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    console.log('\nCPU profile of one cold generate, 1,000 apps x 1 cluster:');
    // tsx runs a loader thread with its own profile; the summary picks the busiest.
    console.log(summariseProfile(readdirSync(dir).map((f) => path.join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      profile: { type: 'boolean' },
      keep: { type: 'boolean' },
      sizes: { type: 'string' },
      clusters: { type: 'string' },
      runs: { type: 'string' },
      'max-seconds': { type: 'string' },
      'big-file': { type: 'boolean' },
      compare: { type: 'boolean' },
      baseline: { type: 'string' },
    },
  });
  const list = (s: string | undefined, dflt: number[]) => (s ? s.split(',').map((x) => Number.parseInt(x, 10)) : dflt);
  const sizes = list(values.sizes, values.quick ? [100, 1000] : [100, 1000, 5000]);
  const clusterCounts = list(values.clusters, [1, 10]);
  const forcedRuns = values.runs ? Number.parseInt(values.runs, 10) : values.quick ? 1 : undefined;
  if (values['max-seconds']) limitMs = Number.parseFloat(values['max-seconds']) * 1000;

  const started = performance.now();
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`Node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? '?'}), load average ${load()}`);
  const base = mkdtempSync(path.join(os.tmpdir(), 'gitops-bench-'));
  try {
    const startup = await runChild('startup', base);
    if (startup) console.log(`Process start-up (Node + tsx + generator modules): ${sec(startup.wallMs)}, ${mb(startup.maxRssKB)}`);
    if (values['big-file']) {
      limitMs = Math.max(limitMs, 300_000);
      return await bigFile(base, forcedRuns ?? 3);
    }
    const compare = () =>
      compareWithHelm({ repoRoot: REPO_ROOT, base, apps: 1000, runs: forcedRuns ?? 5, limitMs: Math.max(limitMs, 120_000), ...(values.baseline ? { baseline: values.baseline } : {}) });
    if (values.compare) return await compare();
    console.log(`Per-measurement limit ${limitMs / 1000} s\n`);
    const rows: Row[] = [];
    for (const apps of sizes) for (const clusters of clusterCounts) rows.push(await benchConfig(base, apps, clusters, runsFor(apps, clusters, forcedRuns)));
    printRows(rows);
    printTargets(rows);
    if (sizes.includes(1000) && clusterCounts.includes(1)) {
      await stageFigures(base, forcedRuns ?? 3);
      await schemaFigures(base, forcedRuns ?? 3);
      if (values.profile) await profile(base);
    }
    await compare();
  } finally {
    if (values.keep) console.log(`\nconfigs kept in ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
  console.log(`\nTotal bench time ${sec(performance.now() - started)}; load average now ${load()}`);
}

await main();
