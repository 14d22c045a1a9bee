import type { Diagnostic } from '../model/diagnostics.js';
import type { K8sObject } from '../model/k8s.js';
import { runRules } from '../core/rules.js';
import type { MeshRule } from '../mesh/index.js';
import { planInstance, treeOf } from './tree.js';
import type { LintContext } from './types.js';

/**
 * Instance rules (the mesh rules) on the tree. `applyMesh` already ran them at render time on each
 * app's final values and manifests and reported them at the app file. Here they run again on what
 * the linted tree holds, and only for apps whose values or manifests differ from the fresh render
 * (edited by hand on disk): on a fresh tree they could only repeat render's findings. Codes stay
 * `mesh/<id>`, so one problem has one code wherever it is found.
 */
export function instanceRulesOnEditedApps(ctx: LintContext, rules: readonly MeshRule[]): Diagnostic[] {
  if (rules.length === 0) return [];
  const t = treeOf(ctx);
  const atRender = new Set(ctx.rendered.diagnostics.map(key));
  const out: Diagnostic[] = [];
  for (const a of t.apps) {
    const instance = planInstance(ctx, a.app, a.cluster);
    if (!instance) continue;
    const edited = [...a.valueFiles, ...a.deployed.map((o) => o.file)].find((f) => !ctx.fresh.has(f));
    if (edited === undefined) continue;
    const manifests = a.deployed.map((o) => o.data as unknown as K8sObject);
    for (const d of runRules(rules, { instance, values: structuredClone(a.values), manifests })) {
      if (atRender.has(key(d))) continue;
      // The config does not say this; the edited file does.
      out.push({ severity: d.severity, code: d.code, file: edited, message: `${d.message} (in ${edited}, which differs from a fresh render)`, ...(d.hint ? { hint: d.hint } : {}) });
    }
  }
  return out;
}

function key(d: Diagnostic): string {
  return JSON.stringify([d.code, d.file, d.pointer, d.message]);
}
