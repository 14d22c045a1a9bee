/** ignoreDifferences groups: Argo CD matches the bare API group, so a versioned one must never reach it. */
import { describe, expect, it } from 'vitest';
import { GeneratorError, type Diagnostic } from '../../generator/model/diagnostics.js';
import { loadConfig } from '../../generator/load/load-config.js';
import { defaultSync } from '../../generator/model/defaults.js';
import { buildApplication } from '../../generator/render/argocd.js';
import { buildTree } from '../../generator/pipeline.js';
import { makeRepo, MINIMAL_CLUSTER } from '../helpers.js';

const APP = 'chart:\n  repoURL: https://charts.example.com\n  name: demo\n  version: 1.2.3\n';

describe('ignoreDifferences group', () => {
  it('the emitted Application carries the bare group of a versioned one', () => {
    const app = buildApplication({
      name: 'pi-demo',
      app: 'demo',
      cluster: 'pi',
      argocdNamespace: 'argocd',
      project: 'platform',
      wave: 0,
      repo: { url: 'https://github.com/example/gitops.git', targetRevision: 'main' },
      releaseName: 'demo',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' },
      sync: defaultSync(),
      ignoreDifferences: [
        { group: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] },
        { group: 'apps', kind: 'Deployment' },
        { group: '', kind: 'Secret' },
      ],
    });
    expect(app.spec.ignoreDifferences!.map((d) => d.group)).toEqual(['admissionregistration.k8s.io', 'apps', '']);
    expect(app.spec.ignoreDifferences![0]).toEqual({ group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] });
  });

  it('the app schema refuses a versioned group at its line and says what is valid', async () => {
    let diags: Diagnostic[] = [];
    try {
      await loadConfig(makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${APP}ignoreDifferences:\n  - group: admissionregistration.k8s.io/v1\n    kind: MutatingWebhookConfiguration\n` }));
    } catch (e) {
      if (!(e instanceof GeneratorError)) throw e;
      diags = e.diagnostics;
    }
    expect(diags).toEqual([
      expect.objectContaining({ code: 'config/invalid-value', file: 'apps/demo.yaml', pointer: '/ignoreDifferences/0/group', line: 6 }),
    ]);
    expect(diags[0]!.message).toContain("'admissionregistration.k8s.io/v1'");
    expect(diags[0]!.message).toMatch(/bare API group, without version/);
  });

  it('the app schema takes bare groups (core included), and they are emitted as written', async () => {
    const t = await buildTree(
      makeRepo({
        'cluster.yaml': MINIMAL_CLUSTER,
        'apps/demo.yaml': `${APP}ignoreDifferences:\n  - group: admissionregistration.k8s.io\n    kind: MutatingWebhookConfiguration\n  - group: ""\n    kind: Secret\n`,
      }),
    );
    const app = t.rendered.instances[0]!.application;
    expect(app.spec.ignoreDifferences!.map((d) => [d.group, d.kind])).toEqual([
      ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration'],
      ['', 'Secret'],
    ]);
  });
});
