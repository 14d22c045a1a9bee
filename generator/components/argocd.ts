import { CLUSTER_RBAC, CRD } from './kinds.js';
import { deepMerge, isPlainObject } from '../core/merge.js';
import { valueAt } from '../core/value-at.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Component, ValuesLocation } from './types.js';

/**
 * The Helm release of Argo CD: the bootstrap `helm install argocd ...` and the Application that
 * adopts it must agree on it, since every object name and the `app.kubernetes.io/instance` label
 * come from it.
 */
export const ARGOCD_RELEASE = 'argocd';

/** The component id apps use for Argo CD itself. */
export const ARGOCD_COMPONENT = 'argocd';

/** Keys of `configs.repositories` / `configs.credentialTemplates` entries that hold a credential. */
const CREDENTIAL_KEYS = ['password', 'sshPrivateKey', 'githubAppPrivateKey', 'tlsClientCertKey', 'bearerToken', 'gcpServiceAccountKey'];

/**
 * Argo CD as an app of its own tree (the argo-cd chart). The bootstrap installs the same chart
 * version with the same values file under the same release name, so the Application adopts that
 * release: the first sync only adds Argo CD's tracking annotations.
 *
 * - `configs.cm` carries every health check the tree needs (filled in by `complete`, once the
 *   whole tree is rendered); nothing else writes those argocd-cm keys.
 * - `configs.params` turns on Progressive Syncs when `argocd.progressiveSyncs` is set.
 * - Dex runs only when `configs.cm."dex.config"` configures it.
 * - No repository credentials in values (the chart would render them into a Secret in git), and
 *   no `configs.secret.argocdServerAdminPassword` (the chart then renders its mtime from `now`,
 *   so two renders differ).
 * - Server-side apply (the ApplicationSet CRD is larger than the 256 KiB annotation limit), and
 *   no resources finalizer: deleting the Application must never delete Argo CD.
 */
export const argocd: Component = {
  id: ARGOCD_COMPONENT,
  summary: 'Argo CD itself: the bootstrap release (argocd), health checks in configs.cm, Progressive Syncs in configs.params',
  contribute(ctx) {
    return {
      releaseName: ARGOCD_RELEASE,
      values: ctx.argocd.progressiveSyncs ? { configs: { params: { 'applicationsetcontroller.enable.progressive.syncs': 'true' } } } : {},
      sync: { serverSideApply: true },
      finalizer: false,
      clusterResources: [CRD, ...CLUSTER_RBAC],
    };
  },
  checkValues(values, ctx, where) {
    const out: Diagnostic[] = [];
    if (ctx.app.namespace !== ctx.argocd.namespace) {
      out.push({
        severity: 'error',
        code: 'config/argocd-namespace',
        file: ctx.app.file,
        pointer: '/namespace',
        message: `the argocd app deploys to namespace '${ctx.app.namespace}', but cluster.yaml says Argo CD runs in '${ctx.argocd.namespace}' (argocd.namespace)`,
        hint: `set namespace: ${ctx.argocd.namespace} (every Application and AppProject of the tree lives there)`,
      });
    }
    if (valueAt(values, ['configs', 'secret', 'argocdServerAdminPassword']) !== undefined) {
      out.push(valueFinding(where, ['configs', 'secret', 'argocdServerAdminPassword'], 'configs.secret.argocdServerAdminPassword is set: the chart then renders admin.passwordMtime from the current time, so every render differs, and the hash would be in git', 'leave it out: Argo CD writes a random first password to argocd-initial-admin-secret; change it with `argocd account update-password`'));
    }
    for (const section of ['repositories', 'credentialTemplates']) {
      const entries = valueAt(values, ['configs', section]);
      if (!isPlainObject(entries)) continue;
      for (const [name, entry] of Object.entries(entries)) {
        const key = isPlainObject(entry) ? CREDENTIAL_KEYS.find((k) => entry[k] !== undefined && entry[k] !== '') : undefined;
        if (key) out.push(valueFinding(where, ['configs', section, name, key], `configs.${section}.${name}.${key} would be rendered into a Secret from a values file in git`, 'set repo.credentials in cluster.yaml instead: the repository Secret is then a bootstrap input kept up to date from the secrets inbox'));
      }
    }
    return out;
  },
  complete(app, _ctx, tree) {
    const values = deepMerge(app.values, { configs: { cm: { ...tree.healthChecks } } });
    const dex = valueAt(values, ['dex', 'enabled']);
    if (dex === undefined) values['dex'] = { ...(isPlainObject(values['dex']) ? values['dex'] : {}), enabled: valueAt(values, ['configs', 'cm', 'dex.config']) !== undefined };
    return { values, manifests: app.manifests };
  },
};

function valueFinding(where: ValuesLocation, path: string[], message: string, hint: string): Diagnostic {
  const pointer = '/' + path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  const pos = where.locate?.(pointer);
  return { severity: 'error', code: 'config/argocd-values', file: where.file, pointer, ...(pos ?? {}), message, hint };
}
