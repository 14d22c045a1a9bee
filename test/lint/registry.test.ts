import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES_DOC, rulesTable, withRulesTable } from '../../generator/docs-build/rules-table.js';
import { runRules } from '../../generator/core/rules.js';
import { RENDERED_RULES, RULES, TREE_RULES } from '../../generator/lint/index.js';
import { ruleCode, type TreeRule } from '../../generator/model/rules.js';

const DOCS = path.dirname(RULES_DOC);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6} (.+)$/gm)) out.add(m[1]!.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-'));
  return out;
}

describe('the rule registry', () => {
  it('has one entry per code, each with a title, a hint and a docs anchor', () => {
    const codes = RULES.map(ruleCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of RULES) {
      // A rule of its own family (rendered/<name>) carries the prefix in its id.
      expect(r.id, ruleCode(r)).toMatch(/^(rendered\/)?[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.title.length, ruleCode(r)).toBeGreaterThan(20);
      expect(r.hint.length, ruleCode(r)).toBeGreaterThan(5);
      expect(r.docs, ruleCode(r)).toMatch(/^[a-z-]+\.md#[a-z0-9-]+$/);
    }
    expect(RULES.filter((r) => r.scope === 'tree')).toEqual([...TREE_RULES, ...RENDERED_RULES]);
    expect(RENDERED_RULES.map(ruleCode).every((c) => c.startsWith('rendered/'))).toBe(true);
  });

  it('points every rule at a heading that exists in docs/', () => {
    for (const r of RULES) {
      const [file, anchor] = r.docs.split('#') as [string, string];
      expect(anchors(readFileSync(path.join(DOCS, file), 'utf8')), `${ruleCode(r)} -> ${r.docs}`).toContain(anchor);
    }
  });
});

describe('docs/lint-rules.md', () => {
  const doc = readFileSync(RULES_DOC, 'utf8');

  it('holds the table generated from the registry (run `npm run docs` after changing a rule)', () => {
    expect(withRulesTable(doc, RULES)).toBe(doc);
  });

  it('lists exactly the registry: every code once, with its severity, in registry order', () => {
    const rows = [...doc.matchAll(/^\| `((?:lint|mesh|rendered)\/[a-z0-9-]+)` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(RULES.map((r) => [ruleCode(r), r.severity]));
  });

  it('would show a new rule, and escapes what breaks a table cell', () => {
    const extra: TreeRule<unknown> = { id: 'new-rule', scope: 'tree', severity: 'warning', title: 'a | b', hint: 'set <name>', docs: 'lint-rules.md#rules', check: () => [] };
    expect(rulesTable([extra])).toContain('| `lint/new-rule` | warning | tree | a \\| b | set \\<name> | [lint-rules.md#rules](#rules) |');
    expect(withRulesTable(doc, [...RULES, extra])).not.toBe(doc);
  });
});

describe('runRules', () => {
  it('turns a rule that throws into an error under its code and still runs the others', () => {
    const boom: TreeRule<number> = { id: 'boom', scope: 'tree', severity: 'warning', title: 't', hint: 'h', docs: 'x.md#y', check: () => { throw new Error('no'); } };
    const ok: TreeRule<number> = { ...boom, id: 'ok', check: (n) => [{ severity: 'warning', code: 'lint/ok', message: `saw ${n}` }] };
    expect(runRules([boom, ok], 7)).toEqual([
      { severity: 'error', code: 'lint/boom', message: 'rule lint/boom failed: no', hint: 'this is a bug in the rule; please report it with the input that triggers it' },
      { severity: 'warning', code: 'lint/ok', message: 'saw 7' },
    ]);
  });
});
