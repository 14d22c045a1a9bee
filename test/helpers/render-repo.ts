/**
 * Config repositories for the `--render` tests: apps whose charts live at a made-up https:// chart
 * repository, which cluster.yaml mirrors to the fixture repository served on 127.0.0.1 (the way an
 * air-gapped site points at its own copy). The Applications keep the upstream URL, as Argo CD sees it.
 */
import { makeRepo, MINIMAL_CLUSTER } from '../helpers.js';
import type { ChartRepo } from './chart-repo.js';

export const UPSTREAM = 'https://charts.example.org';

export interface AppSpec {
  chart: string;
  project?: string;
  /** values/<app>/values.yaml */
  values?: string;
  /** More app-file YAML, appended as is. */
  extra?: string;
  repoURL?: string;
}

export function appFile(spec: AppSpec): string {
  return [
    `chart:\n  repoURL: ${spec.repoURL ?? UPSTREAM}\n  name: ${spec.chart}\n  version: 0.1.0\n`,
    spec.project ? `project: ${spec.project}\n` : '',
    spec.extra ?? '',
  ].join('');
}

export function clusterFile(repo: ChartRepo, opts: { hydrate?: boolean; mirrors?: Record<string, string> } = {}): string {
  const mirrors = { [UPSTREAM]: repo.url, ...(opts.mirrors ?? {}) };
  return [
    MINIMAL_CLUSTER,
    'charts:\n  mirrors:\n',
    ...Object.entries(mirrors).map(([k, v]) => `    ${k}: ${v}\n`),
    opts.hydrate ? 'render:\n  hydrate: true\n' : '',
  ].join('');
}

export function renderRepo(repo: ChartRepo, apps: Record<string, AppSpec>, opts: { hydrate?: boolean; mirrors?: Record<string, string> } = {}): string {
  const files: Record<string, string> = { 'cluster.yaml': clusterFile(repo, opts) };
  for (const [name, spec] of Object.entries(apps)) {
    files[`apps/${name}.yaml`] = appFile(spec);
    if (spec.values !== undefined) files[`values/${name}/values.yaml`] = spec.values;
  }
  return makeRepo(files);
}
