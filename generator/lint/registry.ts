import type { Rule } from '../model/rules.js';
import { MESH_RULES, type InstanceRuleInput } from '../mesh/index.js';
import { certRenewBefore } from './rules/cert-renew-before.js';
import { identityIssuer } from './rules/identity-issuer.js';
import { projectWildcard } from './rules/project-wildcard.js';
import { renderedConvergence } from './rules/rendered-convergence.js';
import { renderedDefaultCredentials } from './rules/rendered-default-credentials.js';
import { renderedHookNotRun } from './rules/rendered-hook-not-run.js';
import { renderedMeshInjection } from './rules/rendered-mesh-injection.js';
import { renderedProjectPermits } from './rules/rendered-project-permits.js';
import { renderedSchema } from './rules/rendered-schema.js';
import { renderedStaleRecord } from './rules/rendered-stale-record.js';
import { renderedUnknownValuesKey } from './rules/rendered-unknown-values-key.js';
import { secretInGit } from './rules/secret-in-git.js';
import { sourcePath } from './rules/source-path.js';
import { trustRootsBundle } from './rules/trust-roots-bundle.js';
import { undeclaredSecretInput } from './rules/undeclared-secret-input.js';
import { unusedSecretInput } from './rules/unused-secret-input.js';
import { vizDashboardAuth } from './rules/viz-dashboard-auth.js';
import { waveHealthCheck } from './rules/wave-health-check.js';
import { waveOrder } from './rules/wave-order.js';
import type { LintContext, LintRule } from './types.js';

/** A rule of either scope, with the inputs this generator gives them. */
export type AnyRule = Rule<InstanceRuleInput, LintContext>;

/** The rules on the whole tree. Add one by adding its file under rules/ and one line here. */
export const TREE_RULES: readonly LintRule[] = [
  waveOrder,
  sourcePath,
  waveHealthCheck,
  certRenewBefore,
  identityIssuer,
  trustRootsBundle,
  vizDashboardAuth,
  secretInGit,
  undeclaredSecretInput,
  unusedSecretInput,
  projectWildcard,
];

/**
 * The rules on rendered objects (`--render`); they read the hydrate stage's result from the
 * context and find nothing without it.
 */
export const RENDERED_RULES: readonly LintRule[] = [
  renderedProjectPermits,
  renderedStaleRecord,
  renderedConvergence,
  renderedHookNotRun,
  renderedUnknownValuesKey,
  renderedDefaultCredentials,
  renderedSchema,
  renderedMeshInjection,
];

/**
 * Every rule, the one list each runner reads: `runLint` runs the tree rules and re-runs the
 * instance rules on apps edited by hand; the table in docs/lint-rules.md is generated from it
 * (`npm run docs`). The render-time run in `applyMesh` reads `MESH_RULES`, which is included here
 * whole (mesh sits below lint and cannot import this file).
 */
export const RULES: readonly AnyRule[] = [...TREE_RULES, ...RENDERED_RULES, ...MESH_RULES];
