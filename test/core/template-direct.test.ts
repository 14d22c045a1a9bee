/**
 * Templates are rendered straight off the parsed document when it holds only maps, lists and plain
 * scalars (render/template.ts renderDirect), and through a copy of the node tree otherwise. Both
 * ways give the same documents and the same diagnostics, in the same order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSourceDocuments } from '../../generator/core/yaml-source.js';
import { renderDirect, renderTemplate } from '../../generator/render/template.js';
import { REPO_ROOT } from '../helpers.js';

const shared = { team: 'a' };
const context: Record<string, unknown> = {
  app: { name: 'web', namespace: 'web', wave: 2 },
  cluster: { name: 'pi', labels: { stage: 'lab' } },
  settings: { domain: 'pi.example.com', replicas: 2, enabled: true, none: null, tags: { team: 'a', list: [1, 'b', { c: null }] } },
  vars: { registry: 'registry.example.com', twice: { a: shared, b: shared }, literal: '{{ $labels.pod }}', dated: new Date(0), key: 'k' },
};

/** Every values template under the repository (shipped config, init templates, fixtures). */
function corpus(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(REPO_ROOT, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!['node_modules', '.git', 'manifests', 'dist', '.tools'].includes(e.name)) walk(child);
      } else if (/\/values\/.*\.ya?ml$/.test(`/${child}`)) out.push([child, readFileSync(path.join(REPO_ROOT, child), 'utf8')]);
    }
  };
  walk('');
  return out;
}

const EDGE_CASES: Record<string, string> = {
  plain: 'a: "{{app.name}}"\nb: [1, "x-{{cluster.name}}", {c: "{{settings.replicas}}"}]\n',
  typed: 'n: "{{settings.replicas}}"\nb: "{{ settings.enabled }}"\nz: "{{settings.none}}"\nm: "{{settings.tags}}"\nl: ["{{settings.tags}}"]\n',
  keys: '"{{app.name}}": 1\n"{{vars.key}}": 2\nk: 3\n',
  numericKeys: '1: a\ntrue: b\n~: c\n0x10: d\n',
  proto: '__proto__: {a: 1}\ntoString: x\n',
  missing: 'a: "{{nope.x}}"\nb: "{{app.nam}}"\n"{{nope}}": 1\n',
  broken: 'a: "{{#if}}"\n',
  literal: 'a: "{{vars.literal}}"\nb: \'\\{{ x }}\'\n',
  sharedObject: 'a: "{{vars.twice}}"\n',
  date: 'd: "{{vars.dated}}"\n',
  anchors: 'base: &b {x: "{{app.name}}"}\nother: *b\n',
  merge: 'base: &b {x: 1}\nother: {<<: *b, y: 2}\n',
  tags: 'a: !!str 1\nb: !!int "2"\nc: !custom x\n',
  binary: 'b: !!binary aGVsbG8=\n',
  multiDoc: 'a: 1\n---\nb: "{{app.name}}"\n---\n- 1\n- "{{cluster.name}}"\n',
  scalarDoc: '"{{app.name}}"\n',
  emptyValues: 'a:\nb: []\nc: {}\nd: [~, null]\n',
  complexKey: '? [a, b]\n: 1\n',
  flowPairs: 'a: [b: 1, c: 2]\n',
  blockScalars: 'a: |\n  line {{app.name}}\n  two\nb: >-\n  folded\n  text\n',
};

function same(file: string, text: string): void {
  const direct = renderTemplate(file, text, context);
  const copied = renderTemplate(file, text, context, { throughCopy: true });
  expect(direct).toEqual(copied);
  expect(JSON.stringify(direct.documents)).toBe(JSON.stringify(copied.documents));
}

describe('rendering a template straight off its parsed document', () => {
  it('gives what rendering a copy gives, for every values template in the repository', () => {
    const files = corpus();
    expect(files.length).toBeGreaterThan(20);
    for (const [file, text] of files) same(file, text);
  });

  it.each(Object.entries(EDGE_CASES))('and for %s', (name, text) => same(`values/${name}.yaml`, text));

  it('takes the direct way for plain documents and the copy for anchors, tags, merge keys and shared objects', () => {
    const direct = (text: string) => parseSourceDocuments('v.yaml', text).filter((src) => src.doc.errors.length === 0).map((src) => renderDirect(src, context) !== undefined);
    for (const name of ['plain', 'typed', 'keys', 'numericKeys', 'proto', 'missing', 'literal', 'emptyValues', 'blockScalars', 'scalarDoc', 'flowPairs']) expect(direct(EDGE_CASES[name]!), name).toEqual([true]);
    expect(direct(EDGE_CASES.multiDoc!)).toEqual([true, true, true]);
    for (const name of ['anchors', 'merge', 'tags', 'binary', 'sharedObject', 'date', 'complexKey']) expect(direct(EDGE_CASES[name]!), name).toEqual([false]);
    for (const [file, text] of corpus()) if (!file.startsWith('test/fixtures/invalid/')) expect(direct(text).every(Boolean), file).toBe(true);
  });

  it('keeps own properties named like Object.prototype members', () => {
    const r = renderTemplate('v.yaml', EDGE_CASES.proto!, context);
    const doc = r.documents[0] as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['__proto__', 'toString']);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
  });
});
