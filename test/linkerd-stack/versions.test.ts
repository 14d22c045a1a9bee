import { describe, expect, it } from 'vitest';
import { GeneratorError } from '../../generator/model/diagnostics.js';
import { get, renderDefault } from './helpers.js';

const R = 'manifests/resources/pi';

describe('version awareness', () => {
  it('up to 2.18 traces through the linkerd-jaeger injector pointed at Tempo', async () => {
    const f = await renderDefault({ linkerd: { version: '2.18' }, kubernetesVersion: '1.30' });
    const app = get(f, 'manifests/apps/pi/linkerd-jaeger.yaml');
    expect(app.spec.sources[0]).toMatchObject({ chart: 'linkerd-jaeger', targetRevision: '2025.4.4', repoURL: 'https://helm.linkerd.io/edge' });
    expect(get(f, 'manifests/values/pi/linkerd-jaeger.yaml')).toEqual({
      collector: { enabled: false },
      createNamespaceMetadataJob: false,
      jaeger: { enabled: false },
      linkerdNamespace: 'linkerd',
      webhook: { collectorSvcAccount: 'tempo', collectorSvcAddr: 'tempo.tracing:4317', externalSecret: true, injectCaFrom: 'linkerd-jaeger/jaeger-injector' },
    });
    expect(get(f, `${R}/linkerd-jaeger/namespace-linkerd-jaeger.yaml`).metadata.labels).toEqual({ 'linkerd.io/extension': 'jaeger', 'pod-security.kubernetes.io/enforce': 'privileged' });
    expect(get(f, 'manifests/values/pi/linkerd-control-plane.yaml').proxy?.tracing).toBeUndefined();
  });

  it('from 2.19 there is no jaeger chart: proxy.tracing on the control plane instead', async () => {
    const f = await renderDefault({ linkerd: { version: '2.19' } });
    expect(f.has('manifests/apps/pi/linkerd-jaeger.yaml')).toBe(false);
    expect(get(f, 'manifests/values/pi/linkerd-control-plane.yaml').proxy.tracing).toEqual({
      enabled: true,
      collector: { endpoint: 'tempo.tracing:4317', meshIdentity: { serviceAccountName: 'tempo', namespace: 'tracing' } },
    });
  });

  it('on 2.14 uses the stable repository and the OpenCensus port, and has no metadata-Job switch', async () => {
    const f = await renderDefault({ linkerd: { version: '2.14' }, kubernetesVersion: '1.28' });
    expect(get(f, 'manifests/apps/pi/linkerd-control-plane.yaml').spec.sources[0]).toMatchObject({ repoURL: 'https://helm.linkerd.io/stable', targetRevision: '1.16.11' });
    const j = get(f, 'manifests/values/pi/linkerd-jaeger.yaml');
    expect(j.webhook.collectorSvcAddr).toBe('tempo.tracing:55678');
    expect(j.createNamespaceMetadataJob).toBeUndefined();
    expect(get(f, 'manifests/values/pi/linkerd-viz.yaml').createNamespaceMetadataJob).toBeUndefined();
  });

  it('refuses a Linkerd version the cluster cannot run, and an unknown version', async () => {
    await expect(renderDefault({ linkerd: { version: '2.20' }, kubernetesVersion: '1.30' })).rejects.toThrow(/require kubeVersion >=1\.31/);
    const err = await renderDefault({ linkerd: { version: '2.21' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GeneratorError);
    expect((err as GeneratorError).diagnostics[0]).toMatchObject({ code: 'config/linkerd-version', file: 'cluster.yaml', line: expect.any(Number) });
  });

  it('rejects a removed chart key such as installNamespace with a clear message', async () => {
    const { copyDefaultConfig } = await import('../helpers.js');
    const { writeFileSync } = await import('node:fs');
    const { buildTree } = await import('../../generator/pipeline.js');
    const root = copyDefaultConfig();
    writeFileSync(`${root}/values/linkerd-viz/values.yaml`, 'installNamespace: false\ndashboard:\n  replicas: 1\n');
    const err = (await buildTree(root).catch((e: unknown) => e)) as GeneratorError;
    expect(err).toBeInstanceOf(GeneratorError);
    const d = err.diagnostics.find((x) => x.code === 'values/unknown-key');
    expect(d).toBeDefined();
    expect(d!.message).toMatch(/installNamespace/);
    expect(d!.file).toBe('values/linkerd-viz/values.yaml');
  });

  it('rejects proxy.tracing on a release that does not have it', async () => {
    const { copyDefaultConfig } = await import('../helpers.js');
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { buildTree } = await import('../../generator/pipeline.js');
    const root = copyDefaultConfig();
    writeFileSync(`${root}/cluster.yaml`, readFileSync(`${root}/cluster.yaml`, 'utf8').replace('version: "2.20"', 'version: "2.18"').replace('kubernetesVersion: "1.32"', 'kubernetesVersion: "1.30"'));
    writeFileSync(`${root}/values/linkerd-control-plane/values.yaml`, 'proxy:\n  tracing:\n    enabled: true\n');
    const err = (await buildTree(root).catch((e: unknown) => e)) as GeneratorError;
    expect(err.diagnostics.map((d) => d.code)).toContain('values/unknown-key');
    expect(err.diagnostics.find((d) => d.code === 'values/unknown-key')!.hint).toMatch(/2\.19/);
  });
});
