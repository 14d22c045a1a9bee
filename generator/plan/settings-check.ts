import type { Diagnostic } from '../model/diagnostics.js';
import type { ResolvedCluster } from '../model/config.js';
import { CLUSTER_FILE } from '../model/files.js';
import { closest } from '../core/suggest.js';
import { SUPPORTED_LINKERD_VERSIONS, getRelease, isLinkerdVersionId, kubernetesFit } from '../linkerd/versions.js';

/**
 * Settings that only make sense together, checked once per cluster that runs Linkerd: a supported
 * Linkerd version that the cluster's Kubernetes can run, and a trust anchor PEM when the pem path
 * is chosen. `overridden` says whether the cluster sets the key itself (for the pointer).
 */
export function checkLinkerdSettings(cluster: ResolvedCluster, index: number, overridden: (path: string[]) => boolean): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const l = cluster.settings.linkerd;
  const where = (path: string[]) =>
    overridden(path) ? `/clusters/${index}/settings/${path.join('/')}` : `/defaults/${path.join('/')}`;
  if (!isLinkerdVersionId(l.version)) {
    const guess = closest(l.version, SUPPORTED_LINKERD_VERSIONS);
    diags.push({
      severity: 'error',
      code: 'config/linkerd-version',
      file: CLUSTER_FILE,
      pointer: where(['linkerd', 'version']),
      message: `cluster '${cluster.name}': unsupported Linkerd version '${l.version}'${guess ? `; did you mean '${guess}'?` : ''}`,
      hint: `supported versions: ${SUPPORTED_LINKERD_VERSIONS.join(', ')} (quote them: "2.20")`,
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
  return diags;
}
