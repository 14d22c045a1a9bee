import { INJECT } from '../annotations.js';
import { meshFacts, modeAllowed } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { podFactsOf, runsNativeSidecar } from '../pod-injection.js';
import { isRunToCompletion, podInject, podTemplateOf, usesLinkerdAwait } from '../workloads.js';
import { finding, meshes } from './diagnostic.js';

/**
 * A Job or CronJob of the app's own manifests that will get a classic sidecar proxy: it never
 * completes unless its command runs through `linkerd-await --shutdown`.
 */
export const jobProxyShutdown: MeshRule = {
  id: 'job-proxy-shutdown',
  scope: 'instance',
  severity: 'warning',
  title: 'a meshed Job/CronJob from the resources templates, without native sidecars and without linkerd-await --shutdown, never completes',
  hint: 'use native sidecars, or run the command through linkerd-await --shutdown',
  docs: 'meshing.md#rules',
  check({ instance, manifests }) {
    const { mode, recipe, nativeSidecar } = meshFacts(instance, manifests);
    const meshedNamespace = mode === 'namespace' && modeAllowed(recipe, mode);
    const out = [];
    for (const o of manifests) {
      if (!isRunToCompletion(o)) continue;
      const inject = podInject(o);
      const meshed = meshes(inject) || (meshedNamespace && inject !== 'disabled');
      if (!meshed || usesLinkerdAwait(o)) continue;
      // Namespace mode opts the namespace in to native sidecars where they are not the default (applyMesh).
      const optIn = meshedNamespace && !nativeSidecar.byDefault && nativeSidecar.annotation !== undefined ? { [nativeSidecar.annotation]: 'true' } : {};
      if (runsNativeSidecar(nativeSidecar, podFactsOf(podTemplateOf(o)), { annotations: optIn, labels: {} })) continue;
      out.push(
        finding(
          this,
          instance,
          '/resources',
          `${o.kind} ${o.metadata.name} gets a Linkerd proxy but ${nativeSidecar.reason}: the proxy keeps running after the job's container exits, so it never completes`,
          `start the command with 'linkerd-await --shutdown -- <cmd>' (the linkerd-await binary must be in the image, and the control plane needs proxy.enableShutdownEndpoint: true), or set ${INJECT}: disabled on its pod template`,
        ),
      );
    }
    return out;
  },
};
