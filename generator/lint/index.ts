import { locate } from '../core/yaml-source.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { createLintContext, readTreeFiles, type LintInput } from './context.js';
import { certRenewBefore } from './rules/cert-renew-before.js';
import { identityIssuer } from './rules/identity-issuer.js';
import { MESH_LINT_RULES } from './rules/mesh.js';
import { projectWildcard } from './rules/project-wildcard.js';
import { renderedConvergence } from './rules/rendered-convergence.js';
import { renderedHookNotRun } from './rules/rendered-hook-not-run.js';
import { renderedProjectPermits } from './rules/rendered-project-permits.js';
import { renderedStaleRecord } from './rules/rendered-stale-record.js';
import { secretInGit } from './rules/secret-in-git.js';
import { sourcePath } from './rules/source-path.js';
import { trustRootsBundle } from './rules/trust-roots-bundle.js';
import { vizDashboardAuth } from './rules/viz-dashboard-auth.js';
import { waveHealthCheck } from './rules/wave-health-check.js';
import { waveOrder } from './rules/wave-order.js';
import type { LintContext, LintRule } from './types.js';

export type { LintContext, LintDocument, LintRule } from './types.js';
export { createLintContext, readTreeFiles, type LintInput } from './context.js';
export { treeOf } from './tree.js';
export type { ArgoApp, TreeObject } from './tree.js';

/** The rules on rendered objects (`--render`); without a render in the context they find nothing. */
export const RENDERED_LINT_RULES: LintRule[] = [renderedProjectPermits, renderedStaleRecord, renderedConvergence, renderedHookNotRun];

/** Every lint rule. Add one by adding its file under rules/ and one line here (and in docs/lint-rules.md). */
export const LINT_RULES: LintRule[] = [
  waveOrder,
  sourcePath,
  waveHealthCheck,
  certRenewBefore,
  identityIssuer,
  trustRootsBundle,
  vizDashboardAuth,
  secretInGit,
  projectWildcard,
  ...MESH_LINT_RULES,
  ...RENDERED_LINT_RULES,
];

/**
 * Run every rule. Findings at config files get their line and column here (from the parsed config),
 * so callers need no further mapping; the result is sorted. A rule that throws is a bug: it is
 * reported as an error finding instead of hiding what the other rules found.
 */
export function runLint(ctx: LintContext, rules: readonly LintRule[] = LINT_RULES): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule.check(ctx));
    } catch (e) {
      out.push({ severity: 'error', code: `lint/${rule.id}`, message: `lint rule ${rule.id} failed: ${(e as Error).message}`, hint: 'this is a bug in the rule; please report it with the tree that triggers it' });
    }
  }
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

