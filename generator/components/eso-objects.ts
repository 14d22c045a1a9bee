import type { AppConfig, PlatformSettings } from '../model/config.js';
import type { ExternalSecret, ExternalSecretSpec, Password } from '../model/k8s.js';
import type { ComponentContext } from './types.js';

/** The component id of the External Secrets Operator app. */
export const EXTERNAL_SECRETS_COMPONENT = 'external-secrets';

export const ESO_API = 'external-secrets.io/v1';
export const ESO_GENERATORS_API = 'generators.external-secrets.io/v1alpha1';

/** The ESO app on the app's cluster, if the tree deploys External Secrets there. */
export function esoApp(ctx: Pick<ComponentContext, 'appWithComponent'>): AppConfig | undefined {
  return ctx.appWithComponent(EXTERNAL_SECRETS_COMPONENT);
}

/** Whether the cluster's `inputs:` declare the Secret: then the operator provides it and the tree must not. */
export function isDeclaredInput(settings: PlatformSettings, namespace: string, name: string): boolean {
  return settings.inputs.some((i) => i.namespace === namespace && i.name === name);
}

/**
 * Whether the tree should produce this Secret with External Secrets: ESO runs on the cluster and
 * the operator has not declared the Secret as an input of their own.
 */
export function producesWithEso(ctx: Pick<ComponentContext, 'appWithComponent' | 'settings'>, namespace: string, name: string): boolean {
  return esoApp(ctx) !== undefined && !isDeclaredInput(ctx.settings, namespace, name);
}

/**
 * A Secret generated once in the cluster: a Password generator and the ExternalSecret that writes
 * the target Secret from it. `data` are the Secret's keys as ESO templates (Go text/template with
 * Sprig; `.password` is the generated value). Generators are stateless, so the ExternalSecret
 * fetches once (`refreshPolicy: CreatedOnce`) and the Secret is immutable and orphaned: a prune and
 * re-create of the ExternalSecret by Argo CD never writes a new password over the old one.
 */
export function generatedSecret(opts: { name: string; namespace: string; data: Record<string, string> }): [Password, ExternalSecret] {
  const password: Password = {
    apiVersion: ESO_GENERATORS_API,
    kind: 'Password',
    metadata: { name: opts.name, namespace: opts.namespace },
    // No symbols: the value stays safe in htpasswd input, URLs and shells.
    spec: { length: 32, digits: 6, symbols: 0, noUpper: false, allowRepeat: true },
  };
  const es: ExternalSecret = {
    apiVersion: ESO_API,
    kind: 'ExternalSecret',
    metadata: { name: opts.name, namespace: opts.namespace },
    spec: {
      refreshPolicy: 'CreatedOnce',
      target: {
        name: opts.name,
        creationPolicy: 'Orphan',
        immutable: true,
        template: { engineVersion: 'v2', data: opts.data },
      },
      dataFrom: [{ sourceRef: { generatorRef: { apiVersion: ESO_GENERATORS_API, kind: 'Password', name: opts.name } } }],
    },
  };
  return [password, es];
}

/**
 * A Secret copied from the secrets inbox (the Secret `inboxSecret` in `inboxNamespace`, which the
 * operator fills once) through the ClusterSecretStore, refreshed hourly. `keys` maps each target
 * key to its key in the inbox Secret. `Owner`: the ExternalSecret owns the copy, which is safe
 * because the value lives in the inbox; `Merge` (for a Secret that must exist before ESO runs)
 * only updates a Secret created at bootstrap and never deletes it.
 */
export function inboxSecret(opts: {
  name: string;
  namespace: string;
  settings: PlatformSettings;
  keys: Record<string, string>;
  creationPolicy?: 'Owner' | 'Merge';
  template?: NonNullable<ExternalSecretSpec['target']>['template'];
}): ExternalSecret {
  const s = opts.settings.secrets;
  return {
    apiVersion: ESO_API,
    kind: 'ExternalSecret',
    metadata: { name: opts.name, namespace: opts.namespace },
    spec: {
      secretStoreRef: { kind: 'ClusterSecretStore', name: s.store },
      refreshInterval: '1h',
      target: { name: opts.name, creationPolicy: opts.creationPolicy ?? 'Owner', ...(opts.template ? { template: opts.template } : {}) },
      data: Object.entries(opts.keys).map(([secretKey, property]) => ({ secretKey, remoteRef: { key: s.inboxSecret, property } })),
    },
  };
}
