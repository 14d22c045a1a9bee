import type { ArgoCDConfig, DeclaredInput, PlatformSettings, RenderConfig, RepoCredentials, SyncConfig } from './config.js';
import type { SecretInput } from './config-input.js';

/**
 * The built-in defaults of the config, filled in by the normaliser (`load/normalise.ts`) and
 * `plan`. The JSON Schemas of `schemas/config/` repeat them as `default`s for editors; a test holds
 * the two together.
 */

/** `repo.targetRevision`. */
export const DEFAULT_TARGET_REVISION = 'main';

/** `repo.credentials`, when a private repository gives none of its fields. */
export function defaultRepoCredentials(): RepoCredentials {
  return { secretName: 'gitops-repo', auth: 'https' };
}

/** The optional fields of a declared input (`settings.inputs` entry). */
export const INPUT_DEFAULTS = { type: 'Opaque', description: '' } as const;

/** A declared input with its optional fields filled in. */
export function filledInput(i: SecretInput): DeclaredInput {
  return { namespace: i.namespace, name: i.name, keys: [...i.keys], files: [...(i.files ?? [])], type: i.type ?? INPUT_DEFAULTS.type, labels: { ...(i.labels ?? {}) }, description: i.description ?? INPUT_DEFAULTS.description };
}

/** `render:` in cluster.yaml: hydrated output is opt-in (it adds a folder to every pull request). */
export function defaultRender(): RenderConfig {
  return { hydrate: false };
}

export function defaultArgoCD(): ArgoCDConfig {
  return { namespace: 'argocd', version: DEFAULT_ARGOCD_VERSION, rootProject: 'bootstrap', progressiveSyncs: false, stages: [], stageLabel: 'stage', maxUpdate: 1 };
}

/** Defaults of an app file that are constants (its namespace defaults to the app name, its mesh mode to its recipe's). */
export const APP_DEFAULTS = {
  description: '',
  project: 'platform',
  dependsOn: [],
  clusters: 'all',
  namespaceObject: false,
  /** Of each `ingress:` entry. */
  ingressPath: '/',
} as const;

/**
 * The Argo CD minor release the tree targets unless `argocd.version` says otherwise: the one the
 * shipped argo-cd chart deploys (chart 10.1.x, Argo CD v3.4). It decides which health checks
 * argocd-cm must carry (`model/argocd-health.ts`).
 */
export const DEFAULT_ARGOCD_VERSION = '3.4';

/**
 * Built-in platform settings: what a Raspberry Pi cluster running the shipped Linkerd stack uses
 * unless `cluster.yaml` says otherwise. Values follow the reference install (cert-manager as CA,
 * trust-manager for the trust roots, kube-prometheus-stack release `kube-prometheus-stack`).
 */
export function defaultSettings(): PlatformSettings {
  return {
    domain: 'cluster.local',
    kubernetesVersion: '1.32',
    ingress: { controller: 'traefik', className: '', namespace: '', entryPoint: 'websecure' },
    certManager: {
      namespace: 'cert-manager',
      selfSignedIssuer: 'self-signed-issuer',
      caIssuer: 'ca-issuer',
      ingressIssuer: 'ca-issuer',
      rootCA: {
        name: 'root-ca',
        secretName: 'root-ca',
        commonName: 'root.linkerd.cluster.local',
        // A trust anchor that silently renews breaks every meshed pod; make it long-lived.
        duration: '87600h0m0s',
        renewBefore: '8760h0m0s',
      },
    },
    linkerd: {
      version: '2.20',
      namespace: 'linkerd',
      trustAnchor: { mode: 'trust-manager' },
      identityIssuer: { duration: '48h0m0s', renewBefore: '25h0m0s' },
      webhookCerts: 'cert-manager',
      heartbeatSchedule: '0 0 * * *',
      viz: { host: '', basicAuthSecret: '' },
    },
    monitoring: {
      namespace: 'monitoring',
      prometheusRelease: 'kube-prometheus-stack',
      prometheusUrl: 'http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090',
      grafanaUrl: 'kube-prometheus-stack-grafana.monitoring.svc.cluster.local',
      grafanaExternalUrl: '',
    },
    tracing: {
      enabled: true,
      collector: { service: 'tempo', namespace: 'tracing', port: 4317, serviceAccount: 'tempo' },
    },
    secrets: { inboxNamespace: 'secrets-inbox', inboxSecret: 'platform-inputs', store: 'inbox' },
    inputs: [],
    vars: {},
  };
}

export function defaultSync(): SyncConfig {
  return {
    prune: true,
    selfHeal: true,
    serverSideApply: false,
    skipDryRunOnMissingResource: false,
    respectIgnoreDifferences: false,
    createNamespace: true,
    retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
  };
}
