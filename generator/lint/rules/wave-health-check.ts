import type { Diagnostic } from '../../model/diagnostics.js';
import { at, finding } from '../blame.js';
import { hasBuiltInHealth, needsNoHealth } from '../kinds.js';
import { annotationsOf, describeApp, hasHealthCheck, planInstance, treeOf, waveOf, type ArgoApp, type LintTree, type TreeObject } from '../tree.js';
import type { LintContext, LintRule } from '../types.js';

/**
 * Argo CD counts an object without a health check as healthy the moment it exists, so a wave
 * boundary after it waits for nothing: the control plane would start before
 * trust-manager has written the trust roots. Two boundaries are checked: between the objects of
 * one app that carry sync waves (the root app's Applications), and between an app and the apps
 * that depend on it. Only objects in the tree are seen; what a Helm chart renders is not.
 */
export const waveHealthCheck: LintRule = {
  id: 'wave-health-check',
  scope: 'tree',
  severity: 'warning',
  title: 'a wave boundary follows an object kind Argo CD has no health check for',
  hint: 'ship a Lua health check for the kind in argocd-cm (resource.customizations.health.<group>_<kind>), or move the object into an app nothing depends on',
  docs: 'lint-rules.md#wave-health-check',
  check(ctx) {
    const t = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const a of t.apps) {
      const unchecked = a.deployed.filter((o) => !isHook(o) && !healthKnown(t, o, ctx.plan.config.rootConfig.argocd.version));
      if (!unchecked.length) continue;

      // Boundaries inside the app: objects of a lower wave than the app's last one.
      const last = Math.max(...a.deployed.map((o) => waveOf(o).wave));
      const early = unchecked.filter((o) => waveOf(o).wave < last);
      for (const [kind, objs] of byKind(early)) {
        out.push(
          finding(
            this,
            at(ctx, objs[0]!, '/kind'),
            `${describeApp(a)} syncs ${names(objs)} (${kind}) before sync wave ${last}, but Argo CD has no health check for ${kind}: the later wave does not wait for ${objs.length > 1 ? 'them' : 'it'}`,
            kind.startsWith('argoproj.io/') ? `add resource.customizations.health.${kind.replace('/', '_')} to argocd-cm (\`npm run generate\` writes it into the argocd app's configs.cm, or manifests/bootstrap/argocd-cm.yaml without one)` : undefined,
          ),
        );
      }

      // Boundaries between apps: later apps on the same cluster that depend on this one.
      const dependents = dependentsOf(ctx, t, a);
      if (!dependents.length) continue;
      const reported = new Set(early);
      for (const [kind, objs] of byKind(unchecked.filter((o) => !reported.has(o)))) {
        out.push(
          finding(
            this,
            at(ctx, objs[0]!, '/kind'),
            `${dependents.map(describeApp).join(', ')} depend${dependents.length > 1 ? '' : 's'} on ${describeApp(a)}, which deploys ${names(objs)} (${kind}); Argo CD has no health check for ${kind}, so the app counts as healthy before ${objs.length > 1 ? 'they are' : 'it is'} ready`,
          ),
        );
      }
    }
    return out;
  },
};

function healthKnown(t: LintTree, o: TreeObject, argocdVersion: string): boolean {
  return needsNoHealth(o.group, o.kind) || hasBuiltInHealth(o.group, o.kind, argocdVersion) || hasHealthCheck(t, o.group, o.kind);
}

/** Hooks run outside the wave's health assessment. */
function isHook(o: TreeObject): boolean {
  const an = annotationsOf(o);
  return an['argocd.argoproj.io/hook'] !== undefined || an['helm.sh/hook'] !== undefined;
}

function dependentsOf(ctx: LintContext, t: LintTree, a: ArgoApp): ArgoApp[] {
  if (a.app === undefined) return [];
  return t.apps.filter((b) => b.cluster === a.cluster && b !== a && (planInstance(ctx, b.app, b.cluster)?.deps ?? []).includes(a.app!));
}

function byKind(objs: TreeObject[]): Map<string, TreeObject[]> {
  const m = new Map<string, TreeObject[]>();
  for (const o of objs) {
    const k = o.group ? `${o.group}/${o.kind}` : o.kind;
    m.set(k, [...(m.get(k) ?? []), o]);
  }
  return m;
}

function names(objs: TreeObject[]): string {
  const shown = objs.slice(0, 3).map((o) => o.name);
  return shown.join(', ') + (objs.length > 3 ? ` and ${objs.length - 3} more` : '');
}
