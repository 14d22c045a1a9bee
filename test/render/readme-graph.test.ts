/**
 * The Mermaid graph of the generated manifests/README.md, checked with Mermaid's own parser.
 * Mermaid's parse sanitises labels with DOMPurify, which needs a DOM: happy-dom provides one
 * here, in this test only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTree } from '../../generator/pipeline.js';
import { makeRepo, MINIMAL_CLUSTER, REPO_ROOT } from '../helpers.js';

type Mermaid = { parse(text: string): Promise<unknown> };
let mermaid: Mermaid;

beforeAll(async () => {
  const w = new Window();
  Object.assign(globalThis, { window: w, document: w.document });
  mermaid = ((await import('mermaid')) as unknown as { default: Mermaid }).default;
});

function mermaidBlock(readme: string): string {
  const m = /```mermaid\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('no mermaid block');
  return m[1]!;
}

/** Flowchart keywords, and names starting with o or x (which Mermaid may read as edge ends). */
const AWKWARD = ['end', 'graph', 'style', 'class', 'classdef', 'subgraph', 'click', 'call', 'flowchart', 'default', 'direction', 'linkstyle', 'href', 'o', 'x', 'ox', 'xo-db', 'oauth', 'td', 'lr', 'tb', '1', '2-b'];

function configMap(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {}\n`;
}

describe('the generated README graph', () => {
  it('the mermaid parser rejects a keyword used as a node id (so the check below can fail)', async () => {
    await expect(mermaid.parse('flowchart LR\n  end["end"]\n')).rejects.toThrow(/Parse error/);
    await expect(mermaid.parse('flowchart LR\n  a["a"]\n  a --> b\n')).resolves.toBeTruthy();
  });

  it('parses for apps named like Mermaid keywords or edge syntax, and keeps their names as labels', async () => {
    const files: Record<string, string> = { 'cluster.yaml': MINIMAL_CLUSTER };
    AWKWARD.forEach((name, i) => {
      const deps = i === 0 ? '' : `dependsOn: ["${AWKWARD[i - 1]}"${i > 2 ? `, "${AWKWARD[i - 3]}"` : ''}]\n`;
      files[`apps/${name}.yaml`] = deps || 'description: first\n';
      files[`values/${name}/resources/configmap.yaml`] = configMap(`cm-${name}`);
    });
    const t = await buildTree(makeRepo(files));
    const graph = mermaidBlock(t.files.find((f) => f.path === 'manifests/README.md')!.content);
    await expect(mermaid.parse(graph)).resolves.toBeTruthy();
    for (const name of AWKWARD) expect(graph).toContain(`["${name}<br/>wave `);
  });

  it('the committed manifests/README.md graph parses', async () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'manifests/README.md'), 'utf8');
    await expect(mermaid.parse(mermaidBlock(readme))).resolves.toBeTruthy();
  });
});
