import type { Diagnostic } from '../../model/diagnostics.js';
import { finding } from '../blame.js';
import { refKey, secretAnalysis, type SecretNeed } from '../secret-needs.js';
import type { LintRule } from '../types.js';

/**
 * Every Secret a workload of the tree needs is produced by the tree (a Secret object, an
 * ExternalSecret, a cert-manager Certificate, a chart or operator known to create it) or is a
 * declared bootstrap input of the cluster (`inputs:`), with the keys the workload reads. Anything
 * else leaves a pod waiting for a Secret nobody will create.
 */
export const undeclaredSecretInput: LintRule = {
  id: 'undeclared-secret-input',
  scope: 'tree',
  severity: 'error',
  title: 'a workload needs a Secret (or a key of one) that nothing in the tree produces and cluster.yaml does not declare as an input',
  hint: 'declare it under inputs: in cluster.yaml ({namespace, name, keys}) and create it at bootstrap (`gitops-generator bootstrap --cluster <name>` prints the command), or let the tree produce it (External Secrets)',
  docs: 'lint-rules.md#undeclared-secret-input',
  check(ctx) {
    const a = secretAnalysis(ctx);
    const supplies = new Map<string, typeof a.supplies>();
    for (const s of a.supplies) supplies.set(refKey(s), [...(supplies.get(refKey(s)) ?? []), s]);
    const declared = new Map(a.declared.map((d) => [refKey(d), d]));
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const report = (n: SecretNeed, message: string, hint?: string) => {
      const key = `${n.who}|${refKey(n)}|${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(finding(this, n.where, message, hint));
    };
    for (const n of a.needs) {
      const secret = `Secret ${n.namespace}/${n.name}`;
      const input = declared.get(refKey(n));
      if (input) {
        const missing = n.keys.filter((k) => !input.input.keys.includes(k));
        if (missing.length) report(n, `${n.who} reads key${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${secret}, but its declared input (cluster ${n.cluster}) lists only ${input.input.keys.join(', ')}`, `add ${missing.join(', ')} to the keys of that input`);
        continue;
      }
      const made = supplies.get(refKey(n)) ?? [];
      if (made.length === 0) {
        report(
          n,
          `${n.who} needs ${secret}${n.keys.length ? ` (key${n.keys.length > 1 ? 's' : ''} ${n.keys.join(', ')})` : ''}, which nothing in the tree produces and cluster ${n.cluster} does not declare as an input`,
          `declare it under inputs: in cluster.yaml ({namespace: ${n.namespace}, name: ${n.name}, keys: [${n.keys.join(', ') || '<keys>'}]}) and create it at bootstrap (\`gitops-generator bootstrap --cluster ${n.cluster}\` prints the command), or let the tree produce it (External Secrets)`,
        );
        continue;
      }
      const known = made.filter((s) => s.keys !== undefined);
      if (known.length !== made.length) continue;
      const missing = n.keys.filter((k) => !known.some((s) => s.keys!.includes(k)));
      if (missing.length) report(n, `${n.who} reads key${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${secret}, which ${made.map((s) => s.by).join(' and ')} writes without ${missing.length > 1 ? 'them' : 'it'} (it has ${[...new Set(known.flatMap((s) => s.keys!))].join(', ') || 'no keys'})`, 'make the producer write the key, or read a key it has');
    }
    return out;
  },
};
