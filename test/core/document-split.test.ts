/**
 * The line scanner that finds document boundaries numbers documents as the `yaml` package does,
 * and each range parsed alone gives what the whole-text parse gives for that document.
 */
import fc from 'fast-check';
import { parseAllDocuments, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { splitYamlDocuments } from '../../generator/core/document-split.js';
import { parseWithYaml } from '../../generator/core/manifest-documents.js';
import { SchemaValidator } from '../../generator/validate/schema-validator.js';
import { REPO_ROOT } from '../helpers.js';

function wholeParse(text: string): unknown[] {
  const docs = parseAllDocuments(text);
  return (Array.isArray(docs) ? docs : []).map((d) => (d.errors.length ? 'ERROR' : d.toJS()));
}

function agrees(text: string): void {
  const whole = wholeParse(text);
  const ranges = splitYamlDocuments(text);
  expect(ranges.length, JSON.stringify(text)).toBe(whole.length);
  if (whole.includes('ERROR')) return;
  ranges.forEach((r, i) => {
    expect(text.slice(0, r.start).split('\n').length - 1).toBe(r.line);
    expect(parseDocument(text.slice(r.start, r.end)).toJS(), JSON.stringify(text)).toEqual(whole[i]);
  });
}

const CASES = [
  '', '# c\n', '\n\n', 'a: 1\n', 'a: 1\n---\n', '---\n---\n', '---\n', '...\n', 'a: 1\n...\n', 'a: 1\n...\n# c\n',
  'a: 1\n...\nb: 2\n', '%YAML 1.1\n---\na: 1\n', 'a: 1\n---\n...\n', '--- a\n--- b\n', 'a: 1\n--- # c\nb: 2\n',
  '---\n# only comment\n', 'a: 1\n...\n...\n', '# c\n---\n', '---\na: 1\n...\n---\n', 'a: 1\n...\n%YAML 1.1\n---\nb: 1\n',
  '\ufeffa: 1\n---\nb: 2\n', '---x\n', ' ---\n', 'a: |\n  x\n  ---\n  y\n---\nb: 1', 'a: 1\r\n---\r\nb: 2\r\n',
  'k: "quoted\n  --- not a marker"\n---\nz: 1\n', '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n', 'a: 1\n---\t\nb: 2\n',
];

describe('splitYamlDocuments', () => {
  it.each(CASES)('agrees with the yaml package on %j', (text) => agrees(text));

  it('agrees on random multi-document texts', () => {
    const line = fc.constantFrom('a: 1', 'b: [1, 2]', '# comment', '', '---', '--- # c', '...', '%YAML 1.1', 'c: |', '  text', '  ---', '- x', 'd: "s"', '--- v', '  # indented');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => agrees(lines.join('\n'))),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('positions from one document', () => {
  const CM = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;
  const validator = new SchemaValidator({ schemaDir: path.join(REPO_ROOT, 'schemas/k8s') });

  it('places a schema error in a later document at its line in the file', () => {
    const text = ['# head\n' + CM('a'), CM('b', 'data:\n  ok: "1"\n'), CM('c', 'data:\n  bad: 3\n')].join('---\n');
    const d = validator.validateFiles([{ path: 'm.yaml', text }]).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: text.split('\n').indexOf('  bad: 3') + 1, col: 8, document: 3, pointer: '/data/bad' });
  });

  it('places syntax errors and duplicate keys per document, and still reads the good ones', () => {
    const text = [CM('a'), CM('b', 'data:\n  x: "1"\n  x: "2"\n'), CM('c'), 'a: [1, 2\n', CM('d', 'data:\n  z: 4\n')].join('---\n');
    const r = validator.validateFiles([{ path: 'm.yaml', text }]).diagnostics;
    const lines = text.split('\n');
    expect(r.find((x) => x.code === 'schema/duplicate-key')).toMatchObject({ document: 2, line: lines.lastIndexOf('  x: "2"') + 1 });
    expect(r.find((x) => x.code === 'schema/yaml-syntax')).toMatchObject({ document: 4 });
    expect(r.find((x) => x.code === 'schema/invalid')).toMatchObject({ document: 5, line: lines.indexOf('  z: 4') + 1, pointer: '/data/z' });
    // The same positions as the whole-file parse gives.
    const whole = parseWithYaml({ path: 'm.yaml', text }).diagnostics;
    expect(r.filter((x) => x.code !== 'schema/invalid').map((x) => [x.code, x.line, x.col, x.document])).toEqual(whole.map((x) => [x.code, x.line, x.col, x.document]));
  });
});
