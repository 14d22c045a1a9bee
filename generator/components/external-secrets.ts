import { CLUSTER_RBAC, CRD, VALIDATING_WEBHOOK } from './kinds.js';
import type { ClusterSecretStore, K8sObject, Role, RoleBinding, ServiceAccount } from '../model/k8s.js';
import { groupOf } from '../model/k8s.js';
import { ESO_API, EXTERNAL_SECRETS_COMPONENT, inboxSecret } from './eso-objects.js';
import type { Component, ComponentContext } from './types.js';

/** The ServiceAccount whose token the ClusterSecretStore reads the inbox with. */
export const INBOX_READER = 'eso-inbox-reader';

/** The keys of the inbox Secret a private repository's credentials are kept under. */
export const REPO_INBOX_KEYS = { https: { username: 'repo-username', password: 'repo-password' }, ssh: { sshPrivateKey: 'repo-ssh-private-key' } } as const;

/**
 * External Secrets Operator, and the one store of values from outside: a ClusterSecretStore with
 * the `kubernetes` provider reading the inbox namespace (`settings.secrets`), which the operator
 * fills once at bootstrap. Its webhook certificate comes from the cluster CA when cert-manager runs
 * on the cluster (one Deployment less than the chart's cert-controller, and nothing random in the
 * render). The store admits only the namespaces whose ExternalSecrets use it (filled in once the
 * whole tree is rendered). For a private repository it also keeps Argo CD's repository Secret.
 */
export const externalSecrets: Component = {
  id: EXTERNAL_SECRETS_COMPONENT,
  summary: 'External Secrets Operator with cert-manager webhook certificates, and the ClusterSecretStore reading the secrets inbox',
  contribute(ctx) {
    const s = ctx.settings.secrets;
    const certManager = ctx.appWithComponent('cert-manager');
    const values: Record<string, unknown> = { installCRDs: true };
    if (certManager) {
      values['webhook'] = {
        certManager: {
          enabled: true,
          addInjectorAnnotations: true,
          cert: { create: true, issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: ctx.settings.certManager.caIssuer } },
        },
      };
    }
    const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: INBOX_READER, namespace: s.inboxNamespace } };
    const role: Role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: INBOX_READER, namespace: s.inboxNamespace },
      rules: [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
        // The provider checks its own permissions with a SelfSubjectRulesReview.
        { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectrulesreviews'], verbs: ['create'] },
      ],
    };
    const binding: RoleBinding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: INBOX_READER, namespace: s.inboxNamespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: INBOX_READER },
      subjects: [{ kind: 'ServiceAccount', name: INBOX_READER, namespace: s.inboxNamespace }],
    };
    const store: ClusterSecretStore = {
      apiVersion: ESO_API,
      kind: 'ClusterSecretStore',
      metadata: { name: s.store },
      spec: {
        provider: {
          kubernetes: {
            remoteNamespace: s.inboxNamespace,
            server: { caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace: s.inboxNamespace } },
            auth: { serviceAccount: { name: INBOX_READER, namespace: s.inboxNamespace } },
          },
        },
        conditions: [{ namespaces: [] }],
      },
    };
    const manifests: K8sObject[] = [store, sa, role, binding];
    const repo = repositorySecret(ctx);
    if (repo) manifests.push(repo);
    return {
      values,
      manifests,
      // Two of the CRDs are larger than the 256 KiB last-applied annotation allows; the store is
      // applied in the same sync as its CRD.
      sync: { serverSideApply: true, skipDryRunOnMissingResource: true },
      clusterResources: [CRD, ...CLUSTER_RBAC, VALIDATING_WEBHOOK],
    };
  },
  complete(app, _ctx, tree) {
    // Least privilege: only namespaces holding an ExternalSecret that reads this store may use it.
    const manifests = app.manifests.map((m) => {
      if (m.kind !== 'ClusterSecretStore' || groupOf(m.apiVersion) !== 'external-secrets.io') return m;
      const namespaces = [...new Set(tree.manifestsOnCluster.filter((o) => readsStore(o, m.metadata.name)).map((o) => o.metadata.namespace ?? ''))].filter(Boolean).sort();
      const store = structuredClone(m) as ClusterSecretStore;
      store.spec.conditions = [{ namespaces }];
      return store;
    });
    return { values: app.values, manifests };
  },
};

function readsStore(o: K8sObject, store: string): boolean {
  if (o.kind !== 'ExternalSecret' || groupOf(o.apiVersion) !== 'external-secrets.io') return false;
  const ref = (o as { spec?: { secretStoreRef?: { kind?: string; name?: string } } }).spec?.secretStoreRef;
  return ref?.kind === 'ClusterSecretStore' && ref.name === store;
}

/**
 * A private repository: Argo CD must read git before ESO runs, so the repository Secret is
 * created once by hand at bootstrap (a declared input) and this ExternalSecret only keeps it in
 * step with the inbox (`Merge`: it never creates or deletes it, so losing the ExternalSecret can
 * never cut Argo CD off from its own repository).
 */
function repositorySecret(ctx: ComponentContext) {
  const creds = ctx.repo.credentials;
  if (!creds) return undefined;
  const keys: Record<string, string> = { ...REPO_INBOX_KEYS[creds.auth] };
  const data: Record<string, string> = { type: 'git', url: ctx.repo.url };
  for (const k of Object.keys(keys)) data[k] = `{{ .${k} }}`;
  return inboxSecret({
    name: creds.secretName,
    namespace: ctx.argocd.namespace,
    settings: ctx.settings,
    keys,
    creationPolicy: 'Merge',
    template: { engineVersion: 'v2', metadata: { labels: { 'argocd.argoproj.io/secret-type': 'repository' } }, data },
  });
}
