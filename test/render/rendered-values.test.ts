/**
 * The rules on an app's values with the chart at hand, end to end through the CLI over fixture
 * charts served on 127.0.0.1 and rendered with the real Helm 4: unknown values keys (and the
 * Linkerd key tables as the fallback for apps that are not rendered), default credentials.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Helm } from '../../generator/helm/index.js';
import { getRelease } from '../../generator/linkerd/versions.js';
import { read, run, writeFiles } from '../helpers.js';
import { startChartRepo, type ChartRepo } from '../helpers/chart-repo.js';
import { requireHelm, setupOnce } from '../helpers/helm.js';
import { renderRepo } from '../helpers/render-repo.js';

let helm: Helm;
let repo: ChartRepo;
const LINKERD = getRelease('2.20');
setupOnce(async () => {
  helm = await requireHelm();
  repo = await startChartRepo(helm, ['parent-with-alias', 'with-schema', 'default-password']);
  await repo.publish('linkerd-crds-standin', { version: LINKERD.charts['linkerd-crds']! });
});
afterAll(async () => {
  await repo?.close();
});

/** Diagnostics of the text report as `[file:line, code]`. */
function findings(out: string): [string, string][] {
  return [...out.matchAll(/^(\S+?):(\d+):\d+: (?:error|warning) \[([^\]]+)\]/gm)].map((m) => [`${m[1]}:${m[2]}`, m[3]!]);
}
const lineOf = (root: string, file: string, text: string) => read(root, file).split('\n').findIndex((l) => l.includes(text)) + 1;

describe('rendered/unknown-values-key', () => {
  it('reports keys the chart and its subcharts do not have at the values line, with a did-you-mean; free-form maps, global and schema keys pass', async () => {
    const values = [
      'sidecar:',
      '  greting: hi',
      '  podAnnotations:',
      '    example.com/any: "1"',
      '  resources:',
      '    requests:',
      '      memory: 64Mi',
      '  nameOverride: side',
      'global:',
      '  anything: 1',
      'colour: red',
      '',
    ].join('\n');
    const root = renderRepo(repo, {
      alias: { chart: 'parent-with-alias', values },
      // host has no default in values.yaml; the chart's schema declares it.
      schema: { chart: 'with-schema', values: 'host: a.example\n' },
    });
    const bad = await run(['generate', '--render', '--root', root]);
    expect(bad.code, bad.err).toBe(1);
    const f = findings(bad.err).filter(([, c]) => c === 'rendered/unknown-values-key');
    expect(f).toEqual([
      [`values/alias/values.yaml:${lineOf(root, 'values/alias/values.yaml', 'greting')}`, 'rendered/unknown-values-key'],
      [`values/alias/values.yaml:${lineOf(root, 'values/alias/values.yaml', 'colour')}`, 'rendered/unknown-values-key'],
    ]);
    expect(bad.err).toContain('Application pi-alias sets "sidecar.greting", which chart parent-with-alias 0.1.0 does not have (in the values of its subchart child, under "sidecar"); did you mean "sidecar.greeting"?');
    expect(bad.err).toContain('Application pi-alias sets "colour", which chart parent-with-alias 0.1.0 does not have');
    expect(bad.err).toContain("the chart's keys at the top level: sidecar; Helm ignores any other key");
    expect(bad.err).toContain('generate: failed; nothing was written');

    writeFiles(root, { 'values/alias/values.yaml': values.replace('greting', 'greeting').replace('colour: red\n', '') });
    const good = await run(['generate', '--render', '--root', root]);
    expect(good.code, good.err).toBe(0);
    const chk = await run(['check', '--render', '--root', root]);
    expect(chk.code, chk.out).toBe(0);
    expect(findings(chk.out)).toEqual([]);
  });

  it('replaces the built-in Linkerd key table for a rendered Linkerd app; the table still runs without --render and for an app not rendered', async () => {
    const apps = { 'linkerd-crds': { chart: 'linkerd-crds', values: 'installGatewayApi: true\n', extra: 'component: linkerd-crds\nnamespace: linkerd\n' } };
    const mirrors = { [LINKERD.helmRepo]: repo.url };
    const root = renderRepo(repo, apps, { mirrors });
    // The app file names the component; the chart comes from the release table.
    writeFiles(root, { 'apps/linkerd-crds.yaml': 'component: linkerd-crds\nnamespace: linkerd\n' });
    const at = `values/linkerd-crds/values.yaml:1`;

    const plain = await run(['generate', '--root', root]);
    expect(plain.code).toBe(1);
    expect(findings(plain.err)).toEqual([[at, 'values/unknown-key']]);

    const rendered = await run(['generate', '--render', '--root', root]);
    expect(rendered.code, rendered.err).toBe(1);
    expect(findings(rendered.err)).toEqual([[at, 'rendered/unknown-values-key']]);
    expect(rendered.err).toContain(`which chart linkerd-crds ${LINKERD.charts['linkerd-crds']} does not have; did you mean "installGatewayAPI"?`);

    // The chart cannot be had: with --render=available the app is skipped, and the table judges it.
    const offline = renderRepo(repo, { 'linkerd-crds': { ...apps['linkerd-crds'], values: 'installGatewayAPI: true\n' } }, { mirrors: { [LINKERD.helmRepo]: 'http://127.0.0.1:1/charts' } });
    writeFiles(offline, { 'apps/linkerd-crds.yaml': 'component: linkerd-crds\nnamespace: linkerd\n' });
    expect((await run(['generate', '--root', offline])).code).toBe(0);
    writeFiles(offline, { 'values/linkerd-crds/values.yaml': 'installGatewayApi: true\n' });
    const skipped = await run(['check', '--render=available', '--root', offline]);
    expect(skipped.code).not.toBe(0);
    expect(skipped.out).toMatch(/^note: skipped: chart linkerd-crds .* of pi-linkerd-crds was not rendered/m);
    expect(findings(skipped.out).filter(([, c]) => c.includes('unknown'))).toEqual([[at, 'values/unknown-key']]);
  });
});

