/**
 * Settings that hold `{{ }}` are resolved once per cluster, in plan, so every consumer (components,
 * templates, Ingress hosts, lint) reads the same rendered value.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GeneratorError, type Diagnostic } from '../../generator/model/diagnostics.js';
import { loadConfig } from '../../generator/load/load-config.js';
import { planConfig } from '../../generator/plan/plan.js';
import { locate } from '../../generator/core/yaml-source.js';
import { buildTree } from '../../generator/pipeline.js';
import { copyDefaultConfig, makeRepo } from '../helpers.js';

const REPO = `repo:
  url: https://github.com/example/gitops.git
`;

function clusterYaml(defaults: string, clusters = `clusters:
  - name: pi
    server: https://kubernetes.default.svc
`): string {
  return `${REPO}defaults:\n${defaults}${clusters}`;
}

async function plan(cluster: string) {
  const root = makeRepo({ 'cluster.yaml': cluster });
  const config = await loadConfig(root);
  return { config, plan: planConfig(config) };
}

async function planErrors(cluster: string): Promise<Diagnostic[]> {
  const root = makeRepo({ 'cluster.yaml': cluster });
  const config = await loadConfig(root);
  try {
    planConfig(config);
  } catch (e) {
    if (e instanceof GeneratorError) return locate(e.diagnostics, config.sources);
    throw e;
  }
  throw new Error('planConfig did not fail');
}

describe('settings templates', () => {
  it('renders every string setting that holds {{ }} against the cluster settings', async () => {
    const { plan: p } = await plan(
      clusterYaml(`  domain: pi.example.com
  linkerd:
    viz:
      host: "dash.{{settings.domain}}"
  vars:
    api: "api.{{settings.domain}}"
    nested:
      - "{{upper cluster.name}}-{{vars.api}}"
`),
    );
    const s = p.clusters[0]!.settings;
    expect(s.linkerd.viz.host).toBe('dash.pi.example.com');
    expect(s.vars['api']).toBe('api.pi.example.com');
    expect(s.vars['nested']).toEqual(['PI-api.pi.example.com']);
  });

  it('keeps an escaped \\{{ as a literal {{', async () => {
    const { plan: p } = await plan(clusterYaml(`  vars:\n    alert: '\\{{ $labels.pod }} on {{cluster.name}}'\n`));
    expect(p.clusters[0]!.settings.vars['alert']).toBe('{{ $labels.pod }} on pi');
  });

  it('renders a default once per cluster, with that cluster\'s own settings', async () => {
    const { plan: p } = await plan(
      clusterYaml(
        `  linkerd:
    viz:
      host: "linkerd.{{settings.domain}}"
`,
        `clusters:
  - name: lab
    server: https://lab.example.com
    settings: { domain: lab.example.com }
  - name: home
    server: https://kubernetes.default.svc
    settings: { domain: pi.example.com }
`,
      ),
    );
    expect(p.clusters.map((c) => c.settings.linkerd.viz.host)).toEqual(['linkerd.lab.example.com', 'linkerd.pi.example.com']);
  });

  it('derives each cluster\'s values from its own settings, never from another cluster\'s', async () => {
    // The first cluster keeps the default controller; its derived class must not leak into the defaults.
    const { plan: p } = await plan(
      clusterYaml(
        '  domain: example.com\n',
        `clusters:
  - name: home
    server: https://kubernetes.default.svc
  - name: lab
    server: https://lab.example.com
    settings: { domain: lab.example.com, ingress: { controller: nginx } }
`,
      ),
    );
    expect(p.clusters.map((c) => [c.settings.ingress.className, c.settings.ingress.namespace, c.settings.linkerd.viz.host])).toEqual([
      ['traefik', 'traefik', 'linkerd.example.com'],
      ['nginx', 'ingress-nginx', 'linkerd.lab.example.com'],
    ]);
  });

  it('reports a missing variable at the cluster.yaml line, with a did-you-mean', async () => {
    const errs = await planErrors(
      clusterYaml(`  domain: pi.example.com
  linkerd:
    viz:
      host: "linkerd.{{settings.domian}}"
`),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({
      severity: 'error',
      code: 'template/missing-variable',
      file: 'cluster.yaml',
      line: 7,
      pointer: '/defaults/linkerd/viz/host',
    });
    expect(errs[0]!.message).toContain("template variable 'settings.domian' is not defined; did you mean 'settings.domain'?");
  });

  it('refuses a setting that refers to itself, directly or through others', async () => {
    const self = await planErrors(
      clusterYaml(`  linkerd:
    viz:
      host: "x.{{settings.linkerd.viz.host}}"
`),
    );
    expect(self).toHaveLength(1);
    expect(self[0]).toMatchObject({ code: 'config/setting-cycle', file: 'cluster.yaml', line: 6, pointer: '/defaults/linkerd/viz/host' });
    expect(self[0]!.message).toMatch(/linkerd\.viz\.host.*refers to itself/);

    const loop = await planErrors(
      clusterYaml(`  vars:
    a: "{{vars.b}}"
    b: "{{settings.vars.c}}"
    c: "{{settings.vars}}"
`),
    );
    expect(loop.map((d) => d.code)).toEqual(['config/setting-cycle']);
    expect(loop[0]!.message).toContain('vars.a -> vars.b -> vars.c -> vars.a');
  });

  it('reports a cluster override at its own line', async () => {
    const errs = await planErrors(
      clusterYaml(
        `  domain: pi.example.com
`,
        `clusters:
  - name: pi
    server: https://kubernetes.default.svc
    settings:
      vars:
        x: "{{cluster.nam}}"
`,
      ),
    );
    expect(errs[0]).toMatchObject({ code: 'template/missing-variable', pointer: '/clusters/0/settings/vars/x', line: 10 });
    expect(errs[0]!.message).toContain("did you mean 'cluster.name'?");
  });

  it('derives the viz host and the Grafana URL from an operator-set domain unless they are set', async () => {
    const { plan: derived } = await plan(clusterYaml('  domain: pi.example.com\n'));
    expect(derived.clusters[0]!.settings.linkerd.viz.host).toBe('linkerd.pi.example.com');
    expect(derived.clusters[0]!.settings.monitoring.grafanaExternalUrl).toBe('https://grafana.pi.example.com');

    const { plan: off } = await plan(
      clusterYaml(`  domain: pi.example.com
  linkerd: { viz: { host: "" } }
  monitoring: { grafanaUrl: grafana.monitoring.svc.cluster.local }
`),
    );
    expect(off.clusters[0]!.settings.linkerd.viz.host).toBe('');
    expect(off.clusters[0]!.settings.monitoring.grafanaExternalUrl).toBe('');

    // Without a domain of the operator's there is nothing to derive from.
    const { plan: none } = await plan(clusterYaml('  kubernetesVersion: "1.32"\n'));
    expect(none.clusters[0]!.settings.linkerd.viz.host).toBe('');
    expect(none.clusters[0]!.settings.monitoring.grafanaExternalUrl).toBe('');
  });
});

describe('a templated setting reaches every consumer', () => {
  it('viz gets the rendered host in its Ingress and in dashboard.enforcedHostRegexp', async () => {
    const root = copyDefaultConfig();
    const file = path.join(root, 'cluster.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/\n {4}viz:\n/, '\n    viz:\n      host: "viz.{{settings.domain}}"\n');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const t = await buildTree(root);
    const values = parse(t.files.find((f) => f.path === 'manifests/values/pi/linkerd-viz.yaml')!.content);
    expect(values.dashboard.enforcedHostRegexp).toBe('^viz\\.pi\\.example\\.com$');
    const ingress = t.files.filter((f) => f.path.startsWith('manifests/resources/pi/linkerd-viz/ingress-'));
    expect(ingress.length).toBeGreaterThan(0);
    for (const f of ingress) expect(f.content).toContain('viz.pi.example.com');
    expect(t.files.some((f) => f.content.includes('{{settings.domain}}'))).toBe(false);
  });
});
