import type { Diagnostic } from '../model/diagnostics.js';
import { ruleCode, type RuleScope } from '../model/rules.js';

/**
 * Run rules on one input. A rule that throws is a bug in the rule: it becomes an error finding
 * under the rule's code instead of hiding what the other rules found.
 */
export function runRules<I>(rules: readonly { scope: RuleScope; id: string; check(input: I): Diagnostic[] }[], input: I): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule.check(input));
    } catch (e) {
      out.push({
        severity: 'error',
        code: ruleCode(rule),
        message: `rule ${ruleCode(rule)} failed: ${(e as Error).message}`,
        hint: 'this is a bug in the rule; please report it with the input that triggers it',
      });
    }
  }
  return out;
}
