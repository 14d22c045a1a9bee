/**
 * The baseline the benchmark compares with: what most Argo CD users run instead of a generator, a
 * Helm "app-of-apps" chart. Its values list the apps (name, namespace, chart, wave, dependencies,
 * values); its templates emit, for the synthetic config of `synth.ts` on one cluster, the objects
 * the generator writes: one Application per app (same metadata, sources, sync policy), the
 * AppProject with the apps' destinations and repositories, and the extra manifests. Each app's
 * chart values go into its Application (`helm.valuesObject`, the idiomatic place in an
 * app-of-apps chart) with `toYaml`.
 *
 * Idiomatic, and the faster of the two usual forms: the values list holds each app's values as
 * literals (what the generator's values templates render to), not strings run through `tpl`,
 * which costs Helm about a third more on this config. The sync wave is a value too (a chart cannot
 * sort a dependency graph), computed here as the generator computes it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SYNTH_DOMAIN, SYNTH_REPO_URL, SYNTH_VARS, syntheticApps, syntheticClusters, type SynthApp, type SynthCluster, type SynthOptions } from './synth.js';

/** Longest dependency path per app, as the generator's waves (plan/graph.ts). */
function waves(apps: SynthApp[]): Map<string, number> {
  const out = new Map<string, number>();
  // synth.ts lists every dependency before its dependents.
  for (const a of apps) out.set(a.name, a.dependsOn.reduce((w, d) => Math.max(w, (out.get(d) ?? 0) + 1), 0));
  return out;
}

const q = (s: string) => JSON.stringify(s);

function appValues(a: SynthApp, wave: number, c: SynthCluster): string {
  const v = SYNTH_VARS;
  const lines = [
    `  - name: ${a.name}`,
    `    namespace: ${a.name}`,
    `    wave: ${wave}`,
    `    dependsOn: [${a.dependsOn.join(', ')}]`,
    `    chart:`,
    `      repoURL: ${a.chart.repoURL}`,
    `      name: ${a.chart.name}`,
    `      version: ${a.chart.version}`,
    `    serverSideApply: ${a.serverSideApply}`,
    `    values:`,
    `      replicaCount: ${a.replicaCount}`,
    `      image:`,
    `        repository: ${v.registry}/${v.team}/${a.name}`,
    `        tag: ${q(`1.${a.tagMinor}.${wave}`)}`,
    `        pullPolicy: IfNotPresent`,
    `      ingress:`,
    `        enabled: ${a.ingress}`,
    `        host: ${a.name}.${SYNTH_DOMAIN}`,
    `      podLabels:`,
    `        cluster: ${c.name}`,
    `        stage: ${c.labels.stage}`,
    `      env:`,
    `        - name: LOG_LEVEL`,
    `          value: ${v.logLevel}`,
    `        - name: NAMESPACE`,
    `          value: ${a.name}`,
    `      resources:`,
    `        requests:`,
    `          cpu: ${a.cpu}`,
    `          memory: ${a.memory}`,
  ];
  const extra: string[] = [];
  if (a.configMap) {
    extra.push(
      `      - apiVersion: v1`,
      `        kind: ConfigMap`,
      `        metadata:`,
      `          name: ${a.name}-settings`,
      `          labels:`,
      `            app.kubernetes.io/part-of: ${a.name}`,
      `        data:`,
      `          cluster: ${c.name}`,
      `          endpoint: https://${a.name}.${SYNTH_DOMAIN}`,
    );
  }
  if (a.serviceAccount) {
    extra.push(
      `      - apiVersion: v1`,
      `        kind: ServiceAccount`,
      `        metadata:`,
      `          name: ${a.name}-runner`,
      `          annotations:`,
      `            example.com/team: ${v.team}`,
    );
  }
  if (extra.length) lines.push(`    extraObjects:`, ...extra);
  return lines.join('\n');
}

const HELPERS = `{{/* Labels every generated Application carries. */}}
{{- define "platform.appLabels" -}}
app.kubernetes.io/managed-by: argocd-gitops-generator
gitops.generator/app: {{ .app.name }}
gitops.generator/cluster: {{ .Values.cluster.name }}
gitops.generator/stage: {{ .Values.cluster.labels.stage }}
gitops.generator/wave: {{ .app.wave | quote }}
{{- end }}
`;

