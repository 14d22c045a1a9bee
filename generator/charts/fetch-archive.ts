/**
 * Fetches one chart archive into a fresh folder: `helm pull` from a Helm repository or an OCI
 * registry, or a copy out of a local mirror folder. Then checks with `helm show chart` that the
 * archive is the chart and version asked for (a mirror could hold anything under that file name).
 */
import { copyFile, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { runHelm, type Helm } from '../helm/index.js';
import { describeChart, normaliseRepoURL, parseURL } from './reference.js';
import type { MirrorTarget } from './mirrors.js';
import type { ChartRef } from './types.js';

export interface ChartSource extends MirrorTarget {
  /** Set when `location` is a mirror of the chart's own repoURL. */
  mirrorOf?: string;
}

export interface FetchContext {
  helm: Helm;
  cacheDir: string;
  env: NodeJS.ProcessEnv;
}

export type FetchResult = { file: string } | { diagnostic: Diagnostic };

const PULL_HINT = 'check the URL and that it is reachable from here; for air-gapped use give a mirror (--chart-mirror <repoURL>=<mirror>) or fill the cache and run offline';

export function describeSource(s: ChartSource): string {
  const where = s.kind === 'dir' ? `file://${s.location}` : s.location;
  return s.mirrorOf !== undefined ? `${where} (mirror of ${s.mirrorOf})` : where;
}

export async function fetchArchive(ref: ChartRef, source: ChartSource, destDir: string, ctx: FetchContext): Promise<FetchResult> {
  const fetched = source.kind === 'dir' ? await copyFromDir(ref, source, destDir) : await helmPull(ref, source, destDir, ctx);
  if ('diagnostic' in fetched) return fetched;
  return checkArchive(ref, source, fetched.file, ctx);
}

async function helmPull(ref: ChartRef, source: ChartSource, destDir: string, ctx: FetchContext): Promise<FetchResult> {
  const args =
    source.kind === 'oci'
      ? ['pull', `${source.location}/${ref.name}`, '--version', ref.version, '--destination', destDir]
      : ['pull', ref.name, '--repo', source.location, '--version', ref.version, '--destination', destDir];
  // A registry on this machine (a local mirror, the tests) speaks plain HTTP; anything else must use TLS.
  if (source.kind === 'oci' && isLoopback(parseURL(source.location)?.hostname ?? '')) args.push('--plain-http');
  const run = await runHelm(ctx.helm, args, { cacheDir: ctx.cacheDir, env: ctx.env });
  if (!run.ok) {
    const notFound = /not found|404|manifest unknown|name unknown/i.test(run.reason) && !/cannot be reached|connection refused|no such host/i.test(run.reason);
    return {
      diagnostic: {
        severity: 'error',
        code: notFound ? 'charts/not-found' : 'charts/unreachable',
        message: notFound
          ? `${describeChart(ref)} is not in ${describeSource(source)}: ${run.reason}`
          : `${describeChart(ref)}: cannot pull from ${describeSource(source)}: ${run.reason}`,
        hint: notFound ? `check the chart name and version against ${describeSource(source)}` : PULL_HINT,
      },
    };
  }
  const files = (await readdir(destDir)).filter((f) => f.endsWith('.tgz'));
  if (files.length !== 1) {
    return { diagnostic: { severity: 'error', code: 'charts/unreachable', message: `${describeChart(ref)}: \`${run.command}\` succeeded but left ${files.length} archives` } };
  }
  return { file: path.join(destDir, files[0] as string) };
}

/** A mirror folder holds `<name>-<version>.tgz`, or is a Helm repository with an index.yaml. */
async function copyFromDir(ref: ChartRef, source: ChartSource, destDir: string): Promise<FetchResult> {
  const dir = source.location;
  const fail = (code: string, message: string, hint: string): FetchResult => ({ diagnostic: { severity: 'error', code, message, hint } });
  if (!(await isDir(dir))) {
    return fail('charts/bad-mirror', `${describeChart(ref)}: the mirror folder ${dir} (mirror of ${source.mirrorOf ?? '?'}) does not exist`, 'give file:/// and the absolute path of a folder holding <name>-<version>.tgz archives or a Helm repository index.yaml');
  }
  let file = path.join(dir, `${ref.name}-${ref.version}.tgz`);
  const index = await readIndex(path.join(dir, 'index.yaml'));
  if (index !== undefined) {
    const url = index[ref.name]?.find((e) => e.version === ref.version)?.urls?.[0];
    if (url === undefined) {
      return fail('charts/not-found', `${describeChart(ref)}: the mirror ${describeSource(source)} has no such chart version in its index.yaml`, `check the chart name and version, or add the chart to the mirror and run \`helm repo index ${dir}\``);
    }
    file = archiveInDir(dir, url);
  }
  if (!(await isFile(file))) {
    return fail('charts/not-found', `${describeChart(ref)}: the mirror ${describeSource(source)} has no ${path.relative(dir, file) || file}`, `put the chart archive there (helm pull ${ref.name} --version ${ref.version}), or fix the mirror`);
  }
  const dest = path.join(destDir, path.basename(file));
  await copyFile(file, dest);
  return { file: dest };
}

/** An index entry's URL: relative to the folder, a file: URL, or a remote URL whose file name is in the folder. */
function archiveInDir(dir: string, url: string): string {
  const parsed = parseURL(url);
  if (parsed === undefined) return path.resolve(dir, decodeURIComponent(url));
  if (parsed.protocol === 'file:') return fileURLToPath(parsed);
  return path.join(dir, path.basename(decodeURIComponent(parsed.pathname)));
}

async function readIndex(file: string): Promise<Record<string, { version?: string; urls?: string[] }[]> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = parseYaml(text) as { entries?: unknown } | null;
    const entries = data?.entries;
    return typeof entries === 'object' && entries !== null ? (entries as Record<string, { version?: string; urls?: string[] }[]>) : {};
  } catch {
    return {};
  }
}

async function checkArchive(ref: ChartRef, source: ChartSource, file: string, ctx: FetchContext): Promise<FetchResult> {
  const run = await runHelm(ctx.helm, ['show', 'chart', file], { cacheDir: ctx.cacheDir, env: ctx.env });
  const meta = run.ok ? safeParse(run.stdout) : undefined;
  if (meta === undefined) {
    return { diagnostic: { severity: 'error', code: 'charts/bad-archive', message: `${describeChart(ref)}: what ${describeSource(source)} served is not a chart archive: ${run.reason || 'Chart.yaml unreadable'}`, hint: 'check the repository or mirror serves the .tgz Helm packaged' } };
  }
  const stripV = (v: string) => v.replace(/^v/, '');
  if (meta.name !== ref.name || stripV(String(meta.version)) !== stripV(ref.version)) {
    return {
      diagnostic: {
        severity: 'error',
        code: 'charts/wrong-chart',
        message: `${describeChart(ref)}: ${describeSource(source)} served chart ${String(meta.name)} ${String(meta.version)} instead`,
        hint: `the archive for ${ref.name} ${ref.version} must contain that chart; fix the mirror or repository ${normaliseRepoURL(source.location)}`,
      },
    };
  }
  return { file };
}

function safeParse(text: string): { name?: unknown; version?: unknown } | undefined {
  try {
    const v = parseYaml(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as { name?: unknown; version?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
