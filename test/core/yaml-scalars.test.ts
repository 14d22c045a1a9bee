/**
 * Manifest scalars are read as sigs.k8s.io/yaml (go-yaml v2) reads them, by both readers: the fast
 * one (js-yaml) and the positioned one (`yaml`), which takes over whenever a file has an error.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifestFile, parseWithYaml } from '../../generator/core/manifest-documents.js';
import { makeRepo, MINIMAL_CLUSTER, run } from '../helpers.js';

/** Plain scalar text -> what go-yaml v2's resolve gives (after sigs.k8s.io/yaml's JSON step). */
const TABLE: [string, unknown][] = [
  // No sexagesimals (go-yaml never had them): these stay strings.
  ['1:20', '1:20'],
  ['1:30', '1:30'],
  ['-1:30', '-1:30'],
  ['190:20:30', '190:20:30'],
  ['1:30.5', '1:30.5'],
  // YAML 1.1 booleans, exactly these spellings.
  ['y', true],
  ['Y', true],
  ['yes', true],
  ['Yes', true],
  ['on', true],
  ['ON', true],
  ['true', true],
  ['n', false],
  ['NO', false],
  ['off', false],
  ['False', false],
  ['YeS', 'YeS'],
  ['oN', 'oN'],
  // null
  ['~', null],
  ['null', null],
  ['NULL', null],
  ['nULL', 'nULL'],
  // Integers: Go literals, underscores removed first.
  ['0755', 493],
  ['0o17', 15],
  ['0O17', 15],
  ['0x1F', 31],
  ['0b101', 5],
  ['-0b101', -5],
  ['+12', 12],
  ['-0', 0],
  ['1_000', 1000],
  ['1__0', 10],
  ['0x_1F', 31],
  ['18446744073709551615', 18446744073709551615],
  ['0xFFFFFFFFFFFFFFFF', 18446744073709551615],
  ['0xFFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFFF'],
  ['-0x8000000000000001', '-0x8000000000000001'],
  // Floats: go-yaml's pattern, finite values only.
  ['08', 8],
  ['09.5', 9.5],
  ['1e5', 100000],
  ['12e03', 12000],
  ['1.', 1],
  ['.5', 0.5],
  ['+.5', 0.5],
  ['.5e1', 5],
  ['.inf', Infinity],
  ['-.Inf', -Infinity],
  ['+.INF', Infinity],
  ['.NaN', NaN],
  ['+.nan', '+.nan'],
  ['1e400', '1e400'],
  ['1e', '1e'],
  ['0x', '0x'],
  ['0b2', '0b2'],
  ['0x1p-2', '0x1p-2'],
  ['+', '+'],
  ['-x', '-x'],
  ['_1', '_1'],
  ['._5', '._5'],
  // Timestamps stay strings.
  ['2024-01-01', '2024-01-01'],
  ['2024-01-01T10:00:00Z', '2024-01-01T10:00:00Z'],
  ['2001-12-14 21:59:43.10', '2001-12-14 21:59:43.10'],
  // Quoted text is always a string.
  ['"yes"', 'yes'],
  ["'1:20'", '1:20'],
];

describe('manifest scalars as go-yaml v2 reads them', () => {
  it.each(TABLE)('%s', (text, want) => {
    const file = { path: 'x.yaml', text: `a: ${text}\n` };
    const fast = parseManifestFile(file).docs[0]!.object as { a: unknown };
    const exact = parseWithYaml(file).docs[0]!.object as { a: unknown };
    expect(fast.a).toEqual(want);
    expect(exact.a).toEqual(want);
  });

  it('reads keys the same way in both readers', () => {
    const file = { path: 'x.yaml', text: 'yes: 1\n0x1F: 2\n1:20: 3\n' };
    const want = { true: 1, 31: 2, '1:20': 3 };
    expect(parseManifestFile(file).docs[0]!.object).toEqual(want);
    expect(parseWithYaml(file).docs[0]!.object).toEqual(want);
  });
});

describe('invalid UTF-8 in a committed manifest', () => {
  it('is an error naming the file, line and column, not a silent U+FFFD', async () => {
    const root = makeRepo({
      'cluster.yaml': MINIMAL_CLUSTER,
      'apps/web.yaml': 'namespace: web\nchart:\n  repoURL: https://charts.example.com\n  name: web\n  version: 1.2.3\n',
    });
    expect((await run(['generate', '--root', root])).code).toBe(0);
    writeFileSync(path.join(root, 'manifests/apps/pi/extra.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const r = await run(['check', '--root', root]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/manifests\/apps\/pi\/extra\.yaml:4:12: error \[check\/invalid-utf8\] is not valid UTF-8 \(byte 0xe9\)/);
    expect(r.out).not.toContain('\ufffd');
  });
});
