import { afterAll, describe, expect, it } from 'vitest';
import { getRelease } from '../../generator/linkerd/versions.js';
import { appsetOf, applicationOf, buildFixture, editYaml, outputs, readOutput, removeCopies } from './fixture.js';

afterAll(removeCopies);

type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('cluster fan-out', () => {
  it('sends each app to the clusters its selector picks (all, a list, matchLabels)', async () => {
    const tree = await buildFixture();
    const clustersOf = (app: string) => tree.plan.apps.find((a) => a.app.name === app)!.instances.map((i) => i.cluster.name);

    expect(clustersOf('cert-manager')).toEqual(['lab', 'home']); // no `clusters:` means all
    expect(clustersOf('podinfo')).toEqual(['lab', 'home']); // clusters: [lab, home]
    expect(clustersOf('whoami')).toEqual(['home']); // matchLabels: {arch: arm64}

    const files = [...outputs(tree).keys()];
    expect(files).toContain('manifests/appsets/cert-manager.yaml');
    expect(files).toContain('manifests/appsets/podinfo.yaml');
    // One cluster: a plain Application, not a one-element ApplicationSet.
    expect(files).toContain('manifests/apps/home/whoami.yaml');
    expect(files.filter((f) => f.includes('whoami'))).not.toContain('manifests/appsets/whoami.yaml');
    expect(files.some((f) => f.startsWith('manifests/apps/lab/whoami') || f.startsWith('manifests/resources/lab/whoami'))).toBe(false);
    expect(appsetOf(tree, 'podinfo').spec.generators[0]!.list.elements.map((e) => e.cluster)).toEqual(['lab', 'home']);
  });

  it('follows the labels: matchLabels on the other arch picks the other cluster', async () => {
    const tree = await buildFixture((root) => editYaml(root, 'apps/whoami.yaml', (d) => d.setIn(['clusters', 'matchLabels', 'arch'], 'amd64')));
    expect(applicationOf(tree, 'lab', 'whoami').spec.destination).toEqual({ server: 'https://lab.example.com:6443', namespace: 'whoami' });
    expect([...outputs(tree).keys()].some((f) => f.includes('/home/whoami'))).toBe(false);
  });

  it('skips linkerd-jaeger where the Linkerd release has no jaeger chart, and says why', async () => {
    const tree = await buildFixture();
    const jaeger = tree.plan.apps.find((a) => a.app.name === 'linkerd-jaeger')!;
    expect(jaeger.instances.map((i) => i.cluster.name)).toEqual(['lab']);
    expect(jaeger.skipped).toEqual([{ cluster: 'home', reason: expect.stringMatching(/2\.20.*proxy\.tracing/) }]);
    // Present on one cluster only, so a plain Application with its own wave.
    expect(applicationOf(tree, 'lab', 'linkerd-jaeger').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '5' });
  });

  it('makes an app skipped on some clusters an ApplicationSet over the clusters that keep it', async () => {
    const tree = await buildFixture((root) =>
      editYaml(root, 'cluster.yaml', (d) => {
        const clusters = d.get('clusters') as { add(v: unknown): void };
        clusters.add({ name: 'lab2', server: 'https://lab2.example.com:6443', labels: { stage: 'lab', arch: 'amd64' }, settings: { domain: 'lab2.example.com', ingress: { controller: 'nginx' }, linkerd: { version: '2.18' } } });
      }),
    );
    const set = appsetOf(tree, 'linkerd-jaeger');
    expect(set.spec.generators[0]!.list.elements.map((e) => e.cluster)).toEqual(['lab', 'lab2']);
    expect(outputs(tree).has('manifests/apps/lab/linkerd-jaeger.yaml')).toBe(false);
    // Both lab clusters share the lab step; the (empty) home step counts as done for the controller.
    expect(set.spec.strategy!.rollingSync!.steps).toHaveLength(3);
    expect(appsetOf(tree, 'podinfo').spec.generators[0]!.list.elements.map((e) => e.cluster)).toEqual(['lab', 'home']);
    expect(appsetOf(tree, 'cert-manager').spec.generators[0]!.list.elements.map((e) => e.cluster)).toEqual(['lab', 'home', 'lab2']);
  });
});

