/**
 * Synthetic but realistic configs for the scale benchmark: chart apps with per-app values
 * templates that read a few variables, `dependsOn` forming layers, a share of apps with extra
 * manifests, and (with several clusters) a mix of cluster selectors.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SynthOptions {
  apps: number;
  clusters: number;
}

/** Dependency layers; each app depends on up to two apps of the layer before it. */
const LAYERS = 8;

export function clusterName(i: number): string {
  return `c${String(i + 1).padStart(2, '0')}`;
}

export function appName(i: number): string {
  return `app-${String(i).padStart(5, '0')}`;
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

  const clusters = Array.from({ length: opts.clusters }, (_, i) => {
    // A third of the clusters are lab clusters, so label selectors pick real subsets.
    const stage = i % 3 === 0 ? 'lab' : 'home';
    return `  - name: ${clusterName(i)}\n    server: https://10.0.${i}.1:6443\n    labels:\n      stage: ${stage}\n      region: r${i % 2}\n`;
  });
  put(
    'cluster.yaml',
    `repo:
  url: https://github.com/example/bench-gitops.git
defaults:
  domain: bench.example.com
  vars:
    team: platform
    registry: registry.example.com
    logLevel: info
clusters:
${clusters.join('')}`,
  );

  const perLayer = Math.max(1, Math.ceil(opts.apps / LAYERS));
  for (let i = 0; i < opts.apps; i++) {
    const name = appName(i);
    const layer = Math.floor(i / perLayer);
    const deps: string[] = [];
    if (layer > 0) {
      const prevStart = (layer - 1) * perLayer;
      deps.push(appName(prevStart + (i % perLayer)));
      if (i % 3 === 0) deps.push(appName(prevStart + ((i * 7) % perLayer)));
    }
    const uniqueDeps = [...new Set(deps)];
    let selector = '';
    if (opts.clusters > 1) {
      // Mix: a tenth everywhere, most by label, the rest on two named clusters.
      if (i % 10 === 0) selector = '';
      else if (i % 10 < 6) selector = `clusters:\n  matchLabels:\n    region: r${i % 2}\n`;
      else if (i % 10 < 8) selector = `clusters:\n  matchLabels:\n    stage: lab\n`;
      else selector = `clusters: [${clusterName(i % opts.clusters)}, ${clusterName((i + 1) % opts.clusters)}]\n`;
    }
    put(
      `apps/${name}.yaml`,
      `description: synthetic service ${i}
namespace: ${name}
chart:
  repoURL: https://charts.example.com/group-${i % 20}
  name: svc-${i % 50}
  version: 1.${i % 13}.${i % 7}
${uniqueDeps.length ? `dependsOn: [${uniqueDeps.join(', ')}]\n` : ''}${selector}${i % 4 === 0 ? 'sync:\n  serverSideApply: true\n' : ''}`,
    );
    put(
      `values/${name}/values.yaml`,
      `replicaCount: ${1 + (i % 3)}
image:
  repository: "{{vars.registry}}/{{vars.team}}/{{app.name}}"
  tag: "1.${i % 13}.{{app.wave}}"
  pullPolicy: IfNotPresent
ingress:
  enabled: ${i % 2 === 0}
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
    cpu: ${10 + (i % 5) * 10}m
    memory: ${32 + (i % 4) * 32}Mi
`,
    );
    if (i % 5 === 0) {
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
    if (i % 10 === 0) {
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
