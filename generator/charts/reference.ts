/** Checks a chart reference and derives the names used for it in the cache and the lock. */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ChartRef } from './types.js';

/** Chart names as Helm writes them into archive names: no slashes, no spaces. */
const CHART_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** An exact SemVer 2 version, with the leading `v` some charts use. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export type RepoKind = 'http' | 'oci';

/** Trailing slashes do not make a different repository. */
export function normaliseRepoURL(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function repoKind(url: string): RepoKind | undefined {
  const parsed = parseURL(url);
  if (parsed === undefined || parsed.host === '') return undefined;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return 'http';
  if (parsed.protocol === 'oci:') return 'oci';
  return undefined;
}

/** Identity of a chart in the lock and the cache: repository, name, version. */
export function chartKey(ref: ChartRef): string {
  return JSON.stringify([normaliseRepoURL(ref.repoURL), ref.name, ref.version]);
}

/** `name version (repoURL)`, for messages. */
export function describeChart(ref: ChartRef): string {
  return `chart ${ref.name} ${ref.version} (${normaliseRepoURL(ref.repoURL)})`;
}

/**
 * A folder name for a repository: readable, plus a short hash so that `https://a/b_c` and
 * `https://a/b/c` (the same once sanitised) do not share a folder.
 */
export function repoFolder(repoURL: string): string {
  const url = normaliseRepoURL(repoURL);
  const readable = url.replace(/^([a-z]+):\/\//i, '$1_').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 10);
  return `${readable}-${hash}`;
}

/** Problems with one reference; empty when it can be pulled and locked. */
export function checkChartRef(ref: unknown): Diagnostic[] {
  const bad = (message: string, hint: string): Diagnostic[] => [{ severity: 'error', code: 'charts/bad-reference', message, hint }];
  if (typeof ref !== 'object' || ref === null) return bad('a chart reference must be an object { repoURL, name, version }', 'give repoURL, name and version');
  const r = ref as Record<string, unknown>;
  const name = typeof r['name'] === 'string' ? r['name'] : '';
  const version = typeof r['version'] === 'string' ? r['version'] : '';
  const repoURL = typeof r['repoURL'] === 'string' ? r['repoURL'] : '';
  const who = `chart ${JSON.stringify(name)} ${JSON.stringify(version)} from ${JSON.stringify(repoURL)}`;

  if (!CHART_NAME.test(name)) {
    const hint = name.includes('/')
      ? 'the name is the chart alone; the repository (or OCI path) goes in repoURL'
      : 'a chart name: letters, digits, ".", "_" and "-", starting with a letter or digit';
    return bad(`${who}: ${JSON.stringify(name)} is not a chart name`, hint);
  }
  if (!EXACT_VERSION.test(version)) {
    return bad(
      `${who}: version ${JSON.stringify(version)} is not an exact chart version, so it cannot be pinned in charts.lock.yaml`,
      'an exact SemVer version such as 1.2.3 or v1.2.3 (no ranges, "*" or "latest")',
    );
  }
  if (repoKind(repoURL) === undefined) {
    const hint = /^[a-z0-9.-]+(:\d+)?\//i.test(repoURL)
      ? `an OCI registry path needs the scheme: oci://${repoURL}`
      : 'an https:// (or http://) Helm repository URL, or oci://host/path for an OCI registry (without the chart name)';
    return bad(`${who}: repoURL ${JSON.stringify(repoURL)} is neither a Helm repository nor an OCI registry path`, hint);
  }
  return [];
}

export function parseURL(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The lock's order: repoURL, then name, then version. */
export function compareRefs(a: ChartRef, b: ChartRef): number {
  return cmp(normaliseRepoURL(a.repoURL), normaliseRepoURL(b.repoURL)) || cmp(a.name, b.name) || cmp(a.version, b.version);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
