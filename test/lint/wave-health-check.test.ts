import { rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, configCopy, fixtureFiles, lintEdited, lintFresh, replaceOnce, withCode, type Built } from './helpers.js';

/** Where the shipped tree keeps its health checks: the argocd app's values (configs.cm). */
const ARGOCD_VALUES = 'manifests/values/pi/argocd.yaml';
/** Where a tree without the argocd app keeps them. */
const ARGOCD_CM = 'manifests/bootstrap/argocd-cm.yaml';
const IDENTITY = 'manifests/resources/pi/linkerd-identity/';

/** A map holding health-check keys (at `indent`) without one of them (the key and its Lua block). */
function dropHealthCheck(key: string, indent = 4): (text: string) => string {
  return (text) => {
    const pad = ' '.repeat(indent);
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith(`${pad}${key}:`));
    expect(start).toBeGreaterThan(0);
    let end = start + 1;
    while (end < lines.length && lines[end]!.startsWith(`${pad}  `)) end++;
    return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
  };
}

describe('lint/wave-health-check', () => {
  let def: Built;
  beforeAll(async () => {
    def = await build(configCopy());
  });

  it('passes for the Linkerd apps: Bundle has its generated check, Certificates a built-in one', () => {
    const found = withCode(lintFresh(def), 'wave-health-check');
    expect(found.filter((d) => d.file?.startsWith(IDENTITY) || d.file?.startsWith('manifests/apps/'))).toEqual([]);
  });

  it('passes for kinds without readiness (ConfigMap) before a wave boundary', () => {
    const found = withCode(lintEdited(def, fixtureFiles('health-configmap')), 'wave-health-check');
    expect(found.filter((d) => d.file?.startsWith(IDENTITY))).toEqual([]);
  });

  it('warns when argocd-cm lacks the Bundle check: linkerd-crds would not wait for the trust roots', () => {
    const found = withCode(lintEdited(def, { [ARGOCD_VALUES]: dropHealthCheck('resource.customizations.health.trust.cert-manager.io_Bundle') }), 'wave-health-check');
    const bundle = found.filter((d) => d.file === `${IDENTITY}bundle-linkerd-identity-trust-roots.yaml`);
    expect(bundle).toHaveLength(1);
    expect(bundle[0]).toMatchObject({ severity: 'warning', pointer: '/kind' });
    expect(bundle[0]!.message).toMatch(/pi-linkerd-crds depends on Application pi-linkerd-identity, which deploys linkerd-identity-trust-roots \(trust\.cert-manager\.io\/Bundle\)/);
  });

  it('warns when argocd-cm lacks the Application check: waves between Applications gate nothing', () => {
    const found = withCode(lintEdited(def, { [ARGOCD_VALUES]: dropHealthCheck('resource.customizations.health.argoproj.io_Application') }), 'wave-health-check');
    const apps = found.filter((d) => d.message.startsWith('Application root syncs'));
    expect(apps).toHaveLength(1);
    expect(apps[0]!.message).toMatch(/\(argoproj\.io\/Application\) before sync wave \d+, but Argo CD has no health check for argoproj\.io\/Application/);
    expect(apps[0]!.hint).toMatch(/resource\.customizations\.health\.argoproj\.io_Application/);
  });

  it('reads the checks from bootstrap/argocd-cm.yaml in a tree that does not manage Argo CD', async () => {
    const root = configCopy();
    rmSync(path.join(root, 'apps/argocd.yaml'));
    const b = await build(root);
    expect(b.files.map((f) => f.path)).toContain(ARGOCD_CM);
    expect(withCode(lintFresh(b), 'wave-health-check').filter((d) => d.file?.startsWith(IDENTITY))).toEqual([]);
    const found = withCode(lintEdited(b, { [ARGOCD_CM]: dropHealthCheck('resource.customizations.health.trust.cert-manager.io_Bundle', 2) }), 'wave-health-check');
    expect(found.filter((d) => d.file === `${IDENTITY}bundle-linkerd-identity-trust-roots.yaml`)).toHaveLength(1);
  });

  it('warns about a linkerd.io policy kind in an app others depend on', () => {
    const found = withCode(lintEdited(def, fixtureFiles('health-server')), 'wave-health-check');
    expect(found.filter((d) => d.file === `${IDENTITY}server-identity.yaml`).map((d) => d.message)).toEqual([expect.stringMatching(/identity-grpc \(policy\.linkerd\.io\/Server\)/)]);
  });

  it('counts a kind as checked by Argo CD only from the release that ships its check (argocd.version)', async () => {
    // cert-manager's Certificate check came with Argo CD 1.4; the control plane waits on the issuer Certificate.
    const old = await build(configCopy({ 'cluster.yaml': replaceOnce('argocd:\n  namespace: argocd\n', 'argocd:\n  namespace: argocd\n  version: "1.3"\n') }));
    const found = withCode(lintFresh(old), 'wave-health-check').filter((d) => d.file === `${IDENTITY}certificate-linkerd-identity-issuer.yaml`);
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/\(cert-manager\.io\/Certificate\); Argo CD has no health check for cert-manager\.io\/Certificate/)]);
    expect(withCode(lintFresh(def), 'wave-health-check').filter((d) => d.file === `${IDENTITY}certificate-linkerd-identity-issuer.yaml`)).toEqual([]);
  });
});
