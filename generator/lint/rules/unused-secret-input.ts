import type { Diagnostic } from '../../model/diagnostics.js';
import { finding } from '../blame.js';
import { refKey, secretAnalysis } from '../secret-needs.js';
import type { LintRule } from '../types.js';

/**
 * The declared inputs are the list of Secrets created by hand at bootstrap; it should be exactly
 * what the tree cannot produce. A declared input nothing reads, or one the tree also produces, is
 * work for nothing (or two writers of one Secret).
 */
export const unusedSecretInput: LintRule = {
  id: 'unused-secret-input',
  scope: 'tree',
  severity: 'warning',
  title: 'a declared input (cluster.yaml inputs) is read by nothing in the tree, or the tree produces it as well',
  hint: 'remove it from inputs (without --render, only the tree\'s own manifests and the chart values table are seen: keep an input a chart reads internally)',
  docs: 'lint-rules.md#unused-secret-input',
  check(ctx) {
    const a = secretAnalysis(ctx);
    const needed = new Set(a.needs.map(refKey));
    const out: Diagnostic[] = [];
    for (const d of a.declared) {
      const secret = `Secret ${d.namespace}/${d.name}`;
      const made = a.supplies.filter((s) => refKey(s) === refKey(d));
      if (made.length) {
        out.push(finding(this, d.where, `${secret} is a declared input of cluster ${d.cluster}, but ${made.map((s) => s.by).join(' and ')} produces it too`, 'remove it from inputs, or stop the tree producing it'));
      } else if (!needed.has(refKey(d))) {
        out.push(finding(this, d.where, `${secret} is a declared input of cluster ${d.cluster}, but nothing in the tree reads it`));
      }
    }
    return out;
  },
};
