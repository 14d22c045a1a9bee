import { describe, expect, it } from 'vitest';
import { GeneratorError, type Diagnostic } from '../../generator/model/diagnostics.js';
import { loadConfig } from '../../generator/load/load-config.js';
import { MINIMAL_CLUSTER, makeRepo } from '../helpers.js';

async function loadErrors(files: Record<string, string>): Promise<Diagnostic[]> {
  try {
    await loadConfig(makeRepo(files));
  } catch (e) {
    if (e instanceof GeneratorError) return e.diagnostics;
    throw e;
  }
  return [];
}

const APP = `chart:
  repoURL: https://charts.example.com
  name: demo
  version: 1.2.3
`;

describe('config loading and validation', () => {
  it('loads a minimal config with defaults', async () => {
    const cfg = await loadConfig(makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': APP }));
    expect(cfg.rootConfig.repo.targetRevision).toBe('main');
    expect(cfg.rootConfig.argocd.namespace).toBe('argocd');
    expect(cfg.apps).toHaveLength(1);
    expect(cfg.apps[0]).toMatchObject({ name: 'demo', namespace: 'demo', project: 'platform', dependsOn: [], clusters: { kind: 'all' } });
    expect(cfg.apps[0]!.sync).toMatchObject({ prune: true, selfHeal: true, createNamespace: true });
  });

  it('reads an ignoreDifferences entry without a group as the core group', async () => {
    // The schema lets `group` out (Argo CD defaults it to ''); the Application builder reads it.
    const cfg = await loadConfig(makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${APP}ignoreDifferences:\n  - kind: Secret\n    jsonPointers: [/data]\n` }));
    expect(cfg.apps[0]!.ignoreDifferences).toEqual([{ group: '', kind: 'Secret', jsonPointers: ['/data'] }]);
  });

  it('names file, line, column, pointer and the probable key for a misspelt key', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${APP}dependOn: [x]\n` });
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({
      code: 'config/unknown-key',
      file: 'apps/demo.yaml',
      line: 5,
      col: 1,
      pointer: '/dependOn',
      message: "unknown key 'dependOn'; did you mean 'dependsOn'?",
    });
    expect(errs[0]!.hint).toContain('dependsOn');
  });

  it('finds unknown keys deep inside the config', async () => {
    const errs = await loadErrors({
      'cluster.yaml': MINIMAL_CLUSTER.replace('clusters:', 'defaults:\n  linkerd:\n    viz:\n      hots: x\nclusters:'),
      'apps/demo.yaml': APP,
    });
    expect(errs[0]).toMatchObject({ file: 'cluster.yaml', line: 6, col: 7, pointer: '/defaults/linkerd/viz/hots', message: "unknown key 'hots'; did you mean 'host'?" });
  });

  it('rejects duplicate keys with the position of the duplicate', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${APP}namespace: a\nnamespace: b\n` });
    expect(errs[0]).toMatchObject({ code: 'config/duplicate-key', file: 'apps/demo.yaml', line: 6, message: "duplicate key 'namespace' (first set on line 5)" });
  });

  it('rejects wrong types and invalid values with what would be valid', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${APP}dependsOn: cert-manager\nmesh: sometimes\n` });
    expect(errs.map((e) => [e.pointer, e.code])).toEqual([
      ['/dependsOn', 'config/wrong-type'],
      ['/mesh', 'config/invalid-value'],
    ]);
    expect(errs[1]!.message).toBe("'sometimes' is not one of namespace, workloads, ingress, off");
    expect(errs[1]!.hint).toMatch(/mode/);
  });

  it('rejects a chart version that is not an exact version', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': APP.replace('1.2.3', '^1.2') });
    expect(errs[0]).toMatchObject({ code: 'config/invalid-value', pointer: '/chart/version', line: 4 });
    expect(errs[0]!.message).toMatch(/exact chart version/);
  });

  it('rejects app names that are not Kubernetes names', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/Demo.yaml': APP, [`apps/${'a'.repeat(64)}.yaml`]: APP });
    expect(errs.map((e) => e.code)).toEqual(['config/app-name', 'config/app-name']);
  });

  it('keeps app names within the 53 characters Helm allows for release names', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, [`apps/${'a'.repeat(54)}.yaml`]: APP, [`apps/${'b'.repeat(53)}.yaml`]: APP });
    expect(errs).toHaveLength(1);
    expect(errs[0]!.message).toMatch(/54 characters.*Helm limits to 53/);
  });

  it('rejects the same app name in two folders', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/a/demo.yaml': APP, 'apps/b/demo.yaml': APP });
    expect(errs[0]).toMatchObject({ code: 'config/duplicate-app', file: 'apps/b/demo.yaml' });
  });

  it('reports a missing cluster.yaml and an empty app file', async () => {
    const errs = await loadErrors({ 'apps/demo.yaml': '' });
    expect(errs.map((e) => e.code).sort()).toEqual(['config/empty', 'input/missing']);
  });

  it('says what YAML read when a string was expected, and how to keep it a string', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': 'namespace: 42\n' });
    expect(errs[0]).toMatchObject({ code: 'config/wrong-type', message: 'must be a string, but YAML read number 42', hint: 'quote it to keep it a string: "42"' });
  });

  it('gives positions to problems found while building the app config', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${APP}values: values/none.yaml\n` });
    expect(errs[0]).toMatchObject({ code: 'config/missing-template', line: 5, col: 9 });
  });

  it('points at the first byte that is not UTF-8', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': Buffer.from([0x61, 0x3a, 0x20, 0x62, 0x0a, 0x63, 0x3a, 0x20, 0xff, 0x0a]) as unknown as string });
    expect(errs[0]).toMatchObject({ code: 'input/unreadable', line: 2, col: 4 });
  });

  it('refuses .yml templates and dot-named app files instead of ignoring them', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': APP, 'values/demo/values.yml': 'a: 1\n', 'apps/.hidden.yaml': APP });
    expect(errs.map((e) => [e.file, e.code])).toEqual([
      ['apps/.hidden.yaml', 'config/app-name'],
      ['values/demo/values.yml', 'config/file-name'],
    ]);
  });

  it('reports an alias bomb as a config error, not a crash', async () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': bomb });
    expect(errs[0]!.message).toMatch(/alias/i);
  });

  it('reports tabs used for indentation', async () => {
    const errs = await loadErrors({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': 'chart:\n\trepoURL: x\n' });
    expect(errs[0]).toMatchObject({ file: 'apps/demo.yaml', line: 2, code: 'config/yaml-syntax' });
    expect(errs[0]!.hint).toMatch(/spaces, not tabs/);
  });
});
