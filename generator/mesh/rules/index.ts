import type { MeshRule } from '../types.js';
import { eckAutomount } from './eck-automount.js';
import { ingressControllerNamespace } from './ingress-controller-namespace.js';
import { jobProxyShutdown } from './job-proxy-shutdown.js';
import { longhornInstallTime } from './longhorn-install-time.js';
import { modeNotAllowed } from './mode-not-allowed.js';
import { namespaceJobs } from './namespace-jobs.js';
import { needsControlPlane } from './needs-control-plane.js';
import { neverMeshWorkload } from './never-mesh-workload.js';
import { nginxServiceUpstream } from './nginx-service-upstream.js';
import { tempoCollectorNames } from './tempo-collector-names.js';
import { tracingCollectorMeshed } from './tracing-collector-meshed.js';
import { traefikIngressMode } from './traefik-ingress-mode.js';
import { traefikSkipApiPort } from './traefik-skip-api-port.js';
import { unknownChartMode } from './unknown-chart-mode.js';

/** Every mesh rule, run by `applyMesh` on each app and cluster. Add one by adding its file and one line here. */
export const MESH_RULES: readonly MeshRule[] = [
  modeNotAllowed,
  unknownChartMode,
  namespaceJobs,
  traefikIngressMode,
  traefikSkipApiPort,
  ingressControllerNamespace,
  longhornInstallTime,
  nginxServiceUpstream,
  neverMeshWorkload,
  eckAutomount,
  tracingCollectorMeshed,
  tempoCollectorNames,
  jobProxyShutdown,
  needsControlPlane,
];
