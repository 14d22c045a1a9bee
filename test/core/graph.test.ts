import { describe, expect, it } from 'vitest';
import { computeWaves, wavePath } from '../../generator/plan/graph.js';

const node = (name: string, ...dependsOn: string[]) => ({ name, dependsOn, file: `apps/${name}.yaml` });

describe('sync waves from dependsOn', () => {
  it('puts every app after its dependencies and independent apps in the same wave', () => {
    const { waves, diagnostics } = computeWaves([
      node('cert-manager'),
      node('trust-manager', 'cert-manager'),
      node('velero'),
      node('linkerd', 'trust-manager', 'cert-manager'),
      node('viz', 'linkerd'),
      node('tempo', 'linkerd'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(Object.fromEntries(waves)).toEqual({ 'cert-manager': 0, velero: 0, 'trust-manager': 1, linkerd: 2, viz: 3, tempo: 3 });
  });

  it('uses the longest path, not the first one found', () => {
    const { waves } = computeWaves([node('a'), node('b', 'a'), node('c', 'b'), node('d', 'a', 'c')]);
    expect(waves.get('d')).toBe(3);
  });

  it('does not depend on input order', () => {
    const nodes = [node('a'), node('b', 'a'), node('c', 'a'), node('d', 'b', 'c'), node('e')];
    const forward = computeWaves(nodes).waves;
    const backward = computeWaves([...nodes].reverse()).waves;
    expect(Object.fromEntries(backward)).toEqual(Object.fromEntries(forward));
  });

  it.each([
    [[node('a', 'a')], 'dependency cycle: a -> a'],
    [[node('a', 'b'), node('b', 'a')], 'dependency cycle: a -> b -> a'],
    [[node('c', 'a'), node('a', 'b'), node('b', 'c'), node('x')], 'dependency cycle: a -> b -> c -> a'],
  ])('prints the cycle %#', (nodes, message) => {
    const { diagnostics } = computeWaves(nodes);
    expect(diagnostics.map((d) => d.message)).toEqual([message]);
    expect(diagnostics[0]!.code).toBe('graph/cycle');
  });

  it('reports an app that only depends on a cycle once, as part of that cycle', () => {
    const { diagnostics } = computeWaves([node('a', 'b'), node('b', 'a'), node('z', 'a')]);
    expect(diagnostics.map((d) => d.message)).toEqual(['dependency cycle: a -> b -> a']);
  });

  it('names an unknown dependency with its pointer and a suggestion', () => {
    const { diagnostics } = computeWaves([node('cert-manager'), node('trust-manager', 'cert-manger')]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'graph/unknown-dependency',
      file: 'apps/trust-manager.yaml',
      pointer: '/dependsOn/0',
      message: "app 'trust-manager' depends on 'cert-manger', which is not an app; did you mean 'cert-manager'?",
    });
  });
});

describe('the chain behind a wave', () => {
  it('follows the dependency one wave lower, first in name order, back to a root', () => {
    const nodes = [node('a'), node('b'), node('c', 'a'), node('d', 'b', 'c'), node('e', 'd', 'a')];
    const { waves } = computeWaves(nodes);
    const deps = (n: string) => nodes.find((x) => x.name === n)!.dependsOn;
    expect(wavePath('e', deps, waves)).toEqual(['a', 'c', 'd', 'e']);
    expect(wavePath('d', deps, waves)).toEqual(['a', 'c', 'd']);
    expect(wavePath('a', deps, waves)).toEqual(['a']);
    for (const n of nodes) expect(wavePath(n.name, deps, waves)).toHaveLength(waves.get(n.name)! + 1);
  });
});
