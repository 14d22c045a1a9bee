import { argocdChecksHealth } from '../model/argocd-health.js';
import { globMatch } from './glob.js';

/**
 * Kinds Argo CD judges in Go (gitops-engine's health checks), on every release the generator
 * targets. The Lua checks Argo CD ships, which depend on the release, are the table in
 * `model/argocd-health.ts`.
 * `argoproj.io/Application` is in neither: Argo CD 1.8 removed its check, so it only has one when
 * argocd-cm in the tree adds it.
 */
const GO_HEALTH = new Set([
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  '/Pod',
  '/Service',
  '/PersistentVolumeClaim',
  'batch/Job',
  'networking.k8s.io/Ingress',
  'extensions/Ingress',
  'autoscaling/HorizontalPodAutoscaler',
  'apiregistration.k8s.io/APIService',
  'argoproj.io/Workflow',
]);

/**
 * Kinds that are done the moment the API server stores them (configuration, policy, RBAC): no
 * health check could make a wave wait for anything, so they never need one. Everything not listed
 * here or above (trust-manager Bundle, linkerd.io and policy.linkerd.io kinds, Traefik routes,
 * unknown CRDs) is reconciled by a controller and needs a check before a wave boundary means anything.
 */
const NO_READINESS = new Set([
  '/ConfigMap',
  '/Secret',
  '/ServiceAccount',
  '/Namespace',
  '/LimitRange',
  '/ResourceQuota',
  '/Endpoints',
  'discovery.k8s.io/EndpointSlice',
  'batch/CronJob',
  'rbac.authorization.k8s.io/*',
  'admissionregistration.k8s.io/*',
  'networking.k8s.io/NetworkPolicy',
  'networking.k8s.io/IngressClass',
  'policy/PodDisruptionBudget',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'node.k8s.io/RuntimeClass',
  'argoproj.io/AppProject',
  'monitoring.coreos.com/PodMonitor',
  'monitoring.coreos.com/ServiceMonitor',
  'monitoring.coreos.com/PrometheusRule',
  'monitoring.coreos.com/Probe',
  'monitoring.coreos.com/ScrapeConfig',
  'monitoring.coreos.com/AlertmanagerConfig',
  // External Secrets generators are parameters an ExternalSecret calls: no controller reconciles
  // them and they have no status, so there is nothing to wait for (the ExternalSecret using one
  // has Argo CD's built-in check).
  'generators.external-secrets.io/*',
  ...['traefik.io', 'traefik.containo.us'].flatMap((g) => ['Middleware', 'MiddlewareTCP', 'TLSOption', 'TLSStore', 'ServersTransport', 'ServersTransportTCP'].map((k) => `${g}/${k}`)),
]);

function inTable(table: ReadonlySet<string>, group: string, kind: string): boolean {
  return table.has(`${group}/${kind}`) || table.has(`${group}/*`);
}

/** Whether Argo CD `argocdVersion` judges the kind's readiness on its own, well enough for a sync wave. */
export function hasBuiltInHealth(group: string, kind: string, argocdVersion: string): boolean {
  return inTable(GO_HEALTH, group, kind) || argocdChecksHealth(group, kind, argocdVersion);
}

export function needsNoHealth(group: string, kind: string): boolean {
  return inTable(NO_READINESS, group, kind);
}

const HEALTH_KEY = /^resource\.customizations\.health\.(.+)_([^_]+)$/;

/**
 * `group/kind` patterns with a health check in an argocd-cm `data` map: the per-key form
 * `resource.customizations.health.<group>_<kind>` and the legacy nested `resource.customizations`
 * block (`<group>/<kind>: {health.lua: ...}`), whose YAML text is passed in already parsed.
 */
export function healthChecksIn(data: Record<string, unknown>, legacy: unknown): string[] {
  const out: string[] = [];
  for (const key of Object.keys(data)) {
    const m = HEALTH_KEY.exec(key);
    if (m) out.push(`${m[1]}/${m[2]}`);
  }
  if (legacy && typeof legacy === 'object' && !Array.isArray(legacy)) {
    for (const [gk, v] of Object.entries(legacy as Record<string, unknown>)) {
      if (v && typeof v === 'object' && 'health.lua' in v) out.push(gk.includes('/') ? gk : `/${gk}`);
    }
  }
  return out;
}

/** Whether one of the patterns (argocd-cm keys may use `*`) covers the group and kind. */
export function coveredBy(patterns: readonly string[], group: string, kind: string): boolean {
  return patterns.some((p) => {
    const slash = p.lastIndexOf('/');
    return globMatch(p.slice(0, slash), group) && globMatch(p.slice(slash + 1), kind);
  });
}
