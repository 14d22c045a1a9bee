/**
 * Messages that name the bad value and, when they suggest a fix, suggest one that works: the fix
 * is applied and the config re-run, and it must then pass.
 */
import { describe, expect, it } from 'vitest';
import { GeneratorError, type Diagnostic } from '../../generator/model/diagnostics.js';
import { loadConfig } from '../../generator/load/load-config.js';
import { planConfig } from '../../generator/plan/plan.js';
import { makeRepo, MINIMAL_CLUSTER } from '../helpers.js';

/** Errors of load + plan (where the config and settings checks live); [] when both pass. */
async function errorsOf(files: Record<string, string>): Promise<Diagnostic[]> {
  try {
    planConfig(await loadConfig(makeRepo(files)));
  } catch (e) {
    if (e instanceof GeneratorError) return e.diagnostics.filter((d) => d.severity === 'error');
    throw e;
  }
  return [];
}

const app = (version: string) => `chart:\n  repoURL: https://charts.example.com\n  name: demo\n  version: ${version}\n`;

describe('enum errors', () => {
  it('show the bad value, the valid ones and the nearest', async () => {
    const [mesh] = await errorsOf({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${app('1.2.3')}mesh: namespce\n` });
    expect(mesh).toMatchObject({ code: 'config/invalid-value', pointer: '/mesh', line: 5 });
    expect(mesh!.message).toBe("'namespce' is not one of namespace, workloads, ingress, off; did you mean 'namespace'?");

    const [controller] = await errorsOf({ 'cluster.yaml': `${MINIMAL_CLUSTER}defaults:\n  ingress:\n    controller: traefk\n`, 'apps/demo.yaml': app('1.2.3') });
    expect(controller!.message).toBe("'traefk' is not one of traefik, nginx; did you mean 'traefik'?");

    const [far] = await errorsOf({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${app('1.2.3')}mesh: sidecar\n` });
    expect(far!.message).toBe("'sidecar' is not one of namespace, workloads, ingress, off");

    const [clusters] = await errorsOf({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': `${app('1.2.3')}clusters: al\n` });
    expect(clusters!.message).toBe("'al' is not one of all; did you mean 'all'?");
  });
});

/** The `version: "<fix>"` a hint suggests, if any. */
function suggestedVersion(d: Diagnostic): string | undefined {
  return /version: "([^"]+)"/.exec(`${d.message} ${d.hint ?? ''}`)?.[1];
}

describe('chart version errors', () => {
  it.each([
    ['1.2', '1.2.0'],
    ['"1.2"', '1.2.0'],
    ['1.20', '1.20.0'],
    ['^1.2.0', '1.2.0'],
    ['"~1.2"', '1.2.0'],
    ['">=1.2.3"', '1.2.3'],
    ['1.2.x', '1.2.0'],
    ['v1.2', 'v1.2.0'],
    ['"=1.2.3"', '1.2.3'],
    ['3', '3.0.0'],
  ])('version: %s echoes the value and suggests %s, which passes', async (written, fix) => {
    const errs = await errorsOf({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': app(written) });
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ file: 'apps/demo.yaml', pointer: '/chart/version' });
    expect(errs[0]!.message).toContain(written.replace(/"/g, ''));
    expect(suggestedVersion(errs[0]!)).toBe(fix);
    expect(await errorsOf({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': app(`"${fix}"`) })).toEqual([]);
  });

  it.each(['latest', '"1.2.3 - 1.4.0"', '"*"'])('version: %s has no exact version to suggest, and suggests none', async (written) => {
    const errs = await errorsOf({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/demo.yaml': app(written) });
    expect(errs).toHaveLength(1);
    expect(errs[0]!.message).toContain(`'${written.replace(/"/g, '')}'`);
    expect(suggestedVersion(errs[0]!)).toBeUndefined();
    expect(errs[0]!.hint).toMatch(/exact/);
  });
});

describe('Linkerd and Kubernetes version errors', () => {
  const cluster = (settings: string) => `${MINIMAL_CLUSTER}defaults:\n${settings}`;
  const LINKERD_APP = 'component: linkerd-crds\n';

  it.each([
    ['  linkerd:\n    version: 2.20\n', '2.20'],
    ['  kubernetesVersion: 1.30\n  linkerd:\n    version: "2.19"\n', '1.30'],
    ['  linkerd:\n    version: "2.21"\n', '2.20'],
    ['  linkerd:\n    version: "2.8"\n', '2.18'],
  ])('%j suggests %s, which passes', async (settings, fix) => {
    const errs = await errorsOf({ 'cluster.yaml': cluster(settings), 'apps/linkerd-crds.yaml': LINKERD_APP });
    expect(errs).toHaveLength(1);
    const text = `${errs[0]!.message} ${errs[0]!.hint ?? ''}`;
    const suggested = /did you mean '([^']+)'|quote it[^"]*"([^"]+)"/.exec(text);
    expect(suggested, text).not.toBeNull();
    expect(suggested![1] ?? suggested![2]).toBe(fix);
    const written = /: (\S+)\n$/.exec(settings.split('\n').filter((l) => /version/i.test(l))[0]! + '\n')![1]!;
    const fixed = settings.replace(`: ${written}\n`, `: "${fix}"\n`);
    expect(await errorsOf({ 'cluster.yaml': cluster(fixed), 'apps/linkerd-crds.yaml': LINKERD_APP })).toEqual([]);
  });

  it('never suggests a Linkerd version the cluster\'s Kubernetes cannot run', async () => {
    // 2.20 is one edit away from 2.21 but needs Kubernetes 1.31+.
    const errs = await errorsOf({ 'cluster.yaml': cluster('  kubernetesVersion: "1.29"\n  linkerd:\n    version: "2.21"\n'), 'apps/linkerd-crds.yaml': LINKERD_APP });
    expect(errs).toHaveLength(1);
    expect(errs[0]!.message).not.toMatch(/did you mean/);
    expect(errs[0]!.hint).toMatch(/on Kubernetes 1\.29: 2\.18, 2\.19/);
  });
});
