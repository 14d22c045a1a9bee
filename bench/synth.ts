/**
 * Synthetic but realistic configs for the scale benchmark: chart apps with per-app values
 * templates that read a few variables, `dependsOn` forming layers, a share of apps with extra
 * manifests, and (with several clusters) a mix of cluster selectors. `syntheticApps` is the one
 * description both the generator's config (`writeSyntheticRepo`) and the equivalent Helm
 * app-of-apps chart (`app-of-apps.ts`) are written from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SynthOptions {
  apps: number;
  clusters: number;
}

/** Dependency layers; each app depends on up to two apps of the layer before it. */
const LAYERS = 8;

export const SYNTH_REPO_URL = 'https://github.com/example/bench-gitops.git';
export const SYNTH_DOMAIN = 'bench.example.com';
export const SYNTH_VARS = { team: 'platform', registry: 'registry.example.com', logLevel: 'info' } as const;

export function clusterName(i: number): string {
  return `c${String(i + 1).padStart(2, '0')}`;
}

export function appName(i: number): string {
  return `app-${String(i).padStart(5, '0')}`;
}

export interface SynthCluster {
  name: string;
  server: string;
  labels: { stage: string; region: string };
}

export interface SynthApp {
  index: number;
  name: string;
  chart: { repoURL: string; name: string; version: string };
  dependsOn: string[];
  serverSideApply: boolean;
  /** `clusters:` selector text of the app file ('' = every cluster). */
  selector: string;
  /** The numbers the values template carries (the rest of it reads variables). */
  replicaCount: number;
  tagMinor: number;
  ingress: boolean;
  cpu: string;
  memory: string;
  configMap: boolean;
  serviceAccount: boolean;
}

export function syntheticClusters(opts: SynthOptions): SynthCluster[] {
  // A third of the clusters are lab clusters, so label selectors pick real subsets.
  return Array.from({ length: opts.clusters }, (_, i) => ({
    name: clusterName(i),
    server: `https://10.0.${i}.1:6443`,
    labels: { stage: i % 3 === 0 ? 'lab' : 'home', region: `r${i % 2}` },
  }));
}

export function syntheticApps(opts: SynthOptions): SynthApp[] {
  const perLayer = Math.max(1, Math.ceil(opts.apps / LAYERS));
  return Array.from({ length: opts.apps }, (_, i) => {
    const layer = Math.floor(i / perLayer);
    const deps: string[] = [];
    if (layer > 0) {
      const prevStart = (layer - 1) * perLayer;
      deps.push(appName(prevStart + (i % perLayer)));
      if (i % 3 === 0) deps.push(appName(prevStart + ((i * 7) % perLayer)));
    }
    let selector = '';
    if (opts.clusters > 1) {
      // Mix: a tenth everywhere, most by label, the rest on two named clusters.
      if (i % 10 === 0) selector = '';
      else if (i % 10 < 6) selector = `clusters:\n  matchLabels:\n    region: r${i % 2}\n`;
      else if (i % 10 < 8) selector = `clusters:\n  matchLabels:\n    stage: lab\n`;
      else selector = `clusters: [${clusterName(i % opts.clusters)}, ${clusterName((i + 1) % opts.clusters)}]\n`;
    }
    return {
      index: i,
      name: appName(i),
      chart: { repoURL: `https://charts.example.com/group-${i % 20}`, name: `svc-${i % 50}`, version: `1.${i % 13}.${i % 7}` },
      dependsOn: [...new Set(deps)],
      serverSideApply: i % 4 === 0,
      selector,
      replicaCount: 1 + (i % 3),
      tagMinor: i % 13,
      ingress: i % 2 === 0,
      cpu: `${10 + (i % 5) * 10}m`,
      memory: `${32 + (i % 4) * 32}Mi`,
      configMap: i % 5 === 0,
      serviceAccount: i % 10 === 0,
    };
  });
}

/** Writes cluster.yaml, apps/ and values/ into `root`; returns the number of input files. */
export function writeSyntheticRepo(root: string, opts: SynthOptions): number {
  let inputs = 0;
  const put = (rel: string, text: string) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    inputs++;
  };

  const clusters = syntheticClusters(opts).map(
    (c) => `  - name: ${c.name}\n    server: ${c.server}\n    labels:\n      stage: ${c.labels.stage}\n      region: ${c.labels.region}\n`,
  );
  put(
    'cluster.yaml',
    `repo:
  url: ${SYNTH_REPO_URL}
defaults:
  domain: ${SYNTH_DOMAIN}
  vars:
    team: ${SYNTH_VARS.team}
    registry: ${SYNTH_VARS.registry}
    logLevel: ${SYNTH_VARS.logLevel}
clusters:
${clusters.join('')}`,
  );

  for (const a of syntheticApps(opts)) {
    const { name, index: i } = a;
    put(
      `apps/${name}.yaml`,
      `description: synthetic service ${i}
namespace: ${name}
chart:
  repoURL: ${a.chart.repoURL}
  name: ${a.chart.name}
  version: ${a.chart.version}
${a.dependsOn.length ? `dependsOn: [${a.dependsOn.join(', ')}]\n` : ''}${a.selector}${a.serverSideApply ? 'sync:\n  serverSideApply: true\n' : ''}`,
    );
    put(
      `values/${name}/values.yaml`,
      `replicaCount: ${a.replicaCount}
image:
  repository: "{{vars.registry}}/{{vars.team}}/{{app.name}}"
  tag: "1.${a.tagMinor}.{{app.wave}}"
  pullPolicy: IfNotPresent
ingress:
  enabled: ${a.ingress}
  host: "{{app.name}}.{{settings.domain}}"
podLabels:
  cluster: "{{cluster.name}}"
  stage: "{{cluster.labels.stage}}"
env:
  - name: LOG_LEVEL
    value: "{{vars.logLevel}}"
  - name: NAMESPACE
    value: "{{app.namespace}}"
resources:
  requests:
    cpu: ${a.cpu}
    memory: ${a.memory}
`,
    );
    if (a.configMap) {
      put(
        `values/${name}/resources/configmap.yaml`,
        `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-settings
  labels:
    app.kubernetes.io/part-of: "{{app.name}}"
data:
  cluster: "{{cluster.name}}"
  endpoint: "https://{{app.name}}.{{settings.domain}}"
`,
      );
    }
    if (a.serviceAccount) {
      put(
        `values/${name}/resources/service-account.yaml`,
        `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}-runner
  annotations:
    example.com/team: "{{vars.team}}"
`,
      );
    }
  }
  return inputs;
}
