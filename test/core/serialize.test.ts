import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isAmbiguousString, renderYamlFile, toYaml } from '../../generator/core/serialize.js';
import { headerComment, isGeneratedText } from '../../generator/model/files.js';

describe('deterministic YAML that Helm reads as meant', () => {
  it.each(['yes', 'no', 'on', 'off', 'y', 'n', 'True', 'NO', '1.10', '0o17', '0x1F', '1_000', '2024-01-01', '1:20', '', '~', 'null', '.inf'])(
    'quotes %j, which YAML 1.1 or Go would not read as a string',
    (s) => {
      expect(isAmbiguousString(s)).toBe(true);
      const out = toYaml({ v: s });
      expect(out).toBe(`v: ${JSON.stringify(s)}\n`);
      expect(parse(out, { version: '1.1' })).toEqual({ v: s });
    },
  );

  it('leaves ordinary strings plain', () => {
    expect(toYaml({ a: 'linkerd', b: 'kubernetes.io/tls', c: '48h0m0s' })).toBe('a: linkerd\nb: kubernetes.io/tls\nc: 48h0m0s\n');
  });

  it('quotes keys that YAML 1.1 reads as booleans', () => {
    expect(toYaml({ on: 1, y: 2 })).toBe('"on": 1\n"y": 2\n');
  });

  it('writes multi-line strings (PEM) as block literals and round-trips them', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBxTCCAWugAwIBAgIR\n-----END CERTIFICATE-----\n';
    const out = toYaml({ identityTrustAnchorsPEM: pem });
    expect(out).toBe('identityTrustAnchorsPEM: |\n  -----BEGIN CERTIFICATE-----\n  MIIBxTCCAWugAwIBAgIR\n  -----END CERTIFICATE-----\n');
    expect(parse(out)).toEqual({ identityTrustAnchorsPEM: pem });
  });

  it('never folds long lines', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    expect(toYaml({ long }).split('\n')).toHaveLength(2);
  });

  it('sorts keys so insertion order never shows', () => {
    expect(toYaml({ b: 1, a: { d: 1, c: 2 } })).toBe(toYaml({ a: { c: 2, d: 1 }, b: 1 }));
    expect(toYaml({ b: 1, a: 2 })).toBe('a: 2\nb: 1\n');
  });

  it('keeps list order', () => {
    expect(toYaml({ l: ['b', 'a'] })).toBe('l:\n  - b\n  - a\n');
  });

  it('starts every file with a header naming its sources, which marks it as generated', () => {
    const text = renderYamlFile(['values/a/values.yaml', 'cluster.yaml', 'cluster.yaml'], [{ a: 1 }, { b: 2 }]);
    expect(text.startsWith(headerComment(['cluster.yaml', 'values/a/values.yaml']))).toBe(true);
    expect(text).toContain('# Sources: cluster.yaml, values/a/values.yaml\n');
    expect(text).toContain('a: 1\n---\nb: 2\n');
    expect(isGeneratedText(text)).toBe(true);
    expect(isGeneratedText('apiVersion: v1\n')).toBe(false);
  });
});

describe('the fast path for plain words agrees with the parser', () => {
  // (Not `e5`: the yaml package's 1.1 float pattern takes it for a number; go-yaml and strconv,
  // which Helm uses, read it as a string, and so does the fast path.)
  it.each(['Yes', 'OFF', 'Null', 'NULL', 'True', 'N', 'linkerd', 'kubernetes.io/tls', 'v1.2.3', 'a-b_c.d/e', 'infinity', 'nan'])('%s', (s) => {
    const parsed11 = parse(`v: ${s}`, { version: '1.1' }) as { v: unknown };
    const parsed12 = parse(`v: ${s}`) as { v: unknown };
    expect(isAmbiguousString(s)).toBe(typeof parsed11.v !== 'string' || typeof parsed12.v !== 'string');
  });
});

describe('the fast path for URLs, paths and options agrees with the parser', () => {
  const reads = (s: string) => {
    const v11 = (parse(`v: ${s}`, { version: '1.1' }) as { v: unknown }).v;
    const v12 = (parse(`v: ${s}`) as { v: unknown }).v;
    return typeof v11 !== 'string' || typeof v12 !== 'string';
  };
  it.each(['https://10.0.0.1:6443', '$values/manifests/values/c01/app.yaml', 'CreateNamespace=true', 'a:b:c', 'user@host', 'a::b', 'x=1:2'])('%s', (s) => {
    expect(isAmbiguousString(s)).toBe(false);
    expect(reads(s)).toBe(false);
  });

  it('for generated text of that shape', () => {
    fc.assert(
      // Plain words (letters first, no `: = @ $`) are the older fast path's, tested above.
      fc.property(fc.stringMatching(/^[A-Za-z$][A-Za-z0-9_./=@$:-]{0,12}[A-Za-z0-9_./=@$-]$/).filter((s) => !/^[A-Za-z][A-Za-z0-9_./-]*$/.test(s)), (s) => {
        expect(isAmbiguousString(s)).toBe(reads(s));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('still quotes what a colon at the end makes a map', () => {
    expect(isAmbiguousString('a:')).toBe(true);
  });
});

describe('no YAML anchors in generated files', () => {
  it('writes a shared object out in full at each place', () => {
    const labels = { app: 'x' };
    expect(toYaml({ a: labels, b: labels })).toBe('a:\n  app: x\nb:\n  app: x\n');
  });
});
