import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { defaultArgoCD, defaultSettings, defaultSync } from '../../generator/model/defaults.js';
import type { AppConfig, ChartRef, MeshConfig, MeshMode } from '../../generator/model/config.js';
import { applyMesh, type MeshOutput } from '../../generator/mesh/index.js';
import { resolveCluster } from '../../generator/plan/plan.js';
import type { AppInstance } from '../../generator/plan/types.js';
import type { K8sObject } from '../../generator/model/k8s.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.join(here, '..', 'fixtures', 'mesh');

/** Every YAML document of a fixture file. */
export function fixture<T = unknown>(name: string): T[] {
  return parseAllDocuments(readFileSync(path.join(FIXTURES, name), 'utf8')).map((d) => d.toJS() as T);
}

export function chart(name: string, version = '1.0.0'): ChartRef {
  return { repoURL: 'https://charts.example.invalid', name, version };
}

/** An explicit `mesh:` setting, as the loader builds it. */
export function mesh(mode: MeshMode, extra: Partial<Omit<MeshConfig, 'mode' | 'explicit'>> = {}): MeshConfig {
  return { mode, skipInboundPorts: [], skipOutboundPorts: [], proxy: {}, ...extra, explicit: true };
}

/** An AppConfig as the loader produces it, with `mesh:` unset unless given. */
export function makeApp(p: Partial<AppConfig> & { name: string }): AppConfig {
  const file = `apps/${p.name}.yaml`;
  return {
    file,
    description: '',
    project: 'platform',
    namespace: p.name,
    dependsOn: [],
    clusters: { kind: 'all' },
    resources: [],
    namespaceMetadata: { labels: {}, annotations: {} },
    namespaceObject: false,
    clusterResources: [],
    sync: defaultSync(),
    ignoreDifferences: [],
    mesh: { mode: 'off', skipInboundPorts: [], skipOutboundPorts: [], proxy: {}, explicit: false },
    ingress: [],
    source: { file, pointer: '' },
    ...p,
  };
}

export interface ClusterOptions {
  linkerd?: string;
  kubernetes?: string;
  controller?: 'traefik' | 'nginx';
  tracing?: boolean;
  /** Overrides of settings.tracing.collector (service, namespace, port, serviceAccount). */
  collector?: Record<string, unknown>;
}

/** One app on a cluster named `pi` with default settings (Linkerd 2.20 unless told otherwise). */
export function makeInstance(app: AppConfig, o: ClusterOptions = {}): AppInstance {
  const override: Record<string, unknown> = {
    kubernetesVersion: o.kubernetes ?? '1.32',
    linkerd: { version: o.linkerd ?? '2.20' },
    ingress: { controller: o.controller ?? 'traefik' },
    tracing: { enabled: o.tracing ?? true, ...(o.collector ? { collector: o.collector } : {}) },
  };
  const cluster = resolveCluster({ name: 'pi', server: 'https://kubernetes.default.svc', labels: {}, source: { file: 'cluster.yaml', pointer: '/clusters/0' } }, defaultSettings(), override);
  return {
    app,
    cluster,
    wave: 0,
    deps: [],
    ctx: { app, cluster, settings: cluster.settings, argocd: defaultArgoCD(), repo: { url: 'https://github.com/example/gitops.git', targetRevision: 'main' }, appsOnCluster: new Map([[app.name, app]]), appWithComponent: () => undefined },
  };
}

export function run(app: AppConfig, o: ClusterOptions & { values?: Record<string, unknown>; manifests?: K8sObject[] } = {}): MeshOutput {
  return applyMesh({ instance: makeInstance(app, o), values: o.values ?? {}, manifests: o.manifests ?? [] });
}

export function codes(out: { diagnostics: { code: string; severity: string }[] }, severity: 'error' | 'warning' = 'error'): string[] {
  return out.diagnostics.filter((d) => d.severity === severity).map((d) => d.code);
}
