/**
 * The workload checks of rendered/mesh-injection on the shipped config, with the objects of a
 * chart render given in memory (the upstream charts are not at hand offline; the Helm side of the
 * rule is covered end to end in test/render/rendered-mesh.test.ts). Each check has an object that
 * trips it and one that passes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HydratedApp, RenderedObject, RenderedTree } from '../../generator/hydrate/types.js';
import { renderedMeshInjection } from '../../generator/lint/rules/rendered-mesh-injection.js';
import { treeOf, type ArgoApp } from '../../generator/lint/tree.js';
import type { LintContext } from '../../generator/lint/types.js';
import { createLintContext } from '../../generator/lint/index.js';
import { build, configCopy, type Built } from './helpers.js';

let built: Built;
beforeAll(async () => {
  built = await build(configCopy());
}, 60_000);

function obj(kind: string, group: string, name: string, namespace: string, data: Record<string, unknown>): RenderedObject {
  const apiVersion = group === '' ? 'v1' : `${group}/v1`;
  return { apiVersion, kind, group, name, namespace, scope: 'Namespaced', data: { apiVersion, kind, metadata: { name, namespace }, ...data }, template: `chart/templates/${kind.toLowerCase()}.yaml`, index: 1, applied: true };
}

const pod = (annotations: Record<string, string>, spec: Record<string, unknown> = {}) => ({ metadata: { annotations }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } });

/** Findings of the rule with `objects` as what the app's chart rendered. */
function findingsFor(app: string, objects: RenderedObject[]) {
  const ctx: LintContext = createLintContext({ plan: built.plan, rendered: built.rendered, files: built.files });
  const a = treeOf(ctx).apps.find((x) => x.app === app)!;
  expect(a, app).toBeDefined();
  const h = { app: a, sourceIndex: 0, chart: { repoURL: 'https://charts.example.org', name: a.chart!, version: '1.0.0' }, objects, second: objects } as unknown as HydratedApp<ArgoApp>;
  ctx.render = { apps: [h], skipped: [], crds: new Map(), records: new Map(), recordPositions: new Map(), facts: new Map(), scopeOf: () => 'Namespaced' } satisfies RenderedTree<ArgoApp>;
  return renderedMeshInjection.check(ctx).map((d) => ({ file: d.file, message: d.message }));
}

describe('rendered/mesh-injection on the shipped config', () => {
  it('never-mesh workloads of a recipe: node-exporter only when it loses hostNetwork, the admission Jobs unless they opt out', () => {
    const ds = (hostNetwork: boolean) => obj('DaemonSet', 'apps', 'kps-prometheus-node-exporter', 'monitoring', { spec: { template: pod({}, { hostNetwork }) } });
    const job = (annotations: Record<string, string>) => obj('Job', 'batch', 'kps-admission-create', 'monitoring', { spec: { template: pod(annotations) } });
    expect(findingsFor('kube-prometheus-stack', [ds(true), job({ 'linkerd.io/inject': 'disabled' })])).toEqual([]);
    const bad = findingsFor('kube-prometheus-stack', [ds(false), job({})]);
    expect(bad.map((f) => f.file)).toEqual(['apps/kube-prometheus-stack.yaml', 'apps/kube-prometheus-stack.yaml']);
    expect(bad[0]!.message).toMatch(/^DaemonSet monitoring\/kps-prometheus-node-exporter .* gets a Linkerd proxy \(linkerd\.io\/inject: enabled on namespace monitoring\), but the prometheus-node-exporter DaemonSet of kube-prometheus-stack must not be meshed/);
    expect(bad[1]!.message).toMatch(/^Job monitoring\/kps-admission-create .* but the admission-webhook create\/patch Jobs of kube-prometheus-stack must not be meshed: run-to-completion hook Jobs/);
  });

  it('outbound ports a recipe needs skipped: Traefik’s 443, on the pod template or its namespace', () => {
    const traefik = (annotations: Record<string, string>) => obj('Deployment', 'apps', 'traefik', 'traefik', { spec: { template: pod({ 'linkerd.io/inject': 'ingress', ...annotations }) } });
    expect(findingsFor('traefik', [traefik({ 'config.linkerd.io/skip-outbound-ports': '80,443' })])).toEqual([]);
    const bad = findingsFor('traefik', [traefik({ 'config.linkerd.io/skip-outbound-ports': '80' })]);
    // The generator wrote the inject annotation into the values: the finding is at the app's mesh setting.
    expect(bad).toEqual([{ file: 'apps/traefik.yaml', message: expect.stringMatching(/^Deployment traefik\/traefik .* gets a Linkerd proxy \(linkerd\.io\/inject: ingress on its pod template\) whose config\.linkerd\.io\/skip-outbound-ports is '80', without 443: traefik must reach those ports around the proxy/) }]);
  });

  it('ECK pods without a service-account token in a meshed namespace', () => {
    const es = (automount: boolean) => obj('Elasticsearch', 'elasticsearch.k8s.elastic.co', 'logs', 'logging', { spec: { nodeSets: [{ name: 'default', count: 1, podTemplate: { spec: { automountServiceAccountToken: automount } } }] } });
    expect(findingsFor('eck-operator', [es(true)])).toEqual([]);
    expect(findingsFor('eck-operator', [es(false)])).toEqual([{ file: expect.any(String), message: expect.stringMatching(/^Elasticsearch logging\/logs .* sets \/spec\/nodeSets\/0\/podTemplate\/spec\/automountServiceAccountToken: false while its pods are to be meshed \(linkerd\.io\/inject: enabled on namespace logging\)/) }]);
  });
});