const APPLICATIONS = `{{- range $app := .Values.apps }}
{{- $ctx := dict "Values" $.Values "app" $app }}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: {{ $.Values.cluster.name }}-{{ $app.name }}
  namespace: {{ $.Values.argocdNamespace }}
  annotations:
    argocd.argoproj.io/sync-wave: {{ $app.wave | quote }}
  finalizers:
    - resources-finalizer.argocd.argoproj.io
  labels:
    {{- include "platform.appLabels" $ctx | nindent 4 }}
spec:
  project: {{ $.Values.project }}
  destination:
    namespace: {{ $app.namespace }}
    server: {{ $.Values.cluster.server }}
  sources:
    - repoURL: {{ $app.chart.repoURL }}
      chart: {{ $app.chart.name }}
      targetRevision: {{ $app.chart.version }}
      helm:
        releaseName: {{ $app.name }}
        valuesObject:
          {{- toYaml $app.values | nindent 10 }}
    {{- if $app.extraObjects }}
    - repoURL: {{ $.Values.repo.url }}
      targetRevision: {{ $.Values.repo.targetRevision }}
      path: manifests/resources/{{ $.Values.cluster.name }}/{{ $app.name }}
    {{- end }}
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    retry:
      backoff:
        duration: 10s
        factor: 2
        maxDuration: 5m
      limit: 5
    syncOptions:
      - CreateNamespace=true
      {{- if $app.serverSideApply }}
      - ServerSideApply=true
      {{- end }}
{{- end }}
`;

const PROJECT = `{{- $repos := list .Values.repo.url }}
{{- $names := list }}
{{- range .Values.apps }}
{{- $repos = append $repos .chart.repoURL }}
{{- $names = append $names .name }}
{{- end }}
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: {{ .Values.project }}
  namespace: {{ .Values.argocdNamespace }}
  finalizers:
    - resources-finalizer.argocd.argoproj.io
  labels:
    app.kubernetes.io/managed-by: argocd-gitops-generator
spec:
  clusterResourceWhitelist:
    - group: ""
      kind: Namespace
  description: {{ printf "Apps of project '%s': %s" .Values.project (join ", " (sortAlpha $names)) | quote }}
  destinations:
    {{- range .Values.apps }}
    - namespace: {{ .namespace }}
      server: {{ $.Values.cluster.server }}
    {{- end }}
  orphanedResources:
    warn: true
  sourceRepos:
    {{- toYaml (sortAlpha (uniq $repos)) | nindent 4 }}
`;

const EXTRA_OBJECTS = `{{- range $app := .Values.apps }}
{{- range $app.extraObjects }}
---
{{ toYaml . }}
{{- end }}
{{- end }}
`;

/**
 * Writes the chart for `opts` (one cluster: the comparison's configuration) into `dir`; returns
 * the number of apps it lists.
 */
export function writeAppOfAppsChart(dir: string, opts: SynthOptions): number {
  if (opts.clusters !== 1) throw new Error('the app-of-apps baseline is written for one cluster');
  const apps = syntheticApps(opts);
  const cluster = syntheticClusters(opts)[0]!;
  const wave = waves(apps);
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  put('Chart.yaml', 'apiVersion: v2\nname: platform-apps\ndescription: The platform, app of apps\ntype: application\nversion: 0.1.0\n');
  put(
    'values.yaml',
    [
      `repo:`,
      `  url: ${SYNTH_REPO_URL}`,
      `  targetRevision: main`,
      `argocdNamespace: argocd`,
      `project: platform`,
      `domain: ${SYNTH_DOMAIN}`,
      `vars:`,
      ...Object.entries(SYNTH_VARS).map(([k, v]) => `  ${k}: ${q(v)}`),
      `cluster:`,
      `  name: ${cluster.name}`,
      `  server: ${cluster.server}`,
      `  labels:`,
      `    stage: ${cluster.labels.stage}`,
      `    region: ${cluster.labels.region}`,
      `apps:`,
      ...apps.map((a) => appValues(a, wave.get(a.name)!, cluster)),
      '',
    ].join('\n'),
  );
  put('templates/_helpers.tpl', HELPERS);
  put('templates/applications.yaml', APPLICATIONS);
  put('templates/appproject.yaml', PROJECT);
  put('templates/extra-objects.yaml', EXTRA_OBJECTS);
  return apps.length;
}
