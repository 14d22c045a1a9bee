/**
 * rendered/mesh-injection end to end: the workloads fixture chart (Deployment, hostNetwork
 * DaemonSet, Job, CronJob, pod annotations from values) rendered with the real Helm 4, and the
 * injection Linkerd would give each pod template judged against the cluster's native-sidecar support.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Helm } from '../../generator/helm/index.js';
import { read, run, writeFiles } from '../helpers.js';
import { startChartRepo, type ChartRepo } from '../helpers/chart-repo.js';
import { requireHelm, setupOnce } from '../helpers/helm.js';
import { appFile, clusterFile, renderRepo } from '../helpers/render-repo.js';

let helm: Helm;
let repo: ChartRepo;
setupOnce(async () => {
  helm = await requireHelm();
  repo = await startChartRepo(helm, ['workloads']);
});
afterAll(async () => {
  await repo?.close();
});

/** `[file:line, message]` of each rendered/mesh-injection finding of the text report. */
function meshFindings(out: string): [string, string][] {
  return [...out.matchAll(/^(\S+?):(\d+):\d+: error \[rendered\/mesh-injection\] (.*)$/gm)].map((m) => [`${m[1]}:${m[2]}`, m[3]!]);
}

const lineOf = (root: string, file: string, text: string, after = '') => {
  const lines = read(root, file).split('\n');
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  return lines.findIndex((l, i) => i >= from && l.includes(text)) + 1;
};

async function checkRendered(root: string) {
  expect((await run(['generate', '--root', root])).code).toBe(0);
  expect((await run(['charts', 'pull', '--root', root])).code).toBe(0);
  return run(['check', '--render', '--root', root]);
}

const linkerd = (version: string, kubernetes: string) => `defaults:\n  kubernetesVersion: "${kubernetes}"\n  linkerd:\n    version: "${version}"\n`;

/** Pod annotations of the chart's workloads, per workload. */
const values = (pods: Record<string, string>) => Object.entries(pods).map(([w, inject]) => `${w}:\n  podAnnotations:\n    linkerd.io/inject: ${inject}\n`).join('');

describe('rendered/mesh-injection', () => {
  it('finds meshed Jobs and CronJobs that never complete without native sidecars, from pod or namespace annotations; hostNetwork pods are never injected', async () => {
    const root = renderRepo(repo, {
      batch: { chart: 'workloads', values: values({ deployment: 'enabled', daemonset: 'enabled', job: 'enabled' }) },
      meshed: { chart: 'workloads', values: values({ cronjob: 'disabled' }), extra: 'namespaceMetadata:\n  annotations:\n    linkerd.io/inject: enabled\n' },
    });
    writeFiles(root, { 'cluster.yaml': clusterFile(repo) + linkerd('2.18', '1.28') });
    const bad = await checkRendered(root);
    expect(bad.code, bad.out).toBe(1);
    const f = meshFindings(bad.out);
    expect(f).toEqual([
      // The namespace's annotation, at the app file line that sets it; the CronJob opted out.
      [`apps/meshed.yaml:${lineOf(root, 'apps/meshed.yaml', 'linkerd.io/inject')}`, expect.stringMatching(/^Job meshed\/meshed-migrate from workloads\/templates\/job\.yaml .* \(linkerd\.io\/inject: enabled on namespace meshed\) but native sidecars need Kubernetes >= 1\.29/)],
      // The pod template's own annotation, at the values key that sets it.
      [`values/batch/values.yaml:${lineOf(root, 'values/batch/values.yaml', 'linkerd.io/inject', 'job:')}`, expect.stringMatching(/^Job batch\/batch-migrate from workloads\/templates\/job\.yaml \(chart workloads 0\.1\.0, pi-batch\) gets a Linkerd proxy \(linkerd\.io\/inject: enabled on its pod template\) but native sidecars need Kubernetes >= 1\.29; the cluster runs 1\.28: the proxy keeps running after the job's container exits, so the Job never completes/)],
    ]);
    expect(bad.out).not.toMatch(/DaemonSet \S+ from workloads\/templates\/daemonset\.yaml/);

    // 2.18 on 1.30: native sidecars only when opted in, here on the namespace.
    writeFiles(root, {
      'cluster.yaml': clusterFile(repo) + linkerd('2.18', '1.30'),
      'apps/meshed.yaml': appFile({ chart: 'workloads', extra: 'namespaceMetadata:\n  annotations:\n    linkerd.io/inject: enabled\n    config.alpha.linkerd.io/proxy-enable-native-sidecar: "true"\n' }),
    });
    const optIn = await checkRendered(root);
    expect(meshFindings(optIn.out)).toEqual([[expect.stringMatching(/^values\/batch\/values\.yaml:/), expect.stringMatching(/^Job batch\/batch-migrate .* but Linkerd 2\.18 supports native sidecars \(alpha\) when opted in with config\.alpha\.linkerd\.io\/proxy-enable-native-sidecar, and it is not opted in:/)]]);

    // The Job kept out of the mesh: nothing left.
    writeFiles(root, { 'values/batch/values.yaml': values({ deployment: 'enabled', daemonset: 'enabled', job: 'disabled' }) });
    const fixed = await checkRendered(root);
    expect(meshFindings(fixed.out)).toEqual([]);

    // Linkerd 2.20 runs every proxy as a native sidecar: meshed Jobs finish.
    writeFiles(root, { 'values/batch/values.yaml': values({ job: 'enabled', cronjob: 'enabled' }), 'cluster.yaml': clusterFile(repo) + linkerd('2.20', '1.32') });
    const native = await checkRendered(root);
    expect(meshFindings(native.out)).toEqual([]);
  });
});
