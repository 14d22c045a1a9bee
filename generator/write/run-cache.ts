import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { CHARTS_LOCK_FILE, MANIFESTS_DIR } from '../model/files.js';
import { CODE_DIR, PACKAGE_ROOT } from '../model/package.js';
import { PRECOMPILED_DIR } from '../core/precompiled-validators.js';

/**
 * Lets a `generate` whose inputs, generator and output tree are all unchanged since the last run
 * skip the whole pipeline, as incremental build tools do. The key hashes every input file (with
 * its file type, so a file swapped for a link misses), the generator's own code, schemas, Lua
 * health checks and lockfile; the tree is compared by path, size and mtime. Anything different
 * means a full run. The cache lives in node_modules/.cache, never in the repository. `check`
 * never uses it.
 */
const CACHE_VERSION = 1;

interface CacheRecord {
  version: number;
  key: string;
  files: [string, number, number][];
  diagnostics: Diagnostic[];
}

function cacheFile(root: string): string {
  return path.join(root, 'node_modules', '.cache', 'argocd-gitops-generator', 'last-generate.json');
}

let generatorStamp: string | undefined;

/**
 * A hash of what determines the output besides the config: code (generator/ or dist/), schemas,
 * dependency versions (the lockfile of a clone; an installed package has its package.json).
 */
function stampOfGenerator(): string {
  if (generatorStamp) return generatorStamp;
  const h = createHash('sha256');
  // dist/validators/ is left out: each module is derived from a schema hashed here, and is used
  // only for the schema file it records the digest of (core/precompiled-validators.ts).
  for (const dir of [path.relative(PACKAGE_ROOT, CODE_DIR), 'schemas', 'health']) hashTree(h, PACKAGE_ROOT, dir, path.relative(PACKAGE_ROOT, PRECOMPILED_DIR));
  for (const file of ['package.json', 'package-lock.json']) {
    const abs = path.join(PACKAGE_ROOT, file);
    if (existsSync(abs)) h.update(readFileSync(abs));
  }
  generatorStamp = h.digest('hex');
  return generatorStamp;
}

function hashTree(h: ReturnType<typeof createHash>, root: string, rel: string, skip?: string): void {
  const abs = path.join(root, rel);
  if (rel === skip || !existsSync(abs)) return;
  for (const ent of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = `${rel}/${ent.name}`;
    h.update(`${child}\0${ent.isSymbolicLink() ? 'l' : ent.isDirectory() ? 'd' : 'f'}\0`);
    if (ent.isDirectory()) hashTree(h, root, child, skip);
    else if (ent.isFile()) h.update(readFileSync(path.join(root, child)));
    else if (ent.isSymbolicLink()) {
      // A link is hashed by what it points to, so editing the target is a change too.
      try {
        const abs2 = path.join(root, child);
        h.update(readlinkSync(abs2));
        if (statSync(abs2).isFile()) h.update(readFileSync(abs2));
      } catch {
        h.update('\0dangling');
      }
    }
  }
}

/** The cache key of a repository's current inputs. */
export function inputKey(root: string): string {
  const h = createHash('sha256');
  h.update(`${CACHE_VERSION}\0${stampOfGenerator()}\0`);
  const cluster = path.join(root, 'cluster.yaml');
  h.update(existsSync(cluster) ? readFileSync(cluster) : '\0missing');
  // Its render records shape the AppProjects.
  const lock = path.join(root, CHARTS_LOCK_FILE);
  h.update(existsSync(lock) ? readFileSync(lock) : '\0missing');
  for (const dir of ['apps', 'values']) hashTree(h, root, dir);
  return h.digest('hex');
}

function treeState(root: string): [string, number, number][] {
  const out: [string, number, number][] = [];
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) return;
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      const child = `${rel}/${ent.name}`;
      if (ent.isDirectory()) walk(child);
      else {
        const st = lstatSync(path.join(root, child));
        out.push([child, st.size, st.mtimeMs]);
      }
    }
  };
  walk(MANIFESTS_DIR);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The previous run's warnings when nothing changed since it, else undefined (run in full). */
export function lookup(root: string, key: string): Diagnostic[] | undefined {
  try {
    const rec = JSON.parse(readFileSync(cacheFile(root), 'utf8')) as CacheRecord;
    if (rec.version !== CACHE_VERSION || rec.key !== key) return undefined;
    return JSON.stringify(treeState(root)) === JSON.stringify(rec.files) ? rec.diagnostics : undefined;
  } catch {
    return undefined;
  }
}

/** Remember a successful run; a failure to write the cache never fails the run. */
export function remember(root: string, key: string, diagnostics: Diagnostic[]): void {
  try {
    if (!existsSync(path.join(root, 'node_modules')) || !statSync(path.join(root, 'node_modules')).isDirectory()) return;
    const file = cacheFile(root);
    mkdirSync(path.dirname(file), { recursive: true });
    const rec: CacheRecord = { version: CACHE_VERSION, key, files: treeState(root), diagnostics };
    writeFileSync(file + '.tmp', JSON.stringify(rec));
    renameSync(file + '.tmp', file);
  } catch {
    /* caching is an optimisation only */
  }
}
