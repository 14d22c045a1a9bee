import type { Diagnostic, Severity } from '../core/diagnostics.js';
import type { Plan } from '../plan/plan.js';
import type { RenderResult } from '../render/render.js';
import type { OutputFile } from '../write/tree-writer.js';

/** What every lint rule sees: the plan, the typed render and the serialised files. */
export interface LintContext {
  plan: Plan;
  rendered: RenderResult;
  files: OutputFile[];
}

/**
 * A pitfall no schema can catch. One rule per file, listed in `lint/index.ts` and in the lint table
 * of the docs; every rule has a fixture that trips it and one that passes.
 */
export interface LintRule {
  /** Stable id, e.g. `LNK001`; diagnostics use the code `lint/<id>`. */
  id: string;
  severity: Severity;
  /** One line: what the rule catches. */
  title: string;
  /** How to fix it. */
  hint: string;
  check(ctx: LintContext): Diagnostic[];
}
