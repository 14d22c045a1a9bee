import type { Diagnostic, Severity } from './diagnostics.js';

/**
 * One interface for every check that is not a schema: the mesh rules (run at render time on one
 * app on one cluster) and the lint rules (run on the serialised tree). Both layers name it from
 * here, so neither imports the other's types; `lint/registry.ts` lists every rule and drives each
 * runner and the table in docs/lint-rules.md.
 *
 * The input types are parameters because they belong to later layers (`AppInstance` to plan,
 * `LintContext` to lint); `mesh/types.ts` and `lint/types.ts` fix them.
 */
export type RuleScope = 'instance' | 'tree';

interface RuleBase {
  /** Stable kebab-case id; findings carry the code `ruleCode(rule)`. */
  id: string;
  severity: Severity;
  /** One line: what the rule catches (the docs table shows it). */
  title: string;
  /** The usual fix; a finding may carry a more specific one. */
  hint: string;
  /** Where the rule is explained, relative to docs/: `<file>.md#<heading anchor>`. */
  docs: string;
}

/** Checks one app on one cluster: its final values and manifests. */
export interface InstanceRule<Input> extends RuleBase {
  scope: 'instance';
  check(input: Input): Diagnostic[];
}

/** Checks the whole tree as Argo CD will read it (the fresh render, or `manifests/` from disk). */
export interface TreeRule<Context> extends RuleBase {
  scope: 'tree';
  check(ctx: Context): Diagnostic[];
}

export type Rule<Input, Context> = InstanceRule<Input> | TreeRule<Context>;

/**
 * Instance rules came from the mesh step and tree rules from lint; their codes keep those
 * prefixes (`mesh/<id>`, `lint/<id>`), which operators may already filter on.
 */
const CODE_PREFIX: Readonly<Record<RuleScope, string>> = { instance: 'mesh', tree: 'lint' };

export function ruleCode(rule: { scope: RuleScope; id: string }): string {
  // A rule of its own family (`rendered/<name>`) carries its prefix in its id.
  return rule.id.includes('/') ? rule.id : `${CODE_PREFIX[rule.scope]}/${rule.id}`;
}
