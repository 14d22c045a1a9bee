import { afterAll, describe, expect, it } from 'vitest';
import type { AppProject } from '../../generator/model/k8s.js';
import { getRelease } from '../../generator/linkerd/versions.js';
import { applicationOf, buildFixture, editYaml, outputs, readOutput, removeCopies } from './fixture.js';

afterAll(removeCopies);

const perClusterMode = (root: string) => editYaml(root, 'cluster.yaml', (d) => d.setIn(['argocd', 'progressiveSyncs'], false));

describe('progressiveSyncs: false', () => {
  it('writes one Application per app and cluster, each gated by its sync wave, and no ApplicationSets', async () => {
    const tree = await buildFixture(perClusterMode);
    const files = [...outputs(tree).keys()];
    expect(files.some((f) => f.startsWith('manifests/appsets/'))).toBe(false);
    expect(tree.rendered.appsets).toEqual([]);

    const expected: Record<string, number> = {
      'cert-manager': 0,
      'trust-manager': 1,
      'linkerd-identity': 2,
      'linkerd-crds': 3,
      'linkerd-control-plane': 4,
      'linkerd-viz': 5,
      podinfo: 5,
    };
    for (const [app, wave] of Object.entries(expected)) {
      for (const cluster of ['lab', 'home']) {
        const a = applicationOf(tree, cluster, app);
        expect(a.metadata.name).toBe(`${cluster}-${app}`);
        expect(a.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': String(wave) });
        expect(a.metadata.labels!['gitops.generator/stage']).toBe(cluster);
        // Without RollingSync each Application syncs itself.
        expect(a.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      }
    }
    expect(applicationOf(tree, 'lab', 'linkerd-jaeger').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '5' });
    expect(files).not.toContain('manifests/apps/home/linkerd-jaeger.yaml');
    expect(files).toContain('manifests/apps/home/whoami.yaml');
    expect(files).not.toContain('manifests/apps/lab/whoami.yaml');
  });

  it('pins each cluster\'s Application to its own chart version and values file', async () => {
    const tree = await buildFixture(perClusterMode);
    for (const [cluster, version] of [
      ['lab', '2.18'],
      ['home', '2.20'],
    ] as const) {
      const chart = applicationOf(tree, cluster, 'linkerd-control-plane').spec.sources!.find((s) => s.chart)!;
      expect(chart.targetRevision).toBe(getRelease(version).charts['linkerd-control-plane']);
      expect(chart.helm!.valueFiles).toEqual([`$values/manifests/values/${cluster}/linkerd-control-plane.yaml`]);
    }
  });

});

describe('AppProject destinations', () => {
  for (const [mode, edit] of [
    ['progressive syncs', undefined],
    ['per-cluster Applications', perClusterMode],
  ] as const) {
    it(`allow exactly the declared clusters and the namespaces deployed there (${mode})`, async () => {
      const tree = await buildFixture(edit);
      const project = readOutput<AppProject>(tree, 'manifests/projects/platform.yaml');
      const servers: Record<string, string> = { lab: 'https://lab.example.com:6443', home: 'https://kubernetes.default.svc' };
      const expected = new Set<string>();
      for (const r of tree.rendered.instances) {
        expected.add(`${servers[r.instance.cluster.name]}|${r.instance.app.namespace}`);
        for (const m of r.manifests) if (m.object.metadata.namespace) expected.add(`${servers[r.instance.cluster.name]}|${m.object.metadata.namespace}`);
      }
      const got = project.spec.destinations!.map((d) => `${d.server}|${d.namespace}`);
      expect(new Set(got)).toEqual(expected);
      expect(got).toHaveLength(expected.size);
      expect(project.spec.destinations!.every((d) => !d.name && Object.values(servers).includes(d.server!) && !d.namespace!.includes('*'))).toBe(true);
      // linkerd-jaeger runs on lab only, whoami on home only: neither namespace is open on the other cluster.
      expect(got).toContain('https://lab.example.com:6443|linkerd-jaeger');
      expect(got).not.toContain('https://kubernetes.default.svc|linkerd-jaeger');
      expect(got).toContain('https://kubernetes.default.svc|whoami');
      expect(got).not.toContain('https://lab.example.com:6443|whoami');
    });
  }

  it('name clusters given by destinationName by that name', async () => {
    const tree = await buildFixture((root) =>
      editYaml(root, 'cluster.yaml', (d) => {
        for (const [i, name] of [[0, 'lab-cluster'], [1, 'in-cluster']] as const) {
          d.deleteIn(['clusters', i, 'server']);
          d.setIn(['clusters', i, 'destinationName'], name);
        }
      }),
    );
    const project = readOutput<AppProject>(tree, 'manifests/projects/platform.yaml');
    expect(new Set(project.spec.destinations!.map((d) => d.name))).toEqual(new Set(['lab-cluster', 'in-cluster']));
    expect(project.spec.destinations!.every((d) => d.server === undefined)).toBe(true);
  });
});
