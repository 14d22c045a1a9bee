/**
 * The direct YAML writer (core/yaml-emit.ts) writes exactly what the yaml library writes with the
 * manifest options, or leaves the document to it: generated values full of strings YAML reads in
 * other ways, and the shapes manifests have.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitManifestDocument } from '../../generator/core/yaml-emit.js';
import { libraryYaml, toYaml } from '../../generator/core/serialize.js';

/** Strings each of which some YAML rule reads, quotes or folds in its own way. */
const TRICKY = [
  '', ' ', 'a', 'yes', 'No', 'ON', 'y', '~', 'null', 'Null', 'true', 'e5', 'E5', '1e5', '1e5x', '.5', '._', '._a', '.a', '.inf', '-.inf', '.NaN', 'NaN', 'Inf',
  '0', '01', '0o17', '0x1F', '1_000', '1.10', '1.0.0', '+1', '-1', '+x', '-x', '- x', '-', '?', '? x', ':', 'a:', 'a:b', 'a: b', 'a :b', 'http://x.y/z', 'a #b', 'a#b', '#a',
  'a,b', '[a]', 'a[b]', '{a}', 'a{b', '*a', '&a', '!a', '|', '>', "'a'", '"a"', 'a"b', "a'b", 'a\\b', '%a', '@a', '`a`', '---', '...', '--- a', '... a', 'a ', ' a', 'a  b',
  '2024-01-01', '2024-01-01T00:00:00Z', '1:20', '12:30:45', '=', '<<', '$x', '(a)', '~x', 'a;b', 'a^b', 'x\ny', 'x\n', '\n', 'a\tb', '\u0007', 'é', 'ключ', '😀', 'a\u00a0b',
  'x'.repeat(1200), 'word '.repeat(30).trim(), 'kubernetes.io/tls', 'argocd.argoproj.io/sync-wave', 'registry.example.com/team/app:1.2.3', '{{app.name}}',
];

const text = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9.\/-]{0,15}$/) });
const scalar = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1.5, -2.25, 1e21, 1e-7, 2 ** 53, NaN, Infinity) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const { value } = fc.letrec<{ value: unknown; list: unknown[]; map: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(text, tie('value'), { maxKeys: 5 }),
}));
const documentValue = fc.dictionary(text, value, { maxKeys: 6 });

describe('the direct YAML writer', () => {
  it('writes what the library writes, byte for byte, or leaves the document to it', () => {
    let direct = 0;
    fc.assert(
      fc.property(documentValue, (doc) => {
        const mine = emitManifestDocument(doc);
        if (mine !== undefined) {
          direct++;
          expect(mine).toBe(libraryYaml(doc));
        }
      }),
      { numRuns: 3000, seed: 12 },
    );
    // It must cover a real share, not pass by leaving everything to the library.
    expect(direct).toBeGreaterThan(300);
  });

  it('writes the shape of an Application itself', () => {
    const app = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'app-00001', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '1' }, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        project: 'platform',
        sources: [{ repoURL: 'https://charts.example.com/g', chart: 'svc', targetRevision: '1.0.0', helm: { valueFiles: ['$values/manifests/values/c01/app.yaml'] } }, { repoURL: 'https://github.com/example/x.git', ref: 'values' }],
        destination: { server: 'https://kubernetes.default.svc', namespace: 'app' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'] },
        ignoreDifferences: [],
        info: {},
        revisionHistoryLimit: 10,
      },
    };
    const mine = emitManifestDocument(app);
    expect(mine).toBeDefined();
    expect(mine).toBe(libraryYaml(app));
    expect(toYaml(app)).toBe(mine);
    expect(mine).toContain("    argocd.argoproj.io/sync-wave: \"1\"\n");
    expect(mine).toContain('  sources:\n    - chart: svc\n      helm:\n        valueFiles:\n          - $values/manifests/values/c01/app.yaml\n');
  });

  it('leaves multi-line strings, odd strings and objects of other kinds to the library', () => {
    for (const doc of [{ pem: 'a\nb\n' }, { v: 'a #b' }, { v: "'q'" }, { v: '-x' }, { v: 'a\tb' }, { v: new Date(0) }, { v: new Map() }, { v: [undefined] }, { v: () => 1 }, ['top-level list'], 'top-level string', { ['k'.repeat(1200)]: 1 }]) {
      expect(emitManifestDocument(doc)).toBeUndefined();
    }
  });
});
