import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../generator/cli.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A fresh temporary folder; the global test setup removes them all when the run ends. */
export function tempDir(prefix = 'gitops-tmp-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A temporary repository holding the given files (paths relative to its root). */
export function makeRepo(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-gen-'));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** A temporary copy of the shipped default config (cluster.yaml, apps/, values/) without manifests/. */
export function copyDefaultConfig(opts: { withManifests?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-default-'));
  for (const p of ['cluster.yaml', 'charts.lock.yaml', 'apps', 'values', ...(opts.withManifests ? ['manifests'] : [])]) {
    cpSync(path.join(REPO_ROOT, p), path.join(dir, p), { recursive: true });
  }
  return dir;
}

/** Run the CLI in-process; returns exit code and captured output. */
export async function run(args: string[], opts: RunOptions = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: { write: (s: string) => (out += s), isTTY: opts.tty ?? false },
    err: { write: (s: string) => (err += s), isTTY: opts.tty ?? false },
    env: opts.env ?? {},
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  return { code, out, err };
}

export interface RunOptions {
  /** Pretend both streams are a terminal (colour, progress line). */
  tty?: boolean;
  /** The environment the CLI sees (default: empty, so the caller's NO_COLOR/FORCE_COLOR do not leak in). */
  env?: Record<string, string>;
  cwd?: string;
}

/** Every file under a directory with its bytes and mtime, for "nothing changed" assertions. */
export function snapshot(dir: string): Map<string, { content: string; mtimeMs: number }> {
  const out = new Map<string, { content: string; mtimeMs: number }>();
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      const child = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(child);
      else if (ent.isFile()) out.set(child, { content: readFileSync(path.join(dir, child), 'utf8'), mtimeMs: statSync(path.join(dir, child)).mtimeMs });
    }
  };
  walk('');
  return out;
}

export const MINIMAL_CLUSTER = `repo:
  url: https://github.com/example/gitops.git
clusters:
  - name: pi
    server: https://kubernetes.default.svc
`;

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}
