import { beforeAll, describe, expect, it } from 'vitest';
import { build, configCopy, fixtureFiles, lintEdited, lintFresh, withCode, type Built } from './helpers.js';

const SECRET = 'manifests/resources/pi/linkerd-viz/secret-dashboard-users.yaml';
const CP_VALUES = 'manifests/values/pi/linkerd-control-plane.yaml';
// Not a real key: only the PEM armour matters to the rule.
const KEY_PEM = '-----BEGIN EC PRIVATE KEY-----\nTk9UIEEgUkVBTCBLRVk=\n-----END EC PRIVATE KEY-----\n';

describe('lint/secret-in-git', () => {
  let def: Built;
  beforeAll(async () => {
    def = await build(configCopy());
  });

  it('passes on the default tree, on Secrets without values, SealedSecrets and a custom kind named Secret', () => {
    expect(withCode(lintFresh(def), 'secret-in-git')).toEqual([]);
    expect(withCode(lintEdited(def, fixtureFiles('secret-references')), 'secret-in-git')).toEqual([]);
  });

  it('reports a Secret manifest with stringData', () => {
    const found = withCode(lintEdited(def, fixtureFiles('secret-data')), 'secret-in-git');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: SECRET, pointer: '/stringData' });
    expect(found[0]!.message).toMatch(/Secret dashboard-users carries stringData/);
  });

  it('reports a Secret a chart would render from values', () => {
    const extra = 'extraObjects:\n  - apiVersion: v1\n    kind: Secret\n    metadata:\n      name: token\n    data:\n      token: c2VjcmV0\n';
    const found = withCode(lintEdited(def, { [CP_VALUES]: (t) => t + extra }), 'secret-in-git');
    expect(found.map((d) => [d.file, d.pointer])).toEqual([[CP_VALUES, '/extraObjects/0/data']]);
    expect(found[0]!.message).toMatch(/Secret token inside \/extraObjects\/0 carries data/);
  });

  it('reports a private key in values (the chart would render it into a Secret)', () => {
    const found = withCode(lintEdited(def, { [CP_VALUES]: (t) => t.replace('  issuer:\n', `  issuer:\n    tls:\n      keyPEM: |\n${KEY_PEM.replace(/^/gm, '        ').trimEnd()}\n`) }), 'secret-in-git');
    expect(found.map((d) => d.pointer)).toEqual(['/identity/issuer/tls/keyPEM']);
    expect(found[0]!.message).toBe(`a PEM private key at /identity/issuer/tls/keyPEM (${CP_VALUES}) would be committed to git`);
    expect(found[0]!.hint).toMatch(/let cert-manager issue the key in the cluster/);
  });

  it('reports a file that is nothing but a private key, at the document root', () => {
    const found = withCode(lintEdited(def, { [SECRET]: `|\n${KEY_PEM.replace(/^/gm, '  ').trimEnd()}\n` }), 'secret-in-git');
    expect(found.map((d) => d.message)).toEqual([`a PEM private key at / (${SECRET}) would be committed to git`]);
  });

  it('reports a Secret in values without apiVersion or name, as "(unnamed)"', () => {
    const extra = 'extraObjects:\n  - kind: Secret\n    stringData:\n      token: secret\n  - kind: Secret\n    metadata:\n      labels: {app: x}\n    data:\n      token: c2VjcmV0\n';
    const found = withCode(lintEdited(def, { [CP_VALUES]: (t) => t + extra }), 'secret-in-git');
    expect(found.map((d) => [d.pointer, d.message])).toEqual([
      ['/extraObjects/0/stringData', `Secret (unnamed) inside /extraObjects/0 carries stringData (${CP_VALUES}); its values would be committed to git`],
      ['/extraObjects/1/data', `Secret (unnamed) inside /extraObjects/1 carries data (${CP_VALUES}); its values would be committed to git`],
    ]);
  });

  it('reports a Secret once, not again for a private key among its values', () => {
    const keyed = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\nstringData:\n  tls.key: |\n${KEY_PEM.replace(/^/gm, '    ').trimEnd()}\n`;
    const found = withCode(lintEdited(def, { [SECRET]: keyed }), 'secret-in-git');
    expect(found.map((d) => [d.file, d.pointer])).toEqual([[SECRET, '/stringData']]);
  });

  it('points at the operator template that renders the Secret', async () => {
    const b = await build(configCopy({ 'values/linkerd-viz/resources/users.yaml': fixtureFiles('secret-data')[SECRET]! }));
    const found = withCode(lintFresh(b), 'secret-in-git');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'values/linkerd-viz/resources/users.yaml', pointer: '/stringData' });
    expect(found[0]!.line).toBe(9);
  });
});
