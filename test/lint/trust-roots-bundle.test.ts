import { beforeAll, describe, expect, it } from 'vitest';
import { build, configCopy, lintEdited, lintFresh, replaceOnce, withCode, type Built } from './helpers.js';
import { shippedPemMode } from '../helpers/pem.js';

const BUNDLE = 'manifests/resources/pi/linkerd-identity/bundle-linkerd-identity-trust-roots.yaml';
const CP_VALUES = 'manifests/values/pi/linkerd-control-plane.yaml';
// The test CA of test/fixtures/pem, with the root CA declared as an input.
const PEM_MODE = shippedPemMode;

describe('lint/trust-roots-bundle', () => {
  let def: Built;
  beforeAll(async () => {
    def = await build(configCopy());
  });

  it('passes with externalCA and the Bundle (trust-manager mode) and with neither (pem mode)', async () => {
    expect(withCode(lintFresh(def), 'trust-roots-bundle')).toEqual([]);
    const pem = await build(configCopy({ 'cluster.yaml': PEM_MODE }));
    expect(pem.files.some((f) => f.path === BUNDLE)).toBe(false);
    expect(withCode(lintFresh(pem), 'trust-roots-bundle')).toEqual([]);
  });

  it('reports externalCA: true without a Bundle on the cluster', () => {
    const found = withCode(lintEdited(def, { [BUNDLE]: null }), 'trust-roots-bundle');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: CP_VALUES, pointer: '/identity/externalCA' });
    expect(found[0]!.message).toMatch(/identity\.externalCA: true, but no trust-manager Bundle linkerd-identity-trust-roots is deployed on cluster pi/);
  });

  it('points at the values template when the operator turned externalCA on there', async () => {
    const b = await build(
      configCopy({
        'cluster.yaml': PEM_MODE,
        'values/linkerd-control-plane/values.yaml': (t) => `${t}identity:\n  externalCA: true\n`,
      }),
    );
    const found = withCode(lintFresh(b), 'trust-roots-bundle');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'values/linkerd-control-plane/values.yaml', pointer: '/identity/externalCA' });
    expect(found[0]!.line).toBeGreaterThan(1);
  });

  it('reports a Bundle whose namespaceSelector misses the control-plane namespace', () => {
    const found = withCode(lintEdited(def, { [BUNDLE]: replaceOnce('linkerd.io/is-control-plane: "true"', 'linkerd.io/is-control-plane: "yes"') }), 'trust-roots-bundle');
    expect(found.map((d) => [d.file, d.pointer])).toEqual([[BUNDLE, '/spec/target/namespaceSelector']]);
    expect(found[0]!.message).toMatch(/does not select namespace linkerd/);
  });

  it('reports a Bundle writing another key', () => {
    const found = withCode(lintEdited(def, { [BUNDLE]: replaceOnce('key: ca-bundle.crt', 'key: ca.crt') }), 'trust-roots-bundle');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/writes key 'ca\.crt', but Linkerd reads ca-bundle\.crt/)]);
  });

  it('reports a Bundle fighting the chart over the ConfigMap when externalCA is false', () => {
    const found = withCode(lintEdited(def, { [CP_VALUES]: replaceOnce('externalCA: true', 'externalCA: false') }), 'trust-roots-bundle');
    expect(found.map((d) => [d.file, d.message])).toEqual([[BUNDLE, expect.stringMatching(/Argo CD and trust-manager would overwrite each other/)]]);
  });
});
