/**
 * Side by side with what users run instead: `helm template` of the equivalent app-of-apps chart
 * (`app-of-apps.ts`) vs `gitops-generator generate` cold, and `helm template | kubeconform -strict`
 * vs `gitops-generator check`, on the same synthetic config. Whole processes, wall time (spawn to
 * exit), alternating tool by tool in one run so both see the same machine load; medians.
 *
 * The generator runs as installed: the compiled bin (`node dist/cli.js`, built first), not tsx.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeAppOfAppsChart } from './app-of-apps.js';
import { writeSyntheticRepo } from './synth.js';

/** The ratios issue #12 asks for: generate within 2x of helm template, check within 1.5x of helm | kubeconform. */
export const TARGETS = { generate: 2, check: 1.5 } as const;

interface Timed {
  wallMs: number;
  code: number | null;
  out: string;
  err: string;
}

function timed(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; limitMs: number }): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.limitMs);
    child.stdout.on('data', (d: Buffer) => (out.length < 1e5 ? (out += d.toString()) : undefined));
    child.stderr.on('data', (d: Buffer) => (err.length < 1e5 ? (err += d.toString()) : undefined));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ wallMs: performance.now() - start, code, out, err });
    });
  });
}

function ok(what: string, t: Timed): number {
  if (t.code !== 0) throw new Error(`${what} exited ${t.code}:\n${(t.err || t.out).slice(0, 2000)}`);
  return t.wallMs;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Helm 4: HELM, else the pinned one `node scripts/install-helm.mjs` installs. */
function findHelm(repoRoot: string): string | undefined {
  const pinned = path.join(repoRoot, '.tools/helm-v4.1.4/helm');
  const candidate = process.env['HELM'] || pinned;
  return existsSync(candidate) ? candidate : undefined;
}

/** kubeconform on PATH (or KUBECONFORM), as `check` itself looks for it. */
function findKubeconform(): string | undefined {
  const explicit = process.env['KUBECONFORM'];
  if (explicit && existsSync(explicit)) return explicit;
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const p = path.join(dir, 'kubeconform');
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Builds dist/ the way `npm pack` does, so the bin measured is the current code. */
export function buildDist(repoRoot: string): void {
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
}

export async function compareWithHelm(opts: { repoRoot: string; base: string; apps: number; runs: number; limitMs: number }): Promise<void> {
  const { repoRoot, base, apps, runs, limitMs } = opts;
  console.log(`\nSide by side with a Helm app-of-apps chart, ${apps.toLocaleString('en-US')} apps x 1 cluster (whole processes, wall time, medians of ${runs}):`);
  const helm = findHelm(repoRoot);
  if (!helm) {
    console.log('  skipped: no helm (node scripts/install-helm.mjs installs the pinned Helm 4, or set HELM)');
    return;
  }
  const version = spawnSync(helm, ['version', '--short'], { encoding: 'utf8' }).stdout.trim();
  buildDist(repoRoot);
  const bin = path.join(repoRoot, 'dist/cli.js');
  const root = path.join(base, `compare-${apps}`);
  const chart = path.join(base, `compare-${apps}-chart`);
  writeSyntheticRepo(root, { apps, clusters: 1 });
  mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  writeAppOfAppsChart(chart, { apps, clusters: 1 });
  const kubeconform = findKubeconform();
  const schemaLocation = `${path.join(repoRoot, 'schemas/k8s')}/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`;
  // check is timed with its built-in validator alone: kubeconform is what it is compared with.
  const noKubeconform = { ...process.env, KUBECONFORM: path.join(base, 'no-such-dir/kubeconform') };
  const trash = path.join(base, 'compare-trash');
  mkdirSync(trash, { recursive: true });
  let n = 0;
  // Move the previous output aside rather than delete it: deleting thousands of files slows the
  // next thousands of writes on this kind of disk, which would be charged to whoever runs next.
  const aside = (p: string) => existsSync(p) && renameSync(p, path.join(trash, String(n++)));

  const t = { helm: [] as number[], generate: [] as number[], helmKc: [] as number[], check: [] as number[] };
  let files = 0;
  for (let i = 0; i < runs; i++) {
    const out = path.join(base, `compare-${apps}-helm-out`);
    aside(out);
    t.helm.push(ok('helm template', await timed(helm, ['template', 'platform', chart, '--output-dir', out], { cwd: base, limitMs })));
    aside(path.join(root, 'manifests'));
    const gen = await timed(process.execPath, [bin, 'generate', '--root', root], { cwd: root, limitMs });
    t.generate.push(ok('generate', gen));
    files = Number(/(\d+) file\(s\) written/.exec(gen.out)?.[1] ?? files);
    if (kubeconform) {
      const pipeline = `"${helm}" template platform "${chart}" | "${kubeconform}" -strict -summary -schema-location '${schemaLocation}'`;
      t.helmKc.push(ok('helm template | kubeconform', await timed('bash', ['-o', 'pipefail', '-c', pipeline], { cwd: base, limitMs })));
    }
    t.check.push(ok('check', await timed(process.execPath, [bin, 'check', '--root', root], { cwd: root, env: noKubeconform, limitMs })));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  rmSync(trash, { recursive: true, force: true });

  const row = (name: string, ms: number[]) => console.log(`  ${name.padEnd(58)} ${sec(median(ms)).padStart(8)}   (${ms.map((x) => (x / 1000).toFixed(2)).join(', ')})`);
  console.log(`  ${helm === path.join(repoRoot, '.tools/helm-v4.1.4/helm') ? 'pinned ' : ''}helm ${version}; the chart's templates emit ${apps} Applications, the AppProject and the extra manifests`);
  row('helm template --output-dir (3 files)', t.helm);
  row(`gitops-generator generate, cold (${files.toLocaleString('en-US')} files)`, t.generate);
  const gRatio = median(t.generate) / median(t.helm);
  console.log(`${gRatio <= TARGETS.generate ? 'PASS' : 'FAIL'}  generate / helm template: ${gRatio.toFixed(2)}x (target <= ${TARGETS.generate}x)`);
  if (!kubeconform) {
    row('gitops-generator check', t.check);
    console.log('SKIP  check / (helm template | kubeconform -strict): skipped: no kubeconform');
    return;
  }
  const kcVersion = spawnSync(kubeconform, ['-v'], { encoding: 'utf8' }).stdout.trim();
  row(`helm template | kubeconform ${kcVersion} -strict (schemas/k8s)`, t.helmKc);
  row('gitops-generator check (built-in validator)', t.check);
  const cRatio = median(t.check) / median(t.helmKc);
  console.log(`${cRatio <= TARGETS.check ? 'PASS' : 'FAIL'}  check / (helm template | kubeconform -strict): ${cRatio.toFixed(2)}x (target <= ${TARGETS.check}x)`);
}
