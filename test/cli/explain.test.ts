import { describe, expect, it } from 'vitest';
import { copyDefaultConfig, makeRepo, MINIMAL_CLUSTER, run } from '../helpers.js';

describe('explain', () => {
  it('gives the dependency chain behind the wave and what each generated file does, per cluster', async () => {
    const root = copyDefaultConfig();
    const r = await run(['explain', 'linkerd-identity', '--root', root]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^linkerd-identity \(apps\/linkerd-identity\.yaml\): /);
    expect(lines[1]).toBe('  wave 2, from its longest dependency chain: cert-manager (0) -> trust-manager (1) -> linkerd-identity (2)');
    expect(r.out).toContain('cluster pi:');
    expect(r.out).toMatch(/manifests\/apps\/pi\/linkerd-identity\.yaml +Application pi-linkerd-identity \(sync wave 2, project platform\): manifests only/);
    expect(r.out).toMatch(/manifests\/resources\/pi\/linkerd-identity\/ +extra manifests, synced as the Application's directory source \(\d+ objects\):/);
    expect(r.out).toMatch(/ {4}namespace-linkerd\.yaml +Namespace linkerd, built in: component linkerd-identity/);
    expect(r.out).toMatch(/ {4}bundle-linkerd-identity-trust-roots\.yaml +Bundle linkerd-identity-trust-roots, built in: component linkerd-identity/);
    expect(r.out).toMatch(/manifests\/projects\/platform\.yaml +AppProject platform: /);
    const root0 = await run(['explain', 'cert-manager', '--root', root]);
    expect(root0.out.split('\n')[1]).toBe('  wave 0: it depends on no app');
    expect(root0.out).toMatch(/manifests\/values\/pi\/cert-manager\.yaml +Helm values of the chart, .*\(from component cert-manager, cluster\.yaml, apps\/cert-manager\.yaml, values\/cert-manager\/values\.yaml\)/);
  });

  it('names a template an extra manifest came from', async () => {
    const root = copyDefaultConfig();
    const r = await run(['explain', 'logging', '--root', root]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Elasticsearch \S+, from values\/logging\/resources\/elasticsearch\.yaml/);
  });

  it('answers an unknown app with a did-you-mean (exit 2) and a broken config with its errors (exit 1)', async () => {
    const root = copyDefaultConfig();
    const r = await run(['explain', 'cert-manger', '--root', root]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("no app 'cert-manger'");
    expect(r.err).toContain("did you mean 'cert-manager'?");
    const broken = makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/web.yaml': 'chart: 3\n' });
    const b = await run(['explain', 'web', '--root', broken]);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/apps\/web\.yaml:1:8: error/);
  });
});
