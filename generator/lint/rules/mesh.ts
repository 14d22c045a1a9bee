import type { Diagnostic } from '../../model/diagnostics.js';
import { MESH_RULES, type MeshRule } from '../../mesh/index.js';
import { isK8sObject } from '../../core/k8s-object.js';
import { planInstance, treeOf } from '../tree.js';
import type { LintContext, LintRule } from '../types.js';

/**
 * The mesh rules (generator/mesh/rules/) as lint rules, so one table lists every check.
 *
 * `applyMesh` already runs them at render time on each app's final values and manifests and
 * reports them as `mesh/<id>` at the app file. Here they run again on what the linted tree holds,
 * and only for apps whose values or manifests differ from the fresh render (edited by hand on
 * disk): on a fresh tree they could only repeat render's findings. Their codes stay `mesh/<id>`
 * so one problem has one code wherever it is found.
 */
export const MESH_LINT_RULES: LintRule[] = MESH_RULES.map(adapt);

function adapt(rule: MeshRule): LintRule {
  return {
    id: `mesh/${rule.id}`,
    severity: rule.severity,
    title: rule.description,
    hint: 'see the hint of the finding; mesh settings are documented in the mesh recipes',
    check(ctx) {
      return checkEdited(ctx, rule);
    },
  };
}

function checkEdited(ctx: LintContext, rule: MeshRule): Diagnostic[] {
  const t = treeOf(ctx);
  const atRender = new Set(ctx.rendered.diagnostics.map(key));
  const out: Diagnostic[] = [];
  for (const a of t.apps) {
    const instance = planInstance(ctx, a.app, a.cluster);
    if (!instance) continue;
    const edited = [...a.valueFiles, ...a.deployed.map((o) => o.file)].find((f) => !ctx.fresh.has(f));
    if (edited === undefined) continue;
    const manifests = a.deployed.flatMap((o) => (isK8sObject(o.data) ? [o.data] : []));
    for (const d of rule.check(instance, structuredClone(a.values), manifests)) {
      const code = d.code || `mesh/${rule.id}`;
      if (atRender.has(key({ ...d, code }))) continue;
      // The config does not say this; the edited file does.
      out.push({ severity: d.severity, code, file: edited, message: `${d.message} (in ${edited}, which differs from a fresh render)`, ...(d.hint ? { hint: d.hint } : {}) });
    }
  }
  return out;
}

function key(d: Diagnostic): string {
  return JSON.stringify([d.code, d.file, d.pointer, d.message]);
}
