/**
 * rendered/schema on built-in kinds the shipped schemas do not cover, with a chart's render given
 * in memory (the Helm side is covered end to end in test/render/rendered-schema.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HydratedApp, RenderedObject, RenderedTree } from '../../generator/hydrate/types.js';
import { createLintContext } from '../../generator/lint/index.js';
import { renderedSchema } from '../../generator/lint/rules/rendered-schema.js';
import { treeOf, type ArgoApp } from '../../generator/lint/tree.js';
import { builtInApiVersions } from '../../generator/model/api-versions.js';
import { build, configCopy, type Built } from './helpers.js';

let built: Built;
beforeAll(async () => {
  built = await build(configCopy());
}, 60_000);

function object(apiVersion: string, kind: string, data: Record<string, unknown> = {}): RenderedObject {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return { apiVersion, kind, group, name: 'x', namespace: 'velero', scope: 'Namespaced', data: { apiVersion, kind, metadata: { name: 'x' }, ...data }, template: 'velero/templates/x.yaml', index: 1, applied: true };
}

function messages(objects: RenderedObject[]): string[] {
  const ctx = createLintContext({ plan: built.plan, rendered: built.rendered, files: built.files });
  const a = treeOf(ctx).apps.find((x) => x.app === 'velero')!;
  const h = { app: a, sourceIndex: 0, chart: { repoURL: 'https://charts.example.org', name: 'velero', version: '1.0.0' }, objects, second: objects, argv: ['template', '--kube-version', '1.32'], apiVersions: builtInApiVersions(32) } as unknown as HydratedApp<ArgoApp>;
  ctx.render = { apps: [h], skipped: [], crds: new Map(), records: new Map(), recordPositions: new Map(), facts: new Map(), scopeOf: () => 'Namespaced' } satisfies RenderedTree<ArgoApp>;
  return renderedSchema.check(ctx).map((d) => `${d.file}: ${d.message}`);
}

describe('rendered/schema on built-in kinds', () => {
  it('names an apiVersion the cluster no longer serves, and what it serves instead', () => {
    expect(messages([object('policy/v1beta1', 'PodDisruptionBudget', { spec: { minAvailable: 1 } })])).toEqual([
      expect.stringMatching(/^apps\/velero\.yaml: PodDisruptionBudget velero\/x from velero\/templates\/x\.yaml \(chart velero 1\.0\.0, pi-velero\): Kubernetes 1\.32 does not serve policy\/v1beta1 PodDisruptionBudget; it serves policy\/v1$/),
    ]);
    expect(messages([object('policy/v1', 'PodDisruptionBudget', { spec: { minAvailable: 1 } })])).toEqual([]);
  });

  it('asks for validation.allowKinds for a served built-in kind no shipped schema covers', () => {
    expect(messages([object('coordination.k8s.io/v1', 'Lease', { spec: { holderIdentity: 'a' } })])).toEqual([
      expect.stringMatching(/: no schema for the built-in coordination\.k8s\.io\/v1 Lease ships in schemas\/k8s, so it cannot be checked$/),
    ]);
  });
});
