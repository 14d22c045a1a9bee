import { beforeAll, describe, expect, it } from 'vitest';
import { build, configCopy, fixtureFiles, lintEdited, lintFresh, replaceOnce, withCode, type Built } from './helpers.js';

const VIZ = 'manifests/resources/pi/linkerd-viz/';
const INGRESS = `${VIZ}ingress-web.yaml`;

describe('lint/viz-dashboard-auth', () => {
  let def: Built;
  beforeAll(async () => {
    def = await build(configCopy());
  });

  it('passes on the default dashboard Ingress (Traefik basicAuth middleware)', () => {
    expect(def.files.some((f) => f.path === INGRESS)).toBe(true);
    expect(withCode(lintFresh(def), 'viz-dashboard-auth')).toEqual([]);
  });

  it('reports the setting when the config exposes the dashboard without basicAuthSecret', async () => {
    const b = await build(configCopy({ 'cluster.yaml': replaceOnce(/basicAuthSecret: linkerd-viz-basic-auth/, 'basicAuthSecret: ""') }));
    const found = withCode(lintFresh(b), 'viz-dashboard-auth');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: 'cluster.yaml', pointer: '/defaults/linkerd/viz/basicAuthSecret' });
    expect(found[0]!.message).toMatch(/Ingress linkerd-viz\/web \(manifests\/resources\/pi\/linkerd-viz\/ingress-web\.yaml\) exposes the Linkerd dashboard/);
  });

  it('reports an Ingress whose middlewares were edited to drop the auth one', () => {
    const found = withCode(lintEdited(def, { [INGRESS]: replaceOnce('linkerd-viz-linkerd-viz-basic-auth@kubernetescrd,', '') }), 'viz-dashboard-auth');
    expect(found.map((d) => [d.file, d.pointer])).toEqual([[INGRESS, '/metadata/annotations']]);
  });

  it('does not trust a middleware that is not in the tree', () => {
    const found = withCode(lintEdited(def, { [`${VIZ}middleware-linkerd-viz-basic-auth.yaml`]: null }), 'viz-dashboard-auth');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/middleware linkerd-viz-linkerd-viz-basic-auth@kubernetescrd is not in the tree/)]);
  });

  it('reports an IngressRoute to the dashboard without an authenticating middleware', () => {
    const found = withCode(lintEdited(def, fixtureFiles('viz-ingressroute-open')), 'viz-dashboard-auth');
    expect(found.map((d) => [d.file, d.pointer])).toEqual([[`${VIZ}ingressroute-dashboard.yaml`, '/spec/routes/0']]);
  });

  it('accepts an IngressRoute whose middleware chain ends in forwardAuth', () => {
    expect(withCode(lintEdited(def, fixtureFiles('viz-ingressroute-auth')), 'viz-dashboard-auth')).toEqual([]);
  });

  it('reports an nginx Ingress without auth annotations and accepts one with auth-url', () => {
    const open = withCode(lintEdited(def, fixtureFiles('viz-nginx-open')), 'viz-dashboard-auth');
    expect(open.map((d) => d.file)).toEqual([`${VIZ}ingress-web-nginx.yaml`]);
    expect(withCode(lintEdited(def, fixtureFiles('viz-nginx-auth')), 'viz-dashboard-auth')).toEqual([]);
  });
});
