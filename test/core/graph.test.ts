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

  it('prints only the cycle, from its smallest name, when the walk enters it from outside', () => {
    const { diagnostics } = computeWaves([node('a', 'c'), node('c', 'b'), node('b', 'c')]);
    expect(diagnostics.map((d) => d.message)).toEqual(['dependency cycle: b -> c -> b']);
  });

  it('points at the dependsOn of the cycle\'s first app and says how to break it', () => {
    const { diagnostics } = computeWaves([node('b', 'a'), node('a', 'b')]);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'graph/cycle',
        file: 'apps/a.yaml',
        pointer: '/dependsOn',
        message: 'dependency cycle: a -> b -> a',
        hint: 'Argo CD cannot order apps that wait for each other; remove one dependsOn entry of the cycle',
      },
    ]);
  });

  it('reports separate cycles in name order, whatever the input order', () => {
    const { diagnostics } = computeWaves([node('d', 'c'), node('c', 'd'), node('b', 'a'), node('a', 'b')]);
    expect(diagnostics.map((d) => d.message)).toEqual(['dependency cycle: a -> b -> a', 'dependency cycle: c -> d -> c']);
  });

  it('follows the dependency first in name order when an app closes two cycles', () => {
    const { diagnostics } = computeWaves([node('a', 'c', 'b'), node('b', 'a'), node('c', 'a')]);
    expect(diagnostics.map((d) => d.message)).toEqual(['dependency cycle: a -> b -> a']);
  });

  it('keeps the waves of apps outside a cycle and drops the ones stuck behind it', () => {
    const { waves } = computeWaves([node('a', 'b'), node('b', 'a'), node('z', 'a'), node('x'), node('y', 'x')]);
    expect(Object.fromEntries(waves)).toEqual({ x: 0, y: 1 });
  });

  it('finds a cycle one of whose apps also depends on an app outside it', () => {
    const { waves, diagnostics } = computeWaves([node('r'), node('a', 'r', 'b'), node('b', 'a')]);
    expect(diagnostics.map((d) => d.message)).toEqual(['dependency cycle: a -> b -> a']);
    expect(Object.fromEntries(waves)).toEqual({ r: 0 });
  });

  it('names an unknown dependency with its pointer and a suggestion', () => {
    const { diagnostics } = computeWaves([node('cert-manager'), node('trust-manager', 'cert-manger')]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'graph/unknown-dependency',
      file: 'apps/trust-manager.yaml',
      pointer: '/dependsOn/0',
      message: "app 'trust-manager' depends on 'cert-manger', which is not an app; did you mean 'cert-manager'?",
      hint: 'known apps are the files in apps/; add apps/cert-manger.yaml or remove the dependency',
    });
  });

  it('suggests nothing for an unknown dependency that is close to no app', () => {
    const { diagnostics } = computeWaves([node('cert-manager'), node('web', 'database')]);
    expect(diagnostics.map((d) => d.message)).toEqual(["app 'web' depends on 'database', which is not an app"]);
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

  it('takes the first in name order, not in dependsOn order, when two dependencies share the wave', () => {
    const nodes = [node('a'), node('b'), node('c', 'b', 'a')];
    const deps = (n: string) => nodes.find((x) => x.name === n)!.dependsOn;
    expect(wavePath('c', deps, computeWaves(nodes).waves)).toEqual(['a', 'c']);
  });
});
