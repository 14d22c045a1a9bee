/**
 * `check` reads the repository and writes nothing, not even for a moment (no lock file); it still
 * never reports on a tree a running generate is half-way through replacing. A missing root is a
 * usage error for both commands.
 */
import { chmodSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTreeSnapshot, TreeChangedError } from '../../generator/write/tree-snapshot.js';
import { LockedError } from '../../generator/write/tree-writer.js';
import { makeRepo, MINIMAL_CLUSTER, run, tempDir } from '../helpers.js';

const LOCK = '.generate.lock';

async function generatedRepo(): Promise<string> {
  const root = makeRepo({
    'cluster.yaml': MINIMAL_CLUSTER,
    'apps/web.yaml': 'namespace: web\nchart:\n  repoURL: https://charts.example.com\n  name: web\n  version: 1.2.3\n',
  });
  const g = await run(['generate', '--root', root]);
  expect(g.code, g.err).toBe(0);
  return root;
}

/** Every entry under `dir` (directories too) with its bytes and mtime: a file created and deleted again still changes its directory's mtime. */
function everything(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    const st = lstatSync(abs);
    if (st.isDirectory()) {
      out.set(rel + '/', `dir ${st.mtimeMs} ${readdirSync(abs).sort().join(',')}`);
      for (const name of readdirSync(abs)) walk(rel ? `${rel}/${name}` : name);
    } else out.set(rel, `${st.mtimeMs} ${st.isFile() ? readFileSync(abs, 'base64') : 'other'}`);
  };
  walk('');
  return out;
}

function setWritable(dir: string, writable: boolean): void {
  const walk = (abs: string) => {
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) return;
    chmodSync(abs, writable ? st.mode | 0o200 : st.mode & ~0o222);
    if (st.isDirectory()) for (const name of readdirSync(abs)) walk(path.join(abs, name));
  };
  walk(dir);
}

describe('--root', () => {
  it.each(['generate', 'check'])('%s: a missing root is a usage error (exit 2) with a clear message', async (command) => {
    const r = await run([command, '--root', path.join(tempDir(), 'no-such-folder')]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/--root .*no-such-folder.*does not exist/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each(['generate', 'check'])('%s: a root that is a file is a usage error (exit 2)', async (command) => {
    const root = makeRepo({ 'file.txt': 'x' });
    const r = await run([command, '--root', path.join(root, 'file.txt')]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/--root .*file\.txt.* is not a directory/);
  });
});

describe('check writes nothing', () => {
  it('leaves a repository byte-identical, with no new file even for a moment (and works read-only)', async () => {
    const root = await generatedRepo();
    const before = everything(root);
    setWritable(root, false);
    try {
      const r = await run(['check', '--root', root]);
      expect(r.code, r.out + r.err).toBe(0);
    } finally {
      setWritable(root, true);
    }
    expect(everything(root)).toEqual(before);
  });

  it('refuses with exit 4 while a live generate holds the lock, and leaves the lock alone', async () => {
    const root = await generatedRepo();
    writeFileSync(path.join(root, LOCK), `${process.pid}\n`);
    const before = everything(root);
    const r = await run(['check', '--root', root]);
    expect(r.code).toBe(4);
    expect(r.err).toContain(`another generate is running (pid ${process.pid})`);
    expect(everything(root)).toEqual(before);
  });

  it('ignores (and keeps) the stale lock of a dead process', async () => {
    const root = await generatedRepo();
    writeFileSync(path.join(root, LOCK), '999999999\n');
    const r = await run(['check', '--root', root]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(readFileSync(path.join(root, LOCK), 'utf8')).toBe('999999999\n');
  });
});

describe('readTreeSnapshot', () => {
  it('reads again when the tree changed while it was read, and returns the settled tree', async () => {
    const root = await generatedRepo();
    const file = 'manifests/apps/pi/web.yaml';
    let reads = 0;
    const snap = readTreeSnapshot(root, {
      afterRead: () => {
        // A generate replacing a file between our read and our re-check.
        if (reads++ === 0) writeFileSync(path.join(root, file), readFileSync(path.join(root, file), 'utf8') + '# changed\n');
      },
    });
    expect(reads).toBe(2);
    expect(snap.files.find((f) => f.path === file)!.content).toMatch(/# changed\n$/);
  });

  it('reads again when a lock appeared meanwhile, and fails with exit-4 errors while it is held', async () => {
    const root = await generatedRepo();
    expect(() =>
      readTreeSnapshot(root, { afterRead: () => writeFileSync(path.join(root, LOCK), `${process.pid}\n`) }),
    ).toThrow(LockedError);
  });

  it('gives up after a few attempts when the tree keeps changing', async () => {
    const root = await generatedRepo();
    let n = 0;
    const touch = () => writeFileSync(path.join(root, 'manifests/apps/pi/web.yaml'), `# ${n++}\n`);
    expect(() => readTreeSnapshot(root, { afterRead: touch })).toThrow(TreeChangedError);
    expect(new TreeChangedError()).toBeInstanceOf(LockedError); // exit 4 in the CLI
  });

  it('notices a change that finished between two reads (no lock left behind)', async () => {
    const root = await generatedRepo();
    const snap = readTreeSnapshot(root);
    expect(snap.unchanged()).toBe(true);
    writeFileSync(path.join(root, 'manifests/apps/pi/new.yaml'), 'x: 1\n');
    expect(snap.unchanged()).toBe(false);
  });
});
