/**
 * Fuzzing every input kind through the real CLI entry (`main()`, in-process): whatever the bytes,
 * `check` ends in 0, 1, 2 or 3 with located diagnostics, never in 70 (internal error) or a throw.
 * A fixed seed and few runs keep it to seconds; FUZZ_RUNS=500 (and FUZZ_SEED) for a longer hunt.
 * Schema files ship with the generator, so they are fuzzed through the validator's own entry.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../generator/validate/schema-validator.js';
import { makeRepo, MINIMAL_CLUSTER, REPO_ROOT, run, tempDir } from './helpers.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 20);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20251201);

const APP = 'namespace: web\nchart:\n  repoURL: https://charts.example.com\n  name: web\n  version: 1.2.3\n';
const VALUES = 'replicaCount: 2\nhost: "web.{{settings.domain}}"\nlist: [a, b]\n';
const RESOURCE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata:\n  level: info\n';
const INPUTS: Record<string, string> = {
  'cluster.yaml': MINIMAL_CLUSTER,
  'apps/web.yaml': APP,
  'values/web/values.yaml': VALUES,
  'values/web/resources/settings.yaml': RESOURCE,
};

/** YAML features and junk spliced into otherwise valid files. */
const SNIPPETS = [
  'null: x',
  '~: x',
  '? [a]\n: b',
  '? {a: 1}\n: b',
  '%YAML 1.1\n---',
  '%TAG !e! tag:example.com,2000:\n---\nx: !e!thing 1',
  '%YAML 9.9\n---',
  'anchor: &a [1, 2]\nalias: *a\nmerge:\n  <<: {m: 1}',
  'bomb: &b [x, x, x, x, x, x, x, x, x, x]\nb2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nb3: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'undefined: *nope',
  '!!binary aGVsbG8=',
  'set: !!set {a, b}',
  'k: !!int "1:20"',
  'a: 1\na: 2',
  '---\n---\n...',
  '\t- tab',
  '"unterminated',
  'key: {{settings.domain}}',
  'key: "{{nope.nothing}}"',
  'key: "{{#each x}}"',
  'apiVersion: v1\nkind: List\nitems: [1, {kind: X}]',
  '__proto__: {polluted: true}',
  'constructor: {prototype: {x: 1}}',
  'k: 0x_FF_FF',
  'k: .inf',
  'k: 1e400',
  '- just\n- a list',
  '42',
];

/** Files of one kind of damage, as bytes. */
function damaged(base: string): fc.Arbitrary<Buffer> {
  const text = (s: string) => Buffer.from(s, 'utf8');
  return fc.oneof(
    fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
    // Latin-1 bytes (invalid UTF-8 above 0x7f) around valid text
    fc.string({ maxLength: 40 }).map((s) => Buffer.from(base + `note: "${s}\u00e9\u00ff"\n`, 'latin1')),
    // UTF-16, with and without a byte-order mark
    fc.boolean().map((bom) => Buffer.from((bom ? '\ufeff' : '') + base, 'utf16le')),
    fc.nat({ max: base.length }).map((i) => text(base.slice(0, i) + '\0' + base.slice(i))),
    fc.tuple(fc.constantFrom(...SNIPPETS), fc.nat({ max: 20 }), fc.boolean()).map(([snippet, at, indent]) => {
      const lines = base.split('\n');
      const pos = at % (lines.length + 1);
      const s = indent ? snippet.replace(/^/gm, '  ') : snippet;
      return text([...lines.slice(0, pos), s, ...lines.slice(pos)].join('\n'));
    }),
    fc.constantFrom(
      text('deep: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'),
      text('deep: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n'),
      text(Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i % 200) + `k${i}:`).join('\n') + ' 1\n'),
      text(base + `huge: "${'x'.repeat(900_000)}"\n`),
      text(base + `huge: ${'y'.repeat(1_100_000)}\n`),
      text('\ufeff' + base),
      text(''),
      text('---\n'),
    ),
  );
}

let root: string;
/** The inputs, and a committed manifest (check reads the tree as Argo CD will). */
const TARGETS: Record<string, string> = { ...INPUTS };
beforeAll(async () => {
  root = makeRepo(INPUTS);
  const g = await run(['generate', '--root', root]);
  expect(g.code, g.err).toBe(0);
  TARGETS['manifests/apps/pi/web.yaml'] = readFileSync(path.join(root, 'manifests/apps/pi/web.yaml'), 'utf8');
});

describe('fuzzing every input file through main()', () => {
  it.each([...Object.keys(INPUTS), 'manifests/apps/pi/web.yaml'])('%s', async (file) => {
    await fc.assert(
      fc.asyncProperty(damaged(TARGETS[file]!), async (bytes) => {
        writeFileSync(path.join(root, file), bytes);
        try {
          const r = await run(['check', '--root', root]);
          expect([0, 1, 2, 3], r.out + r.err).toContain(r.code);
          expect(r.err).not.toMatch(/internal error/);
          // An error is located: it names a file (most give line and column too).
          if (r.code === 1 || r.code === 3) expect(r.out + r.err).toMatch(/^[\w./-]+(:\d+:\d+)?: error \[/m);
        } finally {
          writeFileSync(path.join(root, file), TARGETS[file]!);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('fuzzing schema files through the validator', () => {
  it('never throws, whatever the schema file holds', () => {
    const dir = tempDir('fuzz-schemas-');
    cpSync(path.join(REPO_ROOT, 'schemas/k8s'), dir, { recursive: true });
    const target = path.join(dir, 'v1/configmap_v1.json');
    mkdirSync(path.dirname(target), { recursive: true });
    const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
    const schemaish = fc
      .dictionary(fc.constantFrom('type', 'properties', 'required', 'anyOf', 'x-kubernetes-foo', 'example', 'description', 'items', 'enum', 'pattern', 'format', 'additionalProperties', '$ref', 'nullable', 'bogus'), fc.jsonValue({ maxDepth: 3 }))
      .map((o) => JSON.stringify(o));
    fc.assert(
      fc.property(fc.oneof(json, schemaish, fc.string(), fc.constant('{"properties": {"data": {"$ref": "#/nowhere"}}}')), (schema) => {
        writeFileSync(target, schema);
        const v = new SchemaValidator({ schemaDir: dir });
        const r = v.validateFiles([{ path: 'm.yaml', text: RESOURCE + '  extra: "1"\n' }]);
        for (const d of r.diagnostics) expect(d.line, JSON.stringify(d)).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
  });
});
