/**
 * Reads a chart archive (.tgz) once: Chart.yaml, values.yaml and values.schema.json of the chart
 * and of every subchart (a folder under `charts/` or a nested .tgz, under its alias or name), the
 * `crds/` files, and whether any template reads `.Capabilities.APIVersions`. Nothing is extracted
 * to disk; templates are scanned, not kept.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ReadEntry } from 'tar';
import { isPlainObject } from '../core/merge.js';
import { loadAllFast } from '../core/yaml11.js';
import type { ChartArchive, ChartCrdFile, SubchartArchive } from './types.js';

const require = createRequire(import.meta.url);

/** An archive bigger than this unpacked is refused: charts are kilobytes to a few megabytes. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
const MAX_ENTRIES = 50_000;
/** Subcharts inside subcharts inside ...: Helm itself has no limit, a zip bomb would. */
const MAX_DEPTH = 8;
const USES_API_VERSIONS = /\.Capabilities\.APIVersions\b/;
const MANIFEST_EXT = /\.(ya?ml|json)$/;

export class ChartArchiveError extends Error {}

const cache = new Map<string, Promise<ChartArchive>>();

/** The archive at `file`, read once per process (the cache pins archives by digest, so a path is one content). */
export function readChartArchive(file: string, digest = ''): Promise<ChartArchive> {
  const key = `${file}\0${digest}`;
  let p = cache.get(key);
  if (!p) {
    p = readFile(file).then((buf) => parseChartArchive(buf, path.basename(file)));
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export async function parseChartArchive(buf: Buffer, label: string, depth = 0): Promise<ChartArchive> {
  if (depth > MAX_DEPTH) throw new ChartArchiveError(`${label}: subcharts nested more than ${MAX_DEPTH} deep`);
  const files = await untar(buf, label);
  const roots = [...new Set([...files.kept.keys(), ...files.apiUsers].map((p) => p.split('/')[0] as string))].filter((r) => files.kept.has(`${r}/Chart.yaml`));
  if (roots.length !== 1) throw new ChartArchiveError(`${label}: expected one chart folder with a Chart.yaml at the top of the archive, found ${roots.length}`);
  return chartAt(roots[0] as string, files, label, depth);
}

interface Untarred {
  /** The files we keep, by path. */
  kept: Map<string, Buffer>;
  /** Template paths that read `.Capabilities.APIVersions`. */
  apiUsers: Set<string>;
}

/** Which entries are kept in memory: chart metadata, values, schemas, CRDs and nested archives. */
function wanted(p: string): boolean {
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base === 'Chart.yaml' || base === 'values.yaml' || base === 'values.schema.json') return true;
  if (/\/charts\/[^/]+\.tgz$/.test(p)) return true;
  return /\/crds\//.test(p) && MANIFEST_EXT.test(p);
}

function untar(buf: Buffer, label: string): Promise<Untarred> {
  const kept = new Map<string, Buffer>();
  const apiUsers = new Set<string>();
  let total = 0;
  let count = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      reject(new ChartArchiveError(`${label}: ${message}`));
    };
    // tar is loaded when an archive is read: lint imports this module for mergedDefaults alone.
    const { Parser } = require('tar') as typeof import('tar');
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        count++;
        if (count > MAX_ENTRIES) {
          fail(`more than ${MAX_ENTRIES} entries`);
          entry.resume();
          return;
        }
        const p = entry.path.replace(/^\.\//, '');
        const isTemplate = /\/templates\//.test(p);
        if (entry.type !== 'File' || (!wanted(p) && !isTemplate)) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => {
          total += c.length;
          if (total > MAX_UNPACKED_BYTES) fail(`unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MiB`);
          else chunks.push(c);
        });
        entry.on('end', () => {
          const body = Buffer.concat(chunks);
          if (isTemplate && !wanted(p)) {
            if (USES_API_VERSIONS.test(body.toString('utf8'))) apiUsers.add(p);
          } else kept.set(p, body);
        });
      },
    });
    parser.on('warn', (code: string, message: string | Error) => {
      // A truncated or corrupt archive: tar warns (strict turns most into errors).
      if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ABORT') fail(String(message instanceof Error ? message.message : message));
    });
    parser.on('error', (e: Error) => fail(e.message));
    parser.on('end', () => {
      if (!failed) resolve({ kept, apiUsers });
    });
    parser.end(buf);
  });
}

