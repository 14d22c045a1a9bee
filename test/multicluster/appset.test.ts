import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../generator/validate/schema-validator.js';
import type { Application } from '../../generator/model/k8s.js';
import { applicationOf, appsetOf, buildFixture, editYaml, generatedApplications, readOutput, REPO, removeCopies } from './fixture.js';

afterAll(removeCopies);

const STAGE = 'gitops.generator/stage';
const APPSET_APPS = ['cert-manager', 'trust-manager', 'linkerd-identity', 'linkerd-crds', 'linkerd-control-plane', 'linkerd-viz', 'podinfo'];

describe('ApplicationSets in Progressive Syncs mode', () => {
  it('are valid against the strict ApplicationSet schema', async () => {
    const tree = await buildFixture();
    const validator = new SchemaValidator({ schemaDir: path.join(REPO, 'schemas/k8s') });
    const argoFiles = tree.files.filter((f) => /^manifests\/(appsets|apps|projects|bootstrap)\//.test(f.path));
    expect(argoFiles.filter((f) => f.path.startsWith('manifests/appsets/')).map((f) => path.basename(f.path, '.yaml')).sort()).toEqual([...APPSET_APPS].sort());
    const result = validator.validateFiles(argoFiles.map((f) => ({ path: f.path, text: f.content })));
    expect(result.diagnostics).toEqual([]);
  });

  it('use goTemplate with missingkey=error and one list element per cluster', async () => {
    const set = appsetOf(await buildFixture(), 'cert-manager');
    expect(set.spec.goTemplate).toBe(true);
    expect(set.spec.goTemplateOptions).toEqual(['missingkey=error']);
    expect(set.spec.generators).toHaveLength(1);
    expect(set.spec.generators[0]!.list.elements).toEqual([
      { cluster: 'lab', destination: 'https://lab.example.com:6443', stage: 'lab' },
      { cluster: 'home', destination: 'https://kubernetes.default.svc', stage: 'home' },
    ]);
    expect(set.spec.template.metadata.name).toBe('{{.cluster}}-cert-manager');
    expect(set.spec.template.spec.destination).toEqual({ server: '{{.destination}}', namespace: 'cert-manager' });
  });

  it('roll out stage by stage in argocd.stages order, with maxUpdate and a catch-all step last', async () => {
    const set = appsetOf(await buildFixture(), 'linkerd-control-plane');
    expect(set.spec.strategy).toEqual({
      type: 'RollingSync',
      rollingSync: {
        steps: [
          { matchExpressions: [{ key: STAGE, operator: 'In', values: ['lab'] }], maxUpdate: 1 },
          { matchExpressions: [{ key: STAGE, operator: 'In', values: ['home'] }], maxUpdate: 1 },
          { matchExpressions: [{ key: STAGE, operator: 'NotIn', values: ['lab', 'home'] }], maxUpdate: 1 },
        ],
      },
    });
  });

  it('follow a changed stage order and a percentage maxUpdate', async () => {
    const tree = await buildFixture((root) =>
      editYaml(root, 'cluster.yaml', (d) => {
        d.setIn(['argocd', 'stages'], ['home', 'lab']);
        d.setIn(['argocd', 'maxUpdate'], '50%');
      }),
    );
    const steps = appsetOf(tree, 'podinfo').spec.strategy!.rollingSync!.steps!;
    expect(steps.map((s) => [s.matchExpressions![0]!.operator, s.matchExpressions![0]!.values])).toEqual([
      ['In', ['home']],
      ['In', ['lab']],
      ['NotIn', ['home', 'lab']],
    ]);
    expect(steps.every((s) => s.maxUpdate === '50%')).toBe(true);
  });

  it('label generated Applications with app, cluster, stage and wave, so steps can select them', async () => {
    const tree = await buildFixture();
    for (const generated of generatedApplications(appsetOf(tree, 'linkerd-viz'))) {
      expect(generated.metadata.labels).toEqual({
        'app.kubernetes.io/managed-by': 'argocd-gitops-generator',
        'gitops.generator/app': 'linkerd-viz',
        'gitops.generator/cluster': generated.element['cluster'],
        [STAGE]: generated.element['stage'],
        'gitops.generator/wave': '5',
      });
    }
  });

  it('keep syncPolicy.automated in the template, because RollingSync takes the prune flag of its syncs from it', async () => {
    // The controller sets automated.enabled=false on what it generates; without the block its syncs never prune.
    const set = appsetOf(await buildFixture(), 'podinfo');
    expect(set.spec.template.spec.syncPolicy!.automated).toEqual({ prune: true, selfHeal: true });
  });

  it('order apps by sync-wave annotations in dependency order, matching the wave label', async () => {
    const tree = await buildFixture();
    const wave = (app: string) => {
      const set = appsetOf(tree, app);
      expect(set.metadata.labels!['gitops.generator/wave']).toBe(set.metadata.annotations!['argocd.argoproj.io/sync-wave']);
      return Number(set.metadata.annotations!['argocd.argoproj.io/sync-wave']);
    };
    const chain = ['cert-manager', 'trust-manager', 'linkerd-identity', 'linkerd-crds', 'linkerd-control-plane'];
    expect(chain.map(wave)).toEqual([0, 1, 2, 3, 4]);
    expect(wave('linkerd-viz')).toBe(5);
    expect(wave('podinfo')).toBe(5);
    // The ApplicationSet health check lets those waves wait for every generated Application.
    const cm = readOutput<{ data: Record<string, string> }>(tree, 'manifests/bootstrap/argocd-cm.yaml');
    expect(cm.data['resource.customizations.health.argoproj.io_ApplicationSet']).toMatch(/applicationStatus/);
    // And the root app-of-apps picks the sets up.
    const root = readOutput<Application>(tree, 'manifests/bootstrap/root-app.yaml');
    expect(root.spec.source!.directory!.include).toMatch(/appsets\/\*\.yaml/);
  });

  it('generate exactly the Applications the per-cluster mode writes (chart versions and namespace annotations included)', async () => {
    const staged = await buildFixture();
    const perCluster = await buildFixture((root) => editYaml(root, 'cluster.yaml', (d) => d.setIn(['argocd', 'progressiveSyncs'], false)));
    for (const app of APPSET_APPS) {
      for (const generated of generatedApplications(appsetOf(staged, app))) {
        const own = applicationOf(perCluster, generated.element['cluster']!, app);
        expect(generated.metadata.name, app).toBe(own.metadata.name);
        expect(generated.metadata.labels, app).toEqual(own.metadata.labels);
        expect(generated.spec, `${app} on ${generated.element['cluster']}`).toEqual(own.spec);
      }
    }
  });

  it('escapes a literal {{ in the config, which Argo CD would otherwise run as a Go template action', async () => {
    const tree = await buildFixture((root) => editYaml(root, 'apps/podinfo.yaml', (d) => d.setIn(['namespaceMetadata', 'annotations', 'example.com/note'], 'keep {{ this }} literal')));
    const set = appsetOf(tree, 'podinfo');
    expect(set.spec.template.spec.syncPolicy!.managedNamespaceMetadata!.annotations!['example.com/note']).toBe('keep {{"{{"}} this }} literal');
    for (const g of generatedApplications(set)) {
      expect(g.spec.syncPolicy.managedNamespaceMetadata!.annotations!['example.com/note']).toBe('keep {{ this }} literal');
    }
  });

  it('carries a per-cluster namespace annotation through templatePatch where Linkerd releases differ', async () => {
    // Linkerd 2.18 needs the alpha native-sidecar annotation; on 2.20 native sidecars are the default.
    const tree = await buildFixture();
    const set = appsetOf(tree, 'podinfo') as ReturnType<typeof appsetOf> & { spec: { templatePatch?: string } };
    expect(set.spec.templatePatch).toMatch(/managedNamespaceMetadata:\n\s+annotations:\n\s+"config\.alpha\.linkerd\.io\/proxy-enable-native-sidecar": \{\{\.\w+\}\}/);
    const [lab, home] = generatedApplications(set);
    expect(lab!.spec.syncPolicy.managedNamespaceMetadata?.annotations).toEqual({ 'config.alpha.linkerd.io/proxy-enable-native-sidecar': 'true', 'linkerd.io/inject': 'enabled' });
    expect(home!.spec.syncPolicy.managedNamespaceMetadata?.annotations).toEqual({ 'linkerd.io/inject': 'enabled' });
  });
});
