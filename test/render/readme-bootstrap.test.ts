/**
 * The bootstrap steps are told in three places: `gitops-generator bootstrap`, the generated
 * manifests/README.md and the repository README. They must be one text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { buildTree } from '../../generator/pipeline.js';
import { BOOTSTRAP_COMMAND } from '../../generator/model/files.js';
import { makeRepo, MINIMAL_CLUSTER, REPO_ROOT } from '../helpers.js';

/** The first ```sh block after `heading` in a markdown text. */
function shBlockAfter(markdown: string, heading: string): string {
  const at = markdown.indexOf(heading);
  expect(at, heading).toBeGreaterThanOrEqual(0);
  return /```sh\n([\s\S]*?)```/.exec(markdown.slice(at))![1]!;
}

async function bootstrapOutput(root: string, cluster: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['bootstrap', '--root', root, '--cluster', cluster], { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('bootstrap steps', () => {
  it('are the same in the repository README, the committed manifests/README.md and `bootstrap --cluster pi`', async () => {
    const r = await bootstrapOutput(REPO_ROOT, 'pi');
    expect(r.code, r.err).toBe(0);
    // Inputs first, then Argo CD from its own Application's chart and values, then the root app.
    expect(r.out).toMatch(/kubectl -n secrets-inbox create secret generic platform-inputs[\s\S]*helm install argocd argo-cd --repo https:\/\/argoproj\.github\.io\/argo-helm --version \S+[\s\S]*--values manifests\/values\/pi\/argocd\.yaml[\s\S]*kubectl apply/);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe(BOOTSTRAP_COMMAND);
    expect(shBlockAfter(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'), '## Bootstrapping a bare cluster')).toBe(r.out);
    expect(shBlockAfter(readFileSync(path.join(REPO_ROOT, 'manifests/README.md'), 'utf8'), '### Cluster pi')).toBe(r.out);
  });

  it('for a tree without the argocd app: install Argo CD yourself, then the bootstrap folder with argocd-cm', async () => {
    const root = makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'values/demo/resources/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n', 'apps/demo.yaml': 'description: demo\n' });
    const t = await buildTree(root);
    expect(t.files.map((f) => f.path)).toContain('manifests/bootstrap/argocd-cm.yaml');
    const r = await bootstrapOutput(root, t.plan.clusters[0]!.name);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Argo CD is not an app of this tree: install it in namespace argocd yourself/);
    expect(r.out).not.toMatch(/helm install/);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe(BOOTSTRAP_COMMAND);
    const fresh = t.files.find((f) => f.path === 'manifests/README.md')!.content;
    expect(fresh).toContain(r.out.trimEnd());
  });

  it('names the clusters when --cluster is wrong (exit 2)', async () => {
    const r = await bootstrapOutput(REPO_ROOT, 'pj');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no cluster 'pj'.*did you mean 'pi'/);
  });
});
