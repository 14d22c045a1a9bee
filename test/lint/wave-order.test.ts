import { beforeAll, describe, expect, it } from 'vitest';
import { build, configCopy, lintEdited, lintFresh, LINT_FIXTURES, replaceOnce, withCode, type Built } from './helpers.js';
import path from 'node:path';

const CP_APP = 'manifests/apps/pi/linkerd-control-plane.yaml';
const WAVE = /argocd\.argoproj\.io\/sync-wave: "\d+"/;

describe('lint/wave-order', () => {
  let def: Built;
  let sets: Built;
  beforeAll(async () => {
    def = await build(configCopy());
    sets = await build(configCopy({}, path.join(LINT_FIXTURES, 'appsets')));
  });

  it('passes on the default tree and on ApplicationSets', () => {
    expect(withCode(lintFresh(def), 'wave-order')).toEqual([]);
    expect(withCode(lintFresh(sets), 'wave-order')).toEqual([]);
  });

  it('reads the waves from the emitted Applications: a hand-lowered wave is caught', () => {
    const found = withCode(lintEdited(def, { [CP_APP]: replaceOnce(WAVE, 'argocd.argoproj.io/sync-wave: "1"') }), 'wave-order');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: CP_APP, pointer: '/metadata/annotations/argocd.argoproj.io~1sync-wave' });
    expect(found[0]!.message).toMatch(/wave 1 but depends on 'linkerd-crds'/);
    expect(found[0]!.line).toBeGreaterThan(1);
  });

  it('catches a wave equal to a dependency (same wave: no ordering at all)', () => {
    const crdsWave = /sync-wave: "(\d+)"/.exec(def.files.find((f) => f.path === 'manifests/apps/pi/linkerd-crds.yaml')!.content)![1];
    const found = withCode(lintEdited(def, { [CP_APP]: replaceOnce(WAVE, `argocd.argoproj.io/sync-wave: "${crdsWave}"`) }), 'wave-order');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/depends on 'linkerd-crds'/)]);
  });

  it('reports a wave that is not an integer', () => {
    const found = withCode(lintEdited(def, { [CP_APP]: replaceOnce(WAVE, 'argocd.argoproj.io/sync-wave: "late"') }), 'wave-order');
    expect(found.some((d) => /"late", which is not an integer/.test(d.message))).toBe(true);
  });

  it('reports a dependency with no Application on the cluster', () => {
    const found = withCode(lintEdited(def, { 'manifests/apps/pi/linkerd-crds.yaml': null }), 'wave-order');
    expect(found.map((d) => d.message)).toContainEqual(expect.stringMatching(/depends on 'linkerd-crds', but the tree has no Application for 'linkerd-crds' on cluster pi/));
  });

  it('checks the wave of an ApplicationSet against its dependencies per cluster', () => {
    const found = withCode(lintEdited(sets, { 'manifests/appsets/web.yaml': replaceOnce(/sync-wave: "\d+"/, 'sync-wave: "0"') }), 'wave-order');
    expect(found.map((d) => d.message)).toEqual([
      expect.stringMatching(/^ApplicationSet web \(element 1, cluster lab\) is in sync wave 0 but depends on 'base'/),
      expect.stringMatching(/^ApplicationSet web \(element 2, cluster home\) is in sync wave 0 but depends on 'base'/),
    ]);
  });
});
