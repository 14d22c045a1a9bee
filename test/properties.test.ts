/**
 * Properties of generate that hold for any config: deterministic bytes (runs, discovery order,
 * time zone and locale), no-op re-runs, all-or-nothing writes, one writer at a time, and a prune
 * that only ever deletes the generator's own files inside manifests/.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { writeSyntheticRepo } from '../bench/synth.js';
import { buildTree, generate } from '../generator/pipeline.js';
import { REPO_ROOT, run, snapshot, tempDir } from './helpers.js';

const STACK = path.join(REPO_ROOT, 'test/fixtures/valid/shipped-stack');
const LOCK = '.generate.lock';


/**
 * The shipped stack plus one app in a sub-folder whose names and template exercise case mapping
 * (capital I, dotless i), so a locale-sensitive lower/upper-case would change bytes.
 */
function configFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const ent of readdirSync(path.join(STACK, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(child);
      else if (ent.name !== 'expected.yaml') files.set(child, readFileSync(path.join(STACK, child), 'utf8'));
    }
  };
  walk('');
  const cluster = parseDocument(files.get('cluster.yaml')!);
  cluster.setIn(['defaults', 'vars'], { logLevel: 'INFO', title: 'Istanbul İzmir ıi' });
  files.set('cluster.yaml', cluster.toString());
  files.set(
    'apps/team/insights.yaml',
    'description: INFO dashboards\nnamespace: insights\nchart:\n  repoURL: https://charts.example.com\n  name: insights\n  version: 1.0.0\ndependsOn: [cert-manager]\n',
  );
  files.set('values/insights/values.yaml', 'logLevel: "{{lower vars.logLevel}}"\nbanner: "{{upper vars.title}}"\ntitle: "{{vars.title}}"\n');
  files.set(
    'values/insights/resources/configmap.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: insights-INFO\ndata:\n  level: "{{lower vars.logLevel}}"\n',
  );
  return files;
}

function writeRepo(files: Map<string, string>, order: 'sorted' | 'reversed' = 'sorted'): string {
  const root = tempDir('props-');
  const names = [...files.keys()].sort();
  if (order === 'reversed') names.reverse();
  for (const rel of names) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), files.get(rel)!);
  }
  return root;
}

/** Every file under `dir` with its bytes, for byte-for-byte comparisons. */
function tree(dir: string): Map<string, string> {
  return new Map([...snapshot(dir)].map(([k, v]) => [k, v.content]));
}

function allFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const ent of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${ent.name}` : ent.name;
    if (ent.isDirectory()) out.push(...allFiles(root, child));
    else out.push(child);
  }
  return out;
}

/** Temp, backup and lock files a write could leave behind. */
function debris(root: string): string[] {
  return allFiles(root).filter((f) => /\.tmp-\d+$|\.bak-\d+$/.test(f) || f === LOCK);
}

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in its own process, as a user runs it. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return spawned(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'generator/cli.ts'), ...args], env);
}

function spawned(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function generated(files = configFiles()): Promise<string> {
  const root = writeRepo(files);
  const r = await run(['generate', '--root', root]);
  expect(r.code, r.out + r.err).toBe(0);
  return root;
}

let referenceTree: Map<string, string> | undefined;
/** The tree one plain in-process generate gives; every property compares against it. */
async function reference(): Promise<Map<string, string>> {
  referenceTree ??= tree(path.join(await generated(), 'manifests'));
  return referenceTree;
}

describe('determinism', () => {
  it('gives the same bytes on two independent runs', async () => {
    const a = await reference();
    const b = tree(path.join(await generated(), 'manifests'));
    expect(a.size).toBeGreaterThan(30);
    expect(b).toEqual(a);
  });

  it('does not depend on input discovery order, mtimes or directory listing order', async () => {
    const files = configFiles();
    const root = writeRepo(files, 'reversed');
    // Oldest mtime on the alphabetically last file, newest on the first: the reverse of creation.
    const names = [...files.keys()].sort();
    names.forEach((rel, i) => {
      const t = new Date(Date.UTC(2020, 0, 1) + (names.length - i) * 60_000);
      utimesSync(path.join(root, rel), t, t);
    });
    // Rename every app file away and back, which reorders directory entries on most filesystems.
    for (const rel of names.filter((n) => n.startsWith('apps/'))) {
      const abs = path.join(root, rel);
      renameSync(abs, `${abs}.moved`);
    }
    for (const rel of names.filter((n) => n.startsWith('apps/')).reverse()) {
      const abs = path.join(root, rel);
      renameSync(`${abs}.moved`, abs);
    }
    const r = await run(['generate', '--root', root]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(tree(path.join(root, 'manifests'))).toEqual(await reference());
  });

  it('gives the same bytes under another time zone and a Turkish locale', async () => {
    const env = { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' };
    // Prove the child really runs Turkish and Chatham time, or the comparison below proves nothing.
    const probe = await spawned(process.execPath, ['-e', 'const o = new Intl.DateTimeFormat().resolvedOptions(); console.log(o.locale, o.timeZone, ["i", "I", "ı"].sort((a, b) => a.localeCompare(b)).join(""))'], env);
    expect(probe.stdout.trim()).toBe('tr-TR Pacific/Chatham ıIi');

    const root = writeRepo(configFiles());
    const r = await cli(['generate', '--root', root], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(tree(path.join(root, 'manifests'))).toEqual(await reference());
    // The case-mapping helpers map by Unicode rules, not by the Turkish locale.
    const values = readFileSync(path.join(root, 'manifests/values/pi/insights.yaml'), 'utf8');
    expect(values).toContain('logLevel: info\n');
    expect(values).toContain('banner: ISTANBUL İZMIR II\n');
  });
});

describe('writes', () => {
  for (const cache of [false, true]) {
    it(`writes no file on a second generate: same mtimes, and the CLI says 0 written (${cache ? 'with' : 'without'} the run cache)`, async () => {
      const root = writeRepo(configFiles());
      // generate keeps its run cache under node_modules/, so only a root with one has a cache.
      if (cache) mkdirSync(path.join(root, 'node_modules'));
      const first = await run(['generate', '--root', root]);
      expect(first.code, first.out + first.err).toBe(0);
      const before = snapshot(path.join(root, 'manifests'));
      // Long enough that a rewrite would show a different mtime on any filesystem.
      await new Promise((r) => setTimeout(r, 50));
      const r = await cli(['generate', '--root', root]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^generate: .*\b0 file\(s\) written/m);
      expect(r.stdout).not.toContain('wrote ');
      // With a cache the pipeline is skipped altogether; make sure that path is the one exercised.
      if (cache) expect(r.stdout).toContain('nothing changed since the last run');
      expect(snapshot(path.join(root, 'manifests'))).toEqual(before);
      expect(debris(root)).toEqual([]);
    });
  }

  // The run cache hashes a symlinked input by what it points to, so editing the target is noticed.
  it('notices an edited symlink target on the next generate when the run cache is on', async () => {
    const root = writeRepo(configFiles());
    mkdirSync(path.join(root, 'node_modules'));
    mkdirSync(path.join(root, 'shared'));
    renameSync(path.join(root, 'values/cert-manager/values.yaml'), path.join(root, 'shared/cert-manager.yaml'));
    symlinkSync('../../shared/cert-manager.yaml', path.join(root, 'values/cert-manager/values.yaml'));
    expect((await run(['generate', '--root', root])).code).toBe(0);
    writeFileSync(path.join(root, 'shared/cert-manager.yaml'), 'replicaCount: 3\n');
    const r = await run(['generate', '--root', root]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(readFileSync(path.join(root, 'manifests/values/pi/cert-manager.yaml'), 'utf8')).toContain('replicaCount: 3');
  });

  it('leaves the previous tree intact and no temp files when interrupted between files', async () => {
    const root = await generated();
    // A change that rewrites most files and adds new ones: another branch, an extra app.
    const cluster = parseDocument(readFileSync(path.join(root, 'cluster.yaml'), 'utf8'));
    cluster.setIn(['repo', 'targetRevision'], 'release-1');
    writeFileSync(path.join(root, 'cluster.yaml'), cluster.toString());
    writeFileSync(path.join(root, 'apps/extra.yaml'), 'namespace: extra\nchart:\n  repoURL: https://charts.example.com\n  name: extra\n  version: 2.0.0\n');
    const before = snapshot(path.join(root, 'manifests'));
    const changed = (await buildTree(root)).files.filter((f) => before.get(f.path.slice('manifests/'.length))?.content !== f.content).length;
    expect(changed).toBeGreaterThan(5);

    // Before the first file, after one, half way, and one short of the last.
    for (const n of [0, 1, Math.floor(changed / 2), changed - 1]) {
      await expect(generate(root, { failAfterStaged: n })).rejects.toThrow(/simulated failure/);
      expect(snapshot(path.join(root, 'manifests')), `after failing at ${n}`).toEqual(before);
      expect(debris(root), `after failing at ${n}`).toEqual([]);
    }
    // And the interrupted change still goes through afterwards.
    const done = await generate(root);
    expect(done.written.length).toBe(changed);
    expect(debris(root)).toEqual([]);
  });
});

describe('lock', () => {
  it('never interleaves two generates started at once: both serialise, or one is refused with exit 4', async () => {
    // 300 apps make the write phase long enough that the two processes usually meet at the lock.
    const config = tempDir('props-synth-');
    writeSyntheticRepo(config, { apps: 300, clusters: 1 });
    const refRoot = tempDir('props-synth-ref-');
    cpSync(config, refRoot, { recursive: true });
    await generate(refRoot);
    const want = tree(path.join(refRoot, 'manifests'));
    for (let round = 0; round < 2; round++) {
      const root = tempDir('props-race-');
      cpSync(config, root, { recursive: true });
      const [a, b] = await Promise.all([cli(['generate', '--root', root]), cli(['generate', '--root', root])]);
      for (const r of [a, b]) {
        expect([0, 4], r.stdout + r.stderr).toContain(r.code);
        if (r.code === 4) expect(r.stderr).toMatch(/another generate is running \(pid \d+\): \.generate\.lock is held/);
      }
      expect([a.code, b.code]).toContain(0);
      expect(tree(path.join(root, 'manifests'))).toEqual(want);
      expect(debris(root)).toEqual([]);
    }
  }, 240_000); // two CLI processes on 300 apps each; slow on a loaded 2-core CI machine

  it('refuses with exit 4 and says why while a live process holds the lock, and leaves its lock alone', async () => {
    const root = await generated();
    // This test process is alive, so its pid makes a held lock.
    writeFileSync(path.join(root, LOCK), `${process.pid}\n`);
    writeFileSync(path.join(root, 'apps/extra.yaml'), 'namespace: extra\nchart:\n  repoURL: https://charts.example.com\n  name: extra\n  version: 2.0.0\n');
    const before = snapshot(path.join(root, 'manifests'));
    const r = await run(['generate', '--root', root]);
    expect(r.code).toBe(4);
    expect(r.err).toContain(`another generate is running (pid ${process.pid}): ${LOCK} is held`);
    expect(r.err).toContain('wait for it to finish');
    expect(snapshot(path.join(root, 'manifests'))).toEqual(before);
    expect(readFileSync(path.join(root, LOCK), 'utf8')).toBe(`${process.pid}\n`);
  });

  it('takes over a stale lock left by a dead process', async () => {
    const root = await generated();
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.on('close', r));
    expect(dead.pid).toBeDefined();
    writeFileSync(path.join(root, LOCK), `${dead.pid}\n`);
    writeFileSync(path.join(root, 'apps/extra.yaml'), 'namespace: extra\nchart:\n  repoURL: https://charts.example.com\n  name: extra\n  version: 2.0.0\n');
    const r = await run(['generate', '--root', root]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(existsSync(path.join(root, 'manifests/apps/pi/extra.yaml'))).toBe(true);
    expect(existsSync(path.join(root, LOCK))).toBe(false);
  });
});

describe('prune', () => {
  it('deletes only stale files carrying the generator header, only inside manifests/, never through a symlink', async () => {
    const root = await generated();
    const m = (rel: string) => path.join(root, 'manifests', rel);
    const header = readFileSync(m('apps/pi/cert-manager.yaml'), 'utf8');
    const handWritten: Record<string, string> = {
      'manifests/notes.md': '# Notes\nHand-written, no header.\n',
      'manifests/apps/pi/custom.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: custom\n',
      // The marker text below the first line does not make a file the generator's.
      'manifests/apps/pi/quoted.yaml': `# Copied from a generated file:\n${header}`,
      // Generated-looking files outside manifests/ are never the prune's business.
      'old-manifests/apps/pi/cert-manager.yaml': header,
      'values/leftover.yaml': header,
    };
    for (const [rel, text] of Object.entries(handWritten)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    // A stale file the generator wrote for an app that no longer exists.
    writeFileSync(m('apps/pi/retired.yaml'), header);
    // Links inside manifests/ to a generated-looking file and folder outside the repository.
    const outside = tempDir('props-outside-');
    writeFileSync(path.join(outside, 'target.yaml'), header);
    mkdirSync(path.join(outside, 'dir'));
    writeFileSync(path.join(outside, 'dir/inner.yaml'), header);
    symlinkSync(path.join(outside, 'target.yaml'), m('apps/pi/linked.yaml'));
    symlinkSync(path.join(outside, 'dir'), m('resources/linked-dir'));

    const r = await cli(['generate', '--root', root]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('1 stale file(s) deleted');
    expect(r.stdout).toContain('deleted manifests/apps/pi/retired.yaml');
    expect(existsSync(m('apps/pi/retired.yaml'))).toBe(false);
    for (const [rel, text] of Object.entries(handWritten)) expect(readFileSync(path.join(root, rel), 'utf8'), rel).toBe(text);
    expect(lstatSync(m('apps/pi/linked.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(m('apps/pi/linked.yaml'))).toBe(path.join(outside, 'target.yaml'));
    expect(lstatSync(m('resources/linked-dir')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(outside, 'target.yaml'), 'utf8')).toBe(header);
    expect(readFileSync(path.join(outside, 'dir/inner.yaml'), 'utf8')).toBe(header);
    // The generated files themselves are untouched by all this.
    const want = await reference();
    const got = tree(path.join(root, 'manifests'));
    for (const [rel, text] of want) expect(got.get(rel), rel).toBe(text);
  });
});

describe('overwrite', () => {
  // Like prune, the writer never replaces a file without the generator's header.
  it('does not silently overwrite a hand-written file where a new app is rendered', async () => {
    const root = await generated();
    const mine = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: extra\n# hand-written\n';
    writeFileSync(path.join(root, 'manifests/apps/pi/extra.yaml'), mine);
    writeFileSync(path.join(root, 'apps/extra.yaml'), 'namespace: extra\nchart:\n  repoURL: https://charts.example.com\n  name: extra\n  version: 2.0.0\n');
    const r = await run(['generate', '--root', root]);
    expect(readFileSync(path.join(root, 'manifests/apps/pi/extra.yaml'), 'utf8')).toBe(mine);
    expect(r.code).not.toBe(0);
  });
});
