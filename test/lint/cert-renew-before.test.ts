import { beforeAll, describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../generator/lint/duration.js';
import { build, configCopy, lintEdited, lintFresh, replaceOnce, withCode, type Built } from './helpers.js';

const ISSUER = 'manifests/resources/pi/linkerd-identity/certificate-linkerd-identity-issuer.yaml';
const ROOT_CA = 'manifests/resources/pi/cert-manager/certificate-root-ca.yaml';

describe('Go durations', () => {
  it('parses what time.ParseDuration accepts', () => {
    expect(parseGoDuration('48h0m0s')).toBe(48 * 3600e9);
    expect(parseGoDuration('25h')).toBe(25 * 3600e9);
    expect(parseGoDuration('90m')).toBe(90 * 60e9);
    expect(parseGoDuration('1.5h')).toBe(90 * 60e9);
    expect(parseGoDuration('1h30m15s')).toBe((3600 + 1800 + 15) * 1e9);
    expect(parseGoDuration('0')).toBe(0);
  });
  it('rejects what it does not', () => {
    for (const bad of ['90d', '48', '', 'h', '1h 30m', '1H']) expect(parseGoDuration(bad), bad).toBeUndefined();
  });
});

describe('lint/cert-renew-before', () => {
  let def: Built;
  beforeAll(async () => {
    def = await build(configCopy());
  });

  it('passes on the default tree (48h0m0s / 25h0m0s) and with minutes below hours', () => {
    expect(withCode(lintFresh(def), 'cert-renew-before')).toEqual([]);
    expect(withCode(lintEdited(def, { [ISSUER]: (t) => t.replace('duration: 48h0m0s', 'duration: 2h').replace('renewBefore: 25h0m0s', 'renewBefore: 90m') }), 'cert-renew-before')).toEqual([]);
  });

  it('reports the setting in cluster.yaml when the config causes it', async () => {
    const b = await build(configCopy({ 'cluster.yaml': replaceOnce('renewBefore: 25h0m0s', 'renewBefore: 49h') }));
    const found = withCode(lintFresh(b), 'cert-renew-before');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: 'cluster.yaml', pointer: '/defaults/linkerd/identityIssuer/renewBefore' });
    expect(found[0]!.line).toBeGreaterThan(1);
    expect(found[0]!.message).toMatch(/renewBefore 49h0m0s is not below duration 48h0m0s/);
  });

  it('reports a hand-edited Certificate in its file', () => {
    const found = withCode(lintEdited(def, { [ROOT_CA]: (t) => t.replace(/renewBefore: .*/, 'renewBefore: 100000h') }), 'cert-renew-before');
    expect(found.map((d) => [d.file, d.pointer])).toEqual([[ROOT_CA, '/spec/renewBefore']]);
  });

  it('reports durations that are not Go durations', () => {
    const found = withCode(lintEdited(def, { [ISSUER]: replaceOnce('renewBefore: 25h0m0s', 'renewBefore: 1d') }), 'cert-renew-before');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/renewBefore '1d' is not a Go duration/)]);
  });

  it("compares with cert-manager's default duration when none is set", () => {
    const found = withCode(lintEdited(def, { [ISSUER]: (t) => t.replace(/^ *duration: 48h0m0s\n/m, '').replace('renewBefore: 25h0m0s', 'renewBefore: 2200h') }), 'cert-renew-before');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/not below duration 2160h0m0s \(cert-manager's default\)/)]);
  });
});
