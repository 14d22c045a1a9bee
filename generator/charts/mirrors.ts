/**
 * Chart mirrors for air-gapped use: `{ <repoURL>: <mirror URL> }` sends every pull of a
 * repository's charts to the mirror. The lock still pins the digests, so a mirror cannot swap a chart.
 */
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../model/diagnostics.js';
import { normaliseRepoURL, parseURL, repoKind } from './reference.js';
import type { MirrorMap } from './types.js';

export type MirrorKind = 'http' | 'oci' | 'dir';

export interface MirrorTarget {
  kind: MirrorKind;
  /** Normalised URL; for `dir`, the folder's absolute path. */
  location: string;
}

const FLAG_HINT =
  'write --chart-mirror <repoURL>=<mirror>, e.g. --chart-mirror https://charts.example.org=file:///srv/charts; ' +
  'the mirror is an http:// or https:// Helm repository, file:///<dir> or oci://host/path';

/**
 * Parses repeated `--chart-mirror <repoURL>=<mirror>` values. The first `=` separates the two, as
 * a repository URL has none.
 */
export function parseChartMirrorFlags(values: readonly string[]): { mirrors: Record<string, string>; diagnostics: Diagnostic[] } {
  const mirrors: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const raw of values) {
    const eq = raw.indexOf('=');
    const bad = (why: string) => diagnostics.push({ severity: 'error', code: 'charts/bad-mirror', message: `--chart-mirror ${JSON.stringify(raw)}: ${why}`, hint: FLAG_HINT });
    if (eq < 0) {
      bad('no "=" between the repository URL and the mirror');
      continue;
    }
    const from = raw.slice(0, eq).trim();
    const to = raw.slice(eq + 1).trim();
    const problem = checkMirror(from, to);
    if (problem !== undefined) {
      bad(problem);
      continue;
    }
    const key = normaliseRepoURL(from);
    const previous = mirrors[key];
    if (previous !== undefined && previous !== normaliseRepoURL(to)) {
      bad(`${key} already has the mirror ${previous}; give one mirror per repository`);
      continue;
    }
    mirrors[key] = normaliseRepoURL(to);
  }
  return { mirrors, diagnostics };
}

/**
 * Checks a mirror map from config (`charts.mirrors`). Diagnostics carry a JSON pointer below
 * `pointerBase` to the offending key, for the caller to turn into a file position.
 */
export function checkMirrors(mirrors: unknown, pointerBase = '/charts/mirrors'): Diagnostic[] {
  if (typeof mirrors !== 'object' || mirrors === null || Array.isArray(mirrors)) {
    return [{ severity: 'error', code: 'charts/bad-mirror', message: 'chart mirrors must be a mapping of repository URL to mirror URL', pointer: pointerBase, hint: 'e.g. { "https://charts.example.org": "file:///srv/charts" }' }];
  }
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const [from, to] of Object.entries(mirrors as Record<string, unknown>)) {
    const pointer = `${pointerBase}/${from.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const problem = typeof to !== 'string' ? `the mirror must be a URL string, not ${JSON.stringify(to)}` : checkMirror(from, to);
    const key = normaliseRepoURL(from);
    if (problem === undefined && seen.has(key)) {
      out.push({ severity: 'error', code: 'charts/bad-mirror', message: `mirror for ${from}: ${seen.get(key)} already names ${key} (trailing slashes do not count)`, pointer });
      continue;
    }
    seen.set(key, from);
    if (problem !== undefined) out.push({ severity: 'error', code: 'charts/bad-mirror', message: `mirror for ${JSON.stringify(from)}: ${problem}`, pointer, hint: 'the key is a chart repoURL (https://…, http://… or oci://host/path); the value an http(s):// Helm repository, file:///<dir> or oci://host/path' });
  }
  return out;
}

/** Where a repository's charts come from: its mirror, if any. */
export function mirrorFor(repoURL: string, mirrors: MirrorMap | undefined): MirrorTarget | undefined {
  if (mirrors === undefined) return undefined;
  const wanted = normaliseRepoURL(repoURL);
  for (const [from, to] of Object.entries(mirrors)) {
    if (normaliseRepoURL(from) === wanted) return mirrorTarget(to);
  }
  return undefined;
}

/** Undefined when `to` is not a usable mirror (checkMirror says why). */
export function mirrorTarget(to: string): MirrorTarget | undefined {
  const url = normaliseRepoURL(to);
  const parsed = parseURL(url);
  if (parsed?.protocol === 'file:') {
    if (parsed.host !== '' || parsed.pathname === '' || parsed.pathname === '/') return undefined;
    return { kind: 'dir', location: fileURLToPath(parsed) };
  }
  const kind = repoKind(url);
  return kind === undefined ? undefined : { kind, location: url };
}

function checkMirror(from: string, to: string): string | undefined {
  if (from === '') return 'the repository URL (before "=") is empty';
  if (to === '') return 'the mirror URL (after "=") is empty';
  if (repoKind(from) === undefined) return `${JSON.stringify(from)} is not a chart repository URL (https://…, http://… or oci://host/path)`;
  if (mirrorTarget(to) === undefined) {
    if (/^file:/i.test(to)) return `${JSON.stringify(to)} is not a local folder URL: write file:///absolute/path (three slashes)`;
    return `${JSON.stringify(to)} is not a mirror URL (http://, https://, file:///<dir> or oci://host/path)`;
  }
  return undefined;
}
