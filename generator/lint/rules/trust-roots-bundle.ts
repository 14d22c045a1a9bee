import type { Diagnostic } from '../../model/diagnostics.js';
import { TRUST_ROOTS } from '../../components/linkerd-identity.js';
import { at, atSetting, finding, fromTemplate, preferConfigIfIdentical, type Where } from '../blame.js';
import { valueAt } from '../../core/value-at.js';
import { appConfig, appsOn, labelsOf, list, obj, str, stringMap, treeOf, type ArgoApp, type LintTree, type TreeObject } from '../tree.js';
import type { LintContext, LintRule } from '../types.js';

const KEY = 'ca-bundle.crt';

/**
 * With `identity.externalCA: true` the chart does not write ConfigMap linkerd-identity-trust-roots
 * and the identity controller waits for trust-manager's Bundle to write it into the control-plane
 * namespace (key ca-bundle.crt). With externalCA false the chart writes that ConfigMap itself, and a
 * Bundle targeting it would fight Argo CD over its content forever.
 */
export const trustRootsBundle: LintRule = {
  id: 'trust-roots-bundle',
  scope: 'tree',
  severity: 'error',
  title: 'identity.externalCA and the trust-manager Bundle linkerd-identity-trust-roots disagree on a cluster',
  hint: 'settings.linkerd.trustAnchor.mode: trust-manager (externalCA: true plus the Bundle) or pem (externalCA: false, no Bundle)',
  docs: 'lint-rules.md#trust-roots-bundle',
  check(ctx) {
    const t = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const cp of t.apps.filter((a) => a.chart === 'linkerd-control-plane')) {
      const ns = cp.destinationNamespace ?? 'linkerd';
      const labels = namespaceLabels(t, cp.cluster, ns);
      const bundles = appsOn(t, cp.cluster)
        .flatMap((a) => a.deployed)
        .filter((o, i, all) => o.group === 'trust.cert-manager.io' && o.kind === 'Bundle' && o.name === TRUST_ROOTS && all.indexOf(o) === i);
      const targets = bundles.filter((b) => selects(obj(obj(b.data['spec'])['target'])['namespaceSelector'], labels));
      const onCluster = `on cluster ${cp.cluster ?? '?'}`;
      if (valueAt(cp.values, ['identity', 'externalCA']) === true) {
        if (!bundles.length) {
          out.push(finding(this, externalCaWhere(ctx, cp), `${cp.name} runs with identity.externalCA: true, but no trust-manager Bundle ${TRUST_ROOTS} is deployed ${onCluster}; the identity controller waits forever for ConfigMap ${TRUST_ROOTS}`, 'deploy the linkerd-identity app (with trust-manager) on this cluster, or set settings.linkerd.trustAnchor.mode: pem'));
          continue;
        }
        if (!targets.length) {
          for (const b of bundles) {
            out.push(finding(this, bundleWhere(ctx, b, '/spec/target/namespaceSelector'), `Bundle ${TRUST_ROOTS} (${b.file}) does not select namespace ${ns} (labels ${fmt(labels)}), where ${cp.name} expects ConfigMap ${TRUST_ROOTS} ${onCluster}`, `select a label namespace ${ns} carries, e.g. linkerd.io/is-control-plane: "true"`));
          }
          continue;
        }
        for (const b of targets) {
          const key = str(obj(obj(obj(b.data['spec'])['target'])['configMap'])['key']);
          if (key !== KEY) {
            out.push(finding(this, bundleWhere(ctx, b, '/spec/target/configMap'), `Bundle ${TRUST_ROOTS} writes key ${key === undefined ? '(none)' : `'${key}'`}, but Linkerd reads ${KEY} from ConfigMap ${TRUST_ROOTS}`, `target: {configMap: {key: ${KEY}}}`));
          }
        }
      } else {
        for (const b of targets) {
          out.push(
            finding(
              this,
              conflictWhere(ctx, cp, b),
              `Bundle ${TRUST_ROOTS} writes ConfigMap ${TRUST_ROOTS} into namespace ${ns} ${onCluster}, but ${cp.name} runs with identity.externalCA false, so the chart writes that ConfigMap too: Argo CD and trust-manager would overwrite each other`,
              'set settings.linkerd.trustAnchor.mode: trust-manager (identity.externalCA: true), or remove the Bundle',
            ),
          );
        }
      }
    }
    return out;
  },
};

