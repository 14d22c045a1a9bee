/**
 * The `helm template` command line Argo CD's repo-server builds for one Helm source of an
 * Application (Argo CD 3.5, Helm 4): the release name (`helm.releaseName`, else the Application's
 * name), namespace (`helm.namespace`, else the destination's), Kubernetes version and API versions
 * (`helm.kubeVersion` / `helm.apiVersions`, else the cluster's), `--set`/`--set-string` for
 * parameters, every value file in order, then the inline values as one more file, `--include-crds`
 * unless `skipCrds`. Value files are written to a scratch folder: `$values/...` from the tree being
 * checked, files inside the chart from the archive.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extract } from 'tar';
import { stringify } from 'yaml';
import { isPlainObject } from '../core/merge.js';
import type { HydrateSubject } from './types.js';
import { normalisePath } from '../core/repo-path.js';

export interface HelmArgsInput {
  subject: HydrateSubject;
  sourceIndex: number;
  archiveFile: string;
  /** The chart's folder name inside the archive (its name). */
  chartName: string;
  /** The cluster's Kubernetes version (`settings.kubernetesVersion`). */
  kubeVersion: string;
  apiVersions: readonly string[];
  /** The config repository: `$ref` sources from it are read from `files`. */
  repoURL: string;
  /** The tree being checked, by repository path. */
  files: ReadonlyMap<string, string>;
  /** A fresh folder for the value files of this app. */
  scratch: string;
}

export type HelmArgs =
  | {
      ok: true;
      /** The command line with `input.apiVersions`. */
      argv: string[];
      /** The same command line with other API versions (the tree's CRD set grew); the source's own `helm.apiVersions` win. */
      argvFor(apiVersions: readonly string[]): string[];
      /** The source sets `helm.apiVersions`: the cluster's set does not matter. */
      pinnedApiVersions: boolean;
      releaseName: string;
      namespace: string;
      valuesDigest: string;
    }
  | { ok: false; reason: string; pointer: string };

export async function helmArgs(input: HelmArgsInput): Promise<HelmArgs> {
  const { subject, sourceIndex } = input;
  const { source, pointer } = subject.sources[sourceIndex]!;
  const helm = isPlainObject(source['helm']) ? source['helm'] : {};
  const dest = isPlainObject(subject.spec['destination']) ? subject.spec['destination'] : {};
  const releaseName = str(helm['releaseName']) || subject.name;
  const namespace = str(helm['namespace']) || str(dest['namespace']) || '';
  const kubeVersion = str(helm['kubeVersion']) || input.kubeVersion;
  const pinned = Array.isArray(helm['apiVersions']) ? helm['apiVersions'].filter((v): v is string => typeof v === 'string') : undefined;

  const argv = ['template', input.archiveFile, '--name-template', releaseName];
  if (namespace !== '') argv.push('--namespace', namespace);
  if (kubeVersion !== '') argv.push('--kube-version', kubeVersion);

  const params: [string, string, boolean][] = [];
  const paramList = Array.isArray(helm['parameters']) ? helm['parameters'] : [];
  paramList.forEach((p) => {
    if (!isPlainObject(p) || typeof p['name'] !== 'string') return;
    params.push([p['name'], str(p['value']), p['forceString'] === true]);
  });
  for (const [name, value] of params.filter((p) => !p[2])) argv.push('--set', `${name}=${cleanSetValue(value)}`);
  for (const [name, value] of params.filter((p) => p[2])) argv.push('--set-string', `${name}=${cleanSetValue(value)}`);
  if (Array.isArray(helm['fileParameters']) && helm['fileParameters'].length > 0) {
    return { ok: false, reason: 'helm.fileParameters read files at sync time; they are not rendered here', pointer: `${pointer}/helm/fileParameters` };
  }

  await mkdir(input.scratch, { recursive: true });
  const contents: string[] = [];
  const valueFiles = Array.isArray(helm['valueFiles']) ? helm['valueFiles'] : [];
  for (let i = 0; i < valueFiles.length; i++) {
    const vf = valueFiles[i];
    if (typeof vf !== 'string') continue;
    const at = `${pointer}/helm/valueFiles/${i}`;
    const text = await valueFileText(vf, input, helm['ignoreMissingValueFiles'] === true);
    if (typeof text === 'object') return { ok: false, reason: text.reason, pointer: at };
    if (text === undefined) continue;
    const file = path.join(input.scratch, `values-${i}.yaml`);
    await writeFile(file, text);
    contents.push(text);
    argv.push('--values', file);
  }
  // valuesObject wins over values, and both come after the value files, as in Argo CD.
  const inline = isPlainObject(helm['valuesObject']) ? stringify(helm['valuesObject']) : str(helm['values']);
  if (inline.trim() !== '') {
    const file = path.join(input.scratch, 'values-inline.yaml');
    await writeFile(file, inline);
    contents.push(inline);
    argv.push('--values', file);
  }
  const tail: string[] = [];
  if (helm['skipCrds'] !== true) tail.push('--include-crds');
  if (helm['skipSchemaValidation'] === true) tail.push('--skip-schema-validation');
  if (helm['skipTests'] === true) tail.push('--skip-tests');
  const argvFor = (apiVersions: readonly string[]) => [...argv, ...(pinned ?? apiVersions).flatMap((v) => ['--api-versions', v]), ...tail];

  const valuesDigest = `sha256:${createHash('sha256').update(JSON.stringify({ releaseName, namespace, kubeVersion, values: contents, params })).digest('hex')}`;
  return { ok: true, argv: argvFor(input.apiVersions), argvFor, pinnedApiVersions: pinned !== undefined, releaseName, namespace, valuesDigest };
}

