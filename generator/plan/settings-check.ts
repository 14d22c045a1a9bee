import type { Diagnostic } from '../model/diagnostics.js';
import type { ResolvedCluster } from '../model/config.js';
import { CLUSTER_FILE } from '../model/files.js';
import { closest } from '../core/suggest.js';
import { SUPPORTED_LINKERD_VERSIONS, getRelease, isLinkerdVersionId, kubernetesFit } from '../linkerd/versions.js';
import { trustAnchorProblems } from './trust-anchor.js';

/**
 * Settings that only make sense together, checked once per cluster that runs Linkerd: a supported
 * Linkerd version that the cluster's Kubernetes can run, and a usable trust anchor PEM when the pem
 * path is chosen (valid at `now`). `overridden` says whether the cluster sets the key itself (for the pointer).
 */
export function checkLinkerdSettings(cluster: ResolvedCluster, index: number, overridden: (path: string[]) => boolean, now: Date = new Date()): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const l = cluster.settings.linkerd;
  const where = (path: string[]) =>
    overridden(path) ? `/clusters/${index}/settings/${path.join('/')}` : `/defaults/${path.join('/')}`;
  if (!isLinkerdVersionId(l.version)) {
    // Suggest only a version this cluster's Kubernetes runs: any other would fail the next check.
    const k8s = cluster.settings.kubernetesVersion;
    const fitting = SUPPORTED_LINKERD_VERSIONS.filter((v) => ['supported', 'untested'].includes(kubernetesFit(getRelease(v), k8s).verdict));
    const guess = closest(l.version, fitting);
    diags.push({
      severity: 'error',
      code: 'config/linkerd-version',
      file: CLUSTER_FILE,
      pointer: where(['linkerd', 'version']),
      message: `cluster '${cluster.name}': unsupported Linkerd version '${l.version}'${guess ? `; did you mean '${guess}'?` : ''}`,
      hint: `supported versions: ${SUPPORTED_LINKERD_VERSIONS.join(', ')}; on Kubernetes ${k8s}: ${fitting.join(', ') || 'none'} (quote the version)`,
    });
    return diags;
  }
  const fit = kubernetesFit(getRelease(l.version), cluster.settings.kubernetesVersion);
  if (fit.verdict === 'refused' || fit.verdict === 'unsupported') {
    diags.push({
      severity: fit.verdict === 'refused' ? 'error' : 'warning',
      code: 'config/kubernetes-version',
      file: CLUSTER_FILE,
      pointer: where(['kubernetesVersion']),
      message: `cluster '${cluster.name}': ${fit.reason}`,
      hint: 'pick a Linkerd version that supports the cluster, or upgrade the cluster first',
    });
  }
  if (l.trustAnchor.mode === 'pem' && !l.trustAnchor.pem) {
    diags.push({
      severity: 'error',
      code: 'config/trust-anchor',
      file: CLUSTER_FILE,
      pointer: where(['linkerd', 'trustAnchor']),
      message: `cluster '${cluster.name}': trustAnchor.mode is 'pem' but no trustAnchor.pem is given`,
      hint: "paste the trust anchor's public certificate (never its key), or use mode: trust-manager",
    });
  }
  if (l.trustAnchor.mode === 'pem' && l.trustAnchor.pem) {
    for (const problem of trustAnchorProblems(l.trustAnchor.pem, now)) {
      diags.push({
        severity: 'error',
        code: 'config/trust-anchor',
        file: CLUSTER_FILE,
        pointer: where(['linkerd', 'trustAnchor', 'pem']),
        message: `cluster '${cluster.name}': the trust anchor PEM is not usable: ${problem}`,
        hint: 'paste the public certificate of your root CA: a CA certificate (CA:TRUE) that has not expired, with an ECDSA P-256 or RSA >= 2048 key; its certificate and key go into the declared input Secret certManager.rootCA.secretName',
      });
    }
  }
  return diags;
}

/**
 * ingress-nginx reached the end of its maintenance in March 2026 (announced by Kubernetes SIG
 * Network in November 2025; no more releases or security fixes). It stays supported here, but a
 * cluster choosing it as its ingress controller gets a warning, once per place that sets it.
 * Deploying the chart next to Traefik (the shipped default) is not warned about.
 */
export function checkIngressSettings(clusters: readonly ResolvedCluster[], overridden: (cluster: string, path: string[]) => boolean): Diagnostic[] {
  const path = ['ingress', 'controller'];
  const byPointer = new Map<string, string[]>();
  clusters.forEach((cluster, i) => {
    if (cluster.settings.ingress.controller !== 'nginx') return;
    const pointer = overridden(cluster.name, path) ? `/clusters/${i}/settings/${path.join('/')}` : `/defaults/${path.join('/')}`;
    byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), cluster.name]);
  });
  return [...byPointer].map(([pointer, names]) => ({
    severity: 'warning',
    code: 'config/ingress-nginx-retired',
    file: CLUSTER_FILE,
    pointer,
    message: `${names.length === 1 ? 'cluster' : 'clusters'} ${names.map((n) => `'${n}'`).join(', ')}: ingress-nginx is retired (no releases or security fixes since March 2026; its last chart is 4.15.1)`,
    hint: 'use ingress.controller: traefik (the default); ingress-nginx keeps working until you move',
  }));
}