/**
 * Labels the namespace will carry: a Namespace object deployed on the cluster wins (it overrides
 * managedNamespaceMetadata), otherwise managedNamespaceMetadata of apps creating the namespace.
 */
export function namespaceLabels(t: LintTree, cluster: string | undefined, ns: string): Record<string, string> {
  const apps = appsOn(t, cluster);
  const object = apps.flatMap((a) => a.deployed).find((o) => o.group === '' && o.kind === 'Namespace' && o.name === ns);
  if (object) return labelsOf(object);
  const out: Record<string, string> = {};
  for (const a of apps) {
    if (a.destinationNamespace !== ns) continue;
    const policy = obj(a.spec['syncPolicy']);
    if (!list(policy['syncOptions']).includes('CreateNamespace=true')) continue;
    Object.assign(out, stringMap(obj(policy['managedNamespaceMetadata'])['labels']));
  }
  return out;
}

/** A Kubernetes label selector; a missing selector selects everything (trust-manager: all namespaces). */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (selector === undefined || selector === null) return true;
  const s = obj(selector);
  for (const [k, v] of Object.entries(obj(s['matchLabels']))) if (labels[k] !== String(v)) return false;
  for (const e of list(s['matchExpressions'])) {
    const key = str(obj(e)['key']) ?? '';
    const op = str(obj(e)['operator']);
    const values = list(obj(e)['values']).map(String);
    const has = key in labels;
    if (op === 'In' && !(has && values.includes(labels[key]!))) return false;
    if (op === 'NotIn' && has && values.includes(labels[key]!)) return false;
    if (op === 'Exists' && !has) return false;
    if (op === 'DoesNotExist' && has) return false;
  }
  return true;
}

function fmt(labels: Record<string, string>): string {
  const e = Object.entries(labels);
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(', ') : 'none';
}

/** identity.externalCA comes from trustAnchor.mode unless the values template sets it. */
function externalCaWhere(ctx: LintContext, cp: ArgoApp): Where {
  const file = cp.valueFiles[cp.valueFiles.length - 1];
  const doc = file ? ctx.documents.find((d) => d.file === file) : undefined;
  const generated = doc ? at(ctx, doc, '/identity/externalCA') : at(ctx, cp.object, cp.specPointer);
  const fromMode = appConfig(ctx, cp.app)?.component === 'linkerd-control-plane' ? atSetting(ctx, cp.cluster, ['linkerd', 'trustAnchor', 'mode']) : undefined;
  return preferConfigIfIdentical(ctx, generated, doc ? fromTemplate(ctx, doc, '/identity/externalCA') : undefined, fromMode);
}

/** A values template that turned externalCA off is the likelier mistake than the Bundle. */
function conflictWhere(ctx: LintContext, cp: ArgoApp, b: TreeObject): Where {
  const file = cp.valueFiles[cp.valueFiles.length - 1];
  const doc = file ? ctx.documents.find((d) => d.file === file) : undefined;
  return preferConfigIfIdentical(ctx, at(ctx, b, '/metadata/name'), doc ? fromTemplate(ctx, doc, '/identity/externalCA') : undefined, fromTemplate(ctx, b, '/metadata/name'));
}

function bundleWhere(ctx: LintContext, b: TreeObject, pointer: string): Where {
  return preferConfigIfIdentical(ctx, at(ctx, b, pointer), fromTemplate(ctx, b, pointer));
}
