import { describe, expect, it } from 'vitest';
import { nativeSidecarSupport } from '../../generator/mesh/index.js';
import { chart, codes, makeApp, mesh, run } from './helpers.js';

describe('native sidecar selection', () => {
  it.each([
    ['2.14', '1.28', { available: false, byDefault: false }],
    ['2.18', '1.30', { available: true, byDefault: false, annotation: 'config.alpha.linkerd.io/proxy-enable-native-sidecar' }],
    ['2.18', '1.28', { available: false, byDefault: false, annotation: 'config.alpha.linkerd.io/proxy-enable-native-sidecar' }],
    ['2.19', '1.29', { available: true, byDefault: false, annotation: 'config.beta.linkerd.io/proxy-enable-native-sidecar' }],
    ['2.20', '1.32', { available: true, byDefault: true, annotation: 'config.linkerd.io/proxy-enable-native-sidecar' }],
    ['edge-26.8.3', 'v1.33.1', { available: true, byDefault: true, annotation: 'config.linkerd.io/proxy-enable-native-sidecar' }],
    ['2.99', '1.32', { available: false, byDefault: false }],
  ])('Linkerd %s on Kubernetes %s', (linkerd, kube, expected) => {
    const s = nativeSidecarSupport(linkerd, kube);
    expect(s).toMatchObject(expected);
    if (!('annotation' in expected)) expect(s.annotation).toBeUndefined();
    expect(s.reason).not.toBe('');
  });
});

describe('Jobs in meshed namespaces', () => {
  const app = makeApp({ name: 'batch', chart: chart('some-chart'), mesh: mesh('namespace') });
  const job = () => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { spec: { containers: [{ name: 'm', image: 'x' }] } } } });
  const cron = () => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { jobTemplate: { spec: { template: { spec: {} } } } } });

  it('2.18 / 2.19: the namespace opts in to native sidecars with the release annotation', () => {
    expect(run(app, { linkerd: '2.18', kubernetes: '1.30' }).namespaceAnnotations).toEqual({
      'linkerd.io/inject': 'enabled',
      'config.alpha.linkerd.io/proxy-enable-native-sidecar': 'true',
    });
    expect(run(app, { linkerd: '2.19', kubernetes: '1.31' }).namespaceAnnotations).toEqual({
      'linkerd.io/inject': 'enabled',
      'config.beta.linkerd.io/proxy-enable-native-sidecar': 'true',
    });
  });

  it('2.20+: native sidecars are the default, nothing is added; Jobs are left meshed', () => {
    const out = run(app, { manifests: [job(), cron()] });
    expect(out.namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(out.manifests).toEqual([job(), cron()]);
    expect(codes(out, 'warning')).toEqual([]);
  });

  it('without native sidecars the repo\u2019s own Jobs and CronJobs are kept out of the mesh', () => {
    for (const [linkerd, kubernetes] of [['2.14', '1.28'], ['2.18', '1.28']] as const) {
      const out = run(app, { linkerd, kubernetes, manifests: [job(), cron()] });
      expect(out.namespaceAnnotations).toEqual({ 'linkerd.io/inject': 'enabled' });
      const [j, c] = out.manifests as unknown as [ReturnType<typeof job>, ReturnType<typeof cron>];
      expect(j.spec.template).toMatchObject({ metadata: { annotations: { 'linkerd.io/inject': 'disabled' } } });
      expect(c.spec.jobTemplate.spec.template).toMatchObject({ metadata: { annotations: { 'linkerd.io/inject': 'disabled' } } });
    }
  });

  it('the operator may keep a Job meshed; linkerd-await silences the warning', () => {
    const meshedJob = job() as ReturnType<typeof job> & { spec: { template: { metadata?: object } } };
    meshedJob.spec.template.metadata = { annotations: { 'linkerd.io/inject': 'enabled' } };
    const out = run(app, { linkerd: '2.14', kubernetes: '1.28', manifests: [meshedJob] });
    expect(codes(out, 'warning')).toEqual(['mesh/job-proxy-shutdown']);
    expect(codes(out)).toEqual([]);

    const awaited = structuredClone(meshedJob) as typeof meshedJob & { spec: { template: { spec: { containers: { command?: string[] }[] } } } };
    awaited.spec.template.spec.containers[0]!.command = ['linkerd-await', '--shutdown', '--', '/migrate'];
    expect(codes(run(app, { linkerd: '2.14', kubernetes: '1.28', manifests: [awaited] }), 'warning')).toEqual([]);
  });
});
