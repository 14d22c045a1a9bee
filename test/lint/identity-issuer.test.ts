import { beforeAll, describe, expect, it } from 'vitest';
import { build, configCopy, lintEdited, lintFresh, replaceOnce, withCode, type Built } from './helpers.js';

const ISSUER = 'manifests/resources/pi/linkerd-identity/certificate-linkerd-identity-issuer.yaml';
const CP_VALUES = 'manifests/values/pi/linkerd-control-plane.yaml';

describe('lint/identity-issuer', () => {
  let def: Built;
  beforeAll(async () => {
    def = await build(configCopy());
  });

  it('passes on the default identity issuer', () => {
    expect(withCode(lintFresh(def), 'identity-issuer')).toEqual([]);
  });

  it('reports an issuer that is not a CA', () => {
    const found = withCode(lintEdited(def, { [ISSUER]: replaceOnce('isCA: true', 'isCA: false') }), 'identity-issuer');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: ISSUER, pointer: '/spec/isCA' });
    expect(found[0]!.message).toMatch(/is not a CA/);
  });

  it('reports a wrong common name', () => {
    const found = withCode(lintEdited(def, { [ISSUER]: replaceOnce('commonName: identity.linkerd.cluster.local', 'commonName: root.linkerd.cluster.local') }), 'identity-issuer');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/commonName is 'root\.linkerd\.cluster\.local', but Linkerd expects 'identity\.linkerd\.cluster\.local'/)]);
  });

  it('derives the expected name from the control plane trust domain', () => {
    const found = withCode(lintEdited(def, { [CP_VALUES]: (t) => `${t}identityTrustDomain: example.org\n` }), 'identity-issuer');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/Linkerd expects 'identity\.linkerd\.example\.org'/)]);
  });

  it('reports missing cert sign / crl sign usages', () => {
    const found = withCode(lintEdited(def, { [ISSUER]: replaceOnce('    - crl sign\n', '') }), 'identity-issuer');
    expect(found.map((d) => [d.pointer, d.message])).toEqual([['/spec/usages', expect.stringMatching(/lack crl sign/)]]);
  });
});