/** A value file's text; undefined to leave it out (missing, with ignoreMissingValueFiles); `{reason}` when it cannot be had here. */
async function valueFileText(vf: string, input: HelmArgsInput, ignoreMissing: boolean): Promise<string | undefined | { reason: string }> {
  const { subject } = input;
  if (vf.startsWith('$')) {
    const slash = vf.indexOf('/');
    const ref = slash < 0 ? vf.slice(1) : vf.slice(1, slash);
    const refSource = subject.sources.find((s) => s.source['ref'] === ref)?.source;
    if (!refSource) return { reason: `value file ${vf}: no source of the Application has ref: ${ref}` };
    if (!sameRepo(refSource['repoURL'], input.repoURL)) return { reason: `value file ${vf} comes from ${String(refSource['repoURL'])}, not this repository, so it cannot be read here` };
    const rel = normalisePath(slash < 0 ? '' : vf.slice(slash + 1));
    const text = input.files.get(rel);
    if (text === undefined) return ignoreMissing ? undefined : { reason: `value file ${vf}: ${rel} is not in the tree` };
    return text;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(vf)) return { reason: `value file ${vf} is fetched at sync time; only files of this repository or inside the chart are rendered here` };
  // A path inside the chart.
  const inChart = `${input.chartName}/${normalisePath(vf)}`;
  const dir = path.join(input.scratch, 'chart');
  await mkdir(dir, { recursive: true });
  await extract({ file: input.archiveFile, cwd: dir, filter: (p) => p.replace(/^\.\//, '') === inChart, strict: true });
  try {
    return await readFile(path.join(dir, inChart), 'utf8');
  } catch {
    return ignoreMissing ? undefined : { reason: `value file ${vf} is not in chart ${input.chartName}` };
  }
}

/** Argo CD escapes commas in `--set` values (Helm would split on them), unless the value is a `{a,b}` list. */
function cleanSetValue(v: string): string {
  if (/^\{.*\}$/.test(v)) return v;
  return v.replace(/([^\\]),/g, '$1\\,');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}


function sameRepo(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const n = (u: string) => u.trim().replace(/\/+$/, '').replace(/\.git$/, '').toLowerCase();
  return n(a) === n(b);
}
