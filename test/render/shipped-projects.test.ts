/**
 * The shipped AppProjects come from what the pinned charts render, recorded in charts.lock.yaml
 * (`renders:`) by `generate --render`: linkerd-viz renders a RoleBinding in kube-system, so the
 * project `platform` must have that destination, and only because the record says so.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { buildTree } from '../../generator/pipeline.js';
import { copyDefaultConfig } from '../helpers.js';

async function platformDestinations(root: string): Promise<string[]> {
  const t = await buildTree(root);
  const project = YAML.parse(t.files.find((f) => f.path === 'manifests/projects/platform.yaml')!.content);
  return (project.spec.destinations as { namespace: string }[]).map((d) => d.namespace);
}

describe('the shipped AppProjects', () => {
  it('permit the kube-system RoleBinding linkerd-viz renders, from the render record', async () => {
    const root = copyDefaultConfig();
    const withRecords = await platformDestinations(root);
    expect(withRecords).toContain('kube-system');
    rmSync(path.join(root, 'charts.lock.yaml'));
    const without = await platformDestinations(root);
    expect(without).not.toContain('kube-system');
    expect(withRecords.filter((n) => n !== 'kube-system')).toEqual(without);
  });

  it('keep kube-system out of the projects whose apps render nothing there', async () => {
    const t = await buildTree(copyDefaultConfig());
    for (const f of t.files.filter((x) => x.path.startsWith('manifests/projects/') && !x.path.endsWith('/platform.yaml'))) {
      const project = YAML.parse(f.content);
      expect((project.spec.destinations as { namespace: string }[]).map((d) => d.namespace), f.path).not.toContain('kube-system');
    }
  });
});
