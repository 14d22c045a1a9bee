import { locate } from '../core/yaml-source.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { createLintContext, readTreeFiles, type LintInput } from './context.js';
import { runRules } from '../core/rules.js';
import type { MeshRule } from '../mesh/index.js';
import { instanceRulesOnEditedApps } from './edited-apps.js';
import { RULES, type AnyRule } from './registry.js';
import type { LintContext, LintRule } from './types.js';

export type { LintContext, LintDocument, LintRule } from './types.js';
export { createLintContext, readTreeFiles, type LintInput } from './context.js';
export { RENDERED_RULES, RULES, TREE_RULES, type AnyRule } from './registry.js';
export { treeOf } from './tree.js';
export type { ArgoApp, TreeObject } from './tree.js';

/**
 * Run the rules of the registry on a tree: the tree rules on the whole of it, the instance rules
 * on apps edited by hand. Findings at config files get their line and column here (from the parsed
 * config), so callers need no further mapping; the result is sorted.
 */
export function runLint(ctx: LintContext, rules: readonly AnyRule[] = RULES): Diagnostic[] {
  const tree = rules.filter((r): r is LintRule => r.scope === 'tree');
  const instance = rules.filter((r): r is MeshRule => r.scope === 'instance');
  const out = [...runRules(tree, ctx), ...instanceRulesOnEditedApps(ctx, instance)];
  return sortDiagnostics(locate(out, ctx.plan.config.sources));
}

/** Lint a tree in one call: the fresh render (generate) or `manifests/` read from disk (check). */
export function lintTree(input: LintInput): Diagnostic[] {
  return runLint(createLintContext(input));
}

/**
 * Lint `manifests/` under `root` as committed, against the fresh render of the same config (what
 * `check` has from buildTree): hand edits are reported where they were made.
 */
export function lintCommittedTree(root: string, fresh: Pick<LintInput, 'plan' | 'rendered' | 'files'>): Diagnostic[] {
  return lintTree({ plan: fresh.plan, rendered: fresh.rendered, files: readTreeFiles(root), fresh: fresh.files });
}

