import { kubeMinor } from '../core/kube-version.js';
import { getRelease, isLinkerdVersionId } from '../linkerd/versions.js';

/**
 * Whether the proxy can run as a Kubernetes native sidecar (an init container with
 * `restartPolicy: Always`), which is what lets meshed Jobs and CronJobs finish: the kubelet stops
 * the sidecar when the main containers exit.
 *
 * Which releases get what (facts from `linkerd/releases.ts`):
 * - 2.14: no native sidecar support; meshed Jobs need a fix (inject disabled, or `linkerd-await`).
 * - 2.15–2.18: opt-in with `config.alpha.linkerd.io/proxy-enable-native-sidecar: "true"`.
 * - 2.19: opt-in with `config.beta.linkerd.io/proxy-enable-native-sidecar: "true"`.
 * - 2.20 and later edge: `config.linkerd.io/proxy-enable-native-sidecar`, on by default
 *   (chart `proxy.nativeSidecar: true`), so nothing needs to be set.
 * All of them need Kubernetes >= 1.29 (SidecarContainers on by default).
 */
export interface NativeSidecarSupport {
  /** Linkerd release and cluster both allow native sidecars. */
  available: boolean;
  /** The release turns them on for every pod (2.20+), so no annotation is needed. */
  byDefault: boolean;
  /** The opt-in/opt-out annotation of this release, when it has one. */
  annotation?: string;
  /** One sentence for messages and docs. */
  reason: string;
}

export function nativeSidecarSupport(linkerdVersion: string, kubernetesVersion: string): NativeSidecarSupport {
  if (!isLinkerdVersionId(linkerdVersion)) {
    return { available: false, byDefault: false, reason: `Linkerd version '${linkerdVersion}' is not in the version table` };
  }
  const release = getRelease(linkerdVersion);
  const facts = release.nativeSidecar;
  if (!facts) {
    return { available: false, byDefault: false, reason: `Linkerd ${release.id} has no native sidecar support` };
  }
  const minor = kubeMinor(kubernetesVersion);
  const needed = kubeMinor(facts.minKubernetes)!;
  if (minor === undefined || minor < needed) {
    return {
      available: false,
      byDefault: false,
      annotation: facts.annotation,
      reason: `native sidecars need Kubernetes >= ${facts.minKubernetes}; the cluster runs ${kubernetesVersion}`,
    };
  }
  return {
    available: true,
    byDefault: facts.chartDefault,
    annotation: facts.annotation,
    reason: facts.chartDefault
      ? `Linkerd ${release.id} runs the proxy as a native sidecar by default`
      : `Linkerd ${release.id} supports native sidecars (${facts.stage}) when opted in with ${facts.annotation}`,
  };
}
