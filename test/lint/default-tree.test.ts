import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../generator/model/diagnostics.js';
import { LINT_RULES, lintCommittedTree, readTreeFiles } from '../../generator/lint/index.js';
import { writeTree } from '../../generator/write/tree-writer.js';
import { build, configCopy, lintFresh, REPO_ROOT, type Built } from './helpers.js';

describe('the shipped default tree', () => {
  let def: Built;
  beforeAll(async () => {
    def = await build(configCopy());
  });

  it('has no lint errors', () => {
    const errors = lintFresh(def).filter((d) => d.severity === 'error');
    expect(errors.map(formatDiagnostic)).toEqual([]);
  });

  it('lints the same from disk as in memory, and catches a hand edit on disk', () => {
    writeTree(def.root, def.files);
    expect(readTreeFiles(def.root).map((f) => f.path)).toEqual(def.files.map((f) => f.path));
    expect(lintCommittedTree(def.root, def)).toEqual(lintFresh(def));

    const issuer = path.join(def.root, 'manifests/resources/pi/linkerd-identity/certificate-linkerd-identity-issuer.yaml');
    writeFileSync(issuer, readFileSync(issuer, 'utf8').replace('isCA: true', 'isCA: false'));
    const found = lintCommittedTree(def.root, def).filter((d) => d.code === 'lint/identity-issuer');
    expect(found.map((d) => [d.file, d.line !== undefined])).toEqual([['manifests/resources/pi/linkerd-identity/certificate-linkerd-identity-issuer.yaml', true]]);
  });
});

describe('docs/lint-rules.md', () => {
  it('has a table row for every rule', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/lint-rules.md'), 'utf8');
    for (const r of LINT_RULES) {
      // mesh/* and rendered/* rules keep their own prefix as their code.
      const code = /^(mesh|rendered)\//.test(r.id) ? r.id : `lint/${r.id}`;
      expect(doc, code).toMatch(new RegExp(`^\\| \`${code.replace(/[/.-]/g, '\\$&')}\` \\| ${r.severity} \\|`, 'm'));
    }
  });
});