async function chartAt(dir: string, files: Untarred, label: string, depth: number): Promise<ChartArchive> {
  const chartYaml = yamlMap(files.kept.get(`${dir}/Chart.yaml`), `${dir}/Chart.yaml`, label);
  const name = typeof chartYaml['name'] === 'string' ? chartYaml['name'] : path.posix.basename(dir);
  const version = chartYaml['version'] === undefined ? '' : String(chartYaml['version']);
  const valuesBuf = files.kept.get(`${dir}/values.yaml`);
  const valuesText = valuesBuf?.toString('utf8') ?? '';
  const values = valuesBuf ? yamlMap(valuesBuf, `${dir}/values.yaml`, label) : {};
  const schemaBuf = files.kept.get(`${dir}/values.schema.json`);
  let schema: unknown;
  if (schemaBuf) {
    try {
      schema = JSON.parse(schemaBuf.toString('utf8')) as unknown;
    } catch (e) {
      throw new ChartArchiveError(`${label}: ${dir}/values.schema.json is not JSON: ${(e as Error).message}`);
    }
  }

  const crds: ChartCrdFile[] = [];
  for (const [p, body] of [...files.kept].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!p.startsWith(`${dir}/crds/`) || !MANIFEST_EXT.test(p)) continue;
    let docs: unknown[];
    try {
      docs = loadAllFast(body.toString('utf8'));
    } catch (e) {
      throw new ChartArchiveError(`${label}: ${p} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    crds.push({ path: p, objects: docs.filter(isPlainObject) });
  }

  // Subcharts: folders charts/<x>/ with a Chart.yaml, and archives charts/<x>.tgz.
  const found: ChartArchive[] = [];
  const subDirs = new Set<string>();
  for (const p of files.kept.keys()) {
    const m = new RegExp(`^${escapeRe(dir)}/charts/([^/]+)/Chart\\.yaml$`).exec(p);
    if (m) subDirs.add(`${dir}/charts/${m[1]}`);
  }
  for (const sub of [...subDirs].sort()) found.push(await chartAt(sub, files, label, depth));
  for (const [p, body] of [...files.kept].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (new RegExp(`^${escapeRe(dir)}/charts/[^/]+\\.tgz$`).test(p)) found.push(await parseChartArchive(body, `${label}: ${p}`, depth + 1));
  }
  const subcharts = asDependencies(chartYaml, found);

  const own = [...files.apiUsers].some((p) => p.startsWith(`${dir}/templates/`));
  return { name, version, chartYaml, values, valuesText, ...(schema !== undefined ? { schema } : {}), crds, usesApiVersions: own || subcharts.some((s) => s.usesApiVersions), subcharts };
}

/**
 * Each subchart under the key its values use: one entry per Chart.yaml dependency naming it (an
 * alias gives it another key; one chart may be used twice under two aliases), or its own name when
 * no dependency names it.
 */
function asDependencies(chartYaml: Record<string, unknown>, found: ChartArchive[]): SubchartArchive[] {
  const deps = Array.isArray(chartYaml['dependencies']) ? chartYaml['dependencies'].filter(isPlainObject) : [];
  const out: SubchartArchive[] = [];
  for (const sub of found) {
    const uses = deps.filter((d) => d['name'] === sub.name);
    if (uses.length === 0) out.push({ ...sub, as: sub.name });
    for (const d of uses) out.push({ ...sub, as: typeof d['alias'] === 'string' && d['alias'] !== '' ? d['alias'] : sub.name });
  }
  return out.sort((a, b) => (a.as < b.as ? -1 : a.as > b.as ? 1 : 0));
}

function yamlMap(buf: Buffer | undefined, p: string, label: string): Record<string, unknown> {
  if (!buf) return {};
  let docs: unknown[];
  try {
    docs = loadAllFast(buf.toString('utf8'));
  } catch (e) {
    throw new ChartArchiveError(`${label}: ${p} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const first = docs[0];
  return isPlainObject(first) ? first : {};
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The chart's defaults as Helm merges them before the operator's values: the chart's values.yaml
 * with each subchart's defaults under its alias or name (the parent's values win), recursively.
 * `global` is shared by all of them.
 */
export function mergedDefaults(archive: ChartArchive): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(archive.values);
  for (const sub of archive.subcharts) {
    const theirs = mergedDefaults(sub);
    const mine = isPlainObject(out[sub.as]) ? (out[sub.as] as Record<string, unknown>) : {};
    out[sub.as] = mergeUnder(theirs, mine);
    if (isPlainObject(theirs['global'])) out['global'] = mergeUnder(theirs['global'], isPlainObject(out['global']) ? out['global'] : {});
  }
  return out;
}

/** `over` on top of `base`, maps merged key by key. */
function mergeUnder(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeUnder(out[k] as Record<string, unknown>, v) : v;
  return out;
}