describe('rendered/default-credentials', () => {
  const ingress = (app: string) => `ingress:\n  - host: ${app}.example.org\n    service: ${app}\n    port: 3000\n`;

  it('reports a Secret with the chart default password behind an Ingress, naming the Secret, key and Ingress; passes with existingSecret, an own password, or no Ingress', async () => {
    const root = renderRepo(repo, {
      grafana: { chart: 'default-password', values: 'adminUser: root\n', extra: ingress('grafana') },
      explicit: { chart: 'default-password', values: 'adminPassword: prom-operator\n', extra: ingress('explicit') },
      own: { chart: 'default-password', values: 'adminPassword: not-the-default\n', extra: ingress('own') },
      internal: { chart: 'default-password' },
    });
    const bad = await run(['generate', '--render', '--root', root]);
    expect(bad.code, bad.err).toBe(1);
    const f = findings(bad.err).filter(([, c]) => c === 'rendered/default-credentials');
    // Nothing in the values sets the password: at the chart; set to the default: at that line.
    expect(f).toEqual([
      ['apps/grafana.yaml:2', 'rendered/default-credentials'],
      ['values/explicit/values.yaml:1', 'rendered/default-credentials'],
    ]);
    expect(bad.err).toMatch(/Secret grafana\/grafana-admin from default-password\/templates\/secret\.yaml holds chart default-password 0\.1\.0's default "adminPassword" in admin-password, and Ingress grafana\/grafana \(manifests\/[^)]+\) exposes Service grafana\/grafana of the release/);
    expect(bad.err).toContain('set "adminPassword" from a Secret you create in the cluster (the chart\'s existingSecret value, where it has one) or to a generated password');

    writeFiles(root, { 'values/grafana/values.yaml': 'existingSecret: grafana-admin\n', 'values/explicit/values.yaml': 'existingSecret: explicit-admin\n' });
    const good = await run(['generate', '--render', '--root', root]);
    expect(good.code, good.err).toBe(0);
    expect(findings(good.err)).toEqual([]);
  });
});