describe('per-cluster values', () => {
  it('renders every app values file per cluster from that cluster\'s settings (domain, ingress)', async () => {
    const tree = await buildFixture();
    const lab = readOutput<Values>(tree, 'manifests/values/lab/podinfo.yaml');
    const home = readOutput<Values>(tree, 'manifests/values/home/podinfo.yaml');
    expect(lab.ingress.hosts[0].host).toBe('podinfo.lab.example.com');
    expect(home.ingress.hosts[0].host).toBe('podinfo.pi.example.com');
    expect(lab.ingress.className).toBe('nginx');
    expect(home.ingress.className).toBe('traefik');
    expect(lab.ui.message).toBe('podinfo on lab');
  });

  it('gives each cluster the chart version of its own Linkerd release', async () => {
    const tree = await buildFixture();
    const set = appsetOf(tree, 'linkerd-control-plane');
    const chart = set.spec.template.spec.sources!.find((s) => s.chart === 'linkerd-control-plane')!;
    expect(chart.targetRevision).toBe('{{.chartVersion}}');
    const versions = Object.fromEntries(set.spec.generators[0]!.list.elements.map((e) => [e.cluster, e['chartVersion']]));
    expect(versions).toEqual({
      lab: getRelease('2.18').charts['linkerd-control-plane'],
      home: getRelease('2.20').charts['linkerd-control-plane'],
    });
    expect(versions['lab']).not.toBe(versions['home']);
    // The same holds for every Linkerd chart on both clusters.
    for (const app of ['linkerd-crds', 'linkerd-viz']) {
      const els = appsetOf(tree, app).spec.generators[0]!.list.elements;
      expect(els.map((e) => e['chartVersion'])).toEqual([getRelease('2.18').charts[app as 'linkerd-viz'], getRelease('2.20').charts[app as 'linkerd-viz']]);
    }
    // A chart pinned in the app file is the same everywhere and stays literal.
    const cm = appsetOf(tree, 'cert-manager');
    expect(cm.spec.template.spec.sources![0]!.targetRevision).toBe('v1.21.1');
    expect(Object.keys(cm.spec.generators[0]!.list.elements[0]!).sort()).toEqual(['cluster', 'destination', 'stage']);
  });

  it('traces through linkerd-jaeger on 2.18 and through proxy.tracing on 2.20', async () => {
    const tree = await buildFixture();
    const labCp = readOutput<Values>(tree, 'manifests/values/lab/linkerd-control-plane.yaml');
    const homeCp = readOutput<Values>(tree, 'manifests/values/home/linkerd-control-plane.yaml');
    expect(labCp.proxy?.tracing).toBeUndefined();
    expect(homeCp.proxy.tracing).toMatchObject({
      enabled: true,
      collector: { endpoint: 'tempo.tracing:4317', meshIdentity: { serviceAccountName: 'tempo', namespace: 'tracing' } },
    });
    const jaeger = readOutput<Values>(tree, 'manifests/values/lab/linkerd-jaeger.yaml');
    expect(jaeger.webhook.collectorSvcAddr).toBe('tempo.tracing:4317');
    expect(outputs(tree).has('manifests/values/home/linkerd-jaeger.yaml')).toBe(false);
  });

  it('writes the values file every ApplicationSet element points $values at', async () => {
    const tree = await buildFixture();
    const files = outputs(tree);
    for (const set of tree.rendered.appsets) {
      const chartSources = (set.spec.template.spec.sources ?? []).filter((s) => s.helm);
      for (const s of chartSources) {
        expect(s.helm!.valueFiles).toEqual([`$values/manifests/values/{{.cluster}}/${set.metadata.name}.yaml`]);
        for (const el of set.spec.generators[0]!.list.elements) {
          expect(files.has(`manifests/values/${el.cluster}/${set.metadata.name}.yaml`), `${el.cluster}/${set.metadata.name}`).toBe(true);
        }
      }
    }
  });
});
