/** The generated manifests/README.md tells the same bootstrap command as the repository README. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../generator/pipeline.js';
import { makeRepo, MINIMAL_CLUSTER, REPO_ROOT } from '../helpers.js';

/** The `kubectl apply ...` of the README's "Bootstrapping" shell block. */
function mainReadmeCommand(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Bootstrapping'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const cmds = block.split('\n').filter((l) => l.startsWith('kubectl apply'));
  expect(cmds).toHaveLength(1);
  return cmds[0]!.trim();
}

/** Every `kubectl ...` in backticks of a generated README. */
function generatedCommands(readme: string): string[] {
  return [...readme.matchAll(/`(kubectl [^`]+)`/g)].map((m) => m[1]!.trim());
}

describe('bootstrap command', () => {
  it('is the same in the generated README (fresh and committed) as in the main README', async () => {
    const want = mainReadmeCommand();
    expect(want).toMatch(/^kubectl apply .*manifests\/bootstrap\/$/);
    const t = await buildTree(makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'values/demo/resources/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n', 'apps/demo.yaml': 'description: demo\n' }));
    const fresh = t.files.find((f) => f.path === 'manifests/README.md')!.content;
    expect(generatedCommands(fresh)).toEqual([want]);
    expect(generatedCommands(readFileSync(path.join(REPO_ROOT, 'manifests/README.md'), 'utf8'))).toEqual([want]);
  });
});
