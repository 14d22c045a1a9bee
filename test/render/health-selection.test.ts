import { describe, expect, it } from 'vitest';
import { ARGOCD_BUILT_IN_HEALTH, argocdChecksHealth, minorAtLeast } from '../../generator/model/argocd-health.js';
import { DEFAULT_ARGOCD_VERSION } from '../../generator/model/defaults.js';
import { healthChecksFor, healthKey, shippedHealthChecks, type HealthCheck } from '../../generator/render/health-checks.js';

const keys = (r: Record<string, string>) => Object.keys(r).sort();
const APP = healthKey('argoproj.io', 'Application');
const APPSET = healthKey('argoproj.io', 'ApplicationSet');
const BUNDLE = healthKey('trust.cert-manager.io', 'Bundle');
const KIBANA = healthKey('kibana.k8s.elastic.co', 'Kibana');

describe('the built-in health check table', () => {
  it('compares major.minor versions numerically', () => {
    expect(minorAtLeast('3.4', '3.4')).toBe(true);
    expect(minorAtLeast('2.10', '2.9')).toBe(true);
    expect(minorAtLeast('2.9', '2.10')).toBe(false);
    expect(minorAtLeast('3.0', '2.14')).toBe(true);
    expect(minorAtLeast('latest', '1.0')).toBe(false);
  });

  it('knows Argo CD checks ExternalSecret from 2.3 on, and has no Application, Bundle or Kibana check', () => {
    expect(argocdChecksHealth('external-secrets.io', 'ExternalSecret', '2.3')).toBe(true);
    expect(argocdChecksHealth('external-secrets.io', 'ExternalSecret', '2.2')).toBe(false);
    for (const v of ['2.2', DEFAULT_ARGOCD_VERSION, '9.9']) {
      expect(argocdChecksHealth('argoproj.io', 'Application', v)).toBe(false);
      expect(argocdChecksHealth('trust.cert-manager.io', 'Bundle', v)).toBe(false);
      expect(argocdChecksHealth('kibana.k8s.elastic.co', 'Kibana', v)).toBe(false);
    }
  });

  it('lists every kind once, with a major.minor release', () => {
    const kinds = ARGOCD_BUILT_IN_HEALTH.map((c) => `${c.group}/${c.kind}`);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const c of ARGOCD_BUILT_IN_HEALTH) expect(c.since).toMatch(/^\d+\.\d+$/);
  });
});

describe('which health checks argocd-cm gets', () => {
  it('for the shipped checks at the default version: Application and ApplicationSet always, Bundle and Kibana when in the tree', () => {
    expect(keys(healthChecksFor(new Set(), DEFAULT_ARGOCD_VERSION))).toEqual([APP, APPSET]);
    expect(keys(healthChecksFor(new Set(['trust.cert-manager.io/Bundle', 'kibana.k8s.elastic.co/Kibana', 'apps/Deployment']), DEFAULT_ARGOCD_VERSION))).toEqual([APP, APPSET, KIBANA, BUNDLE].sort());
    const lua = healthChecksFor(new Set(), DEFAULT_ARGOCD_VERSION)[APP];
    expect(lua).toBe(shippedHealthChecks().find((c) => c.kind === 'Application')!.lua);
  });

  it('keeps the ApplicationSet check although Argo CD has its own: that one does not wait for the generated apps', () => {
    expect(ARGOCD_BUILT_IN_HEALTH.find((c) => c.kind === 'ApplicationSet')?.insufficient).toMatch(/not once they are healthy/);
    for (const v of ['2.2', '2.3', DEFAULT_ARGOCD_VERSION]) expect(keys(healthChecksFor(new Set(['argoproj.io/ApplicationSet']), v))).toContain(APPSET);
  });

  // No shipped check is for a kind Argo CD has (ApplicationSet aside), so a check of our own for
  // one stands in: it must be dropped where Argo CD has its own, and kept for an older release.
  const externalSecret: HealthCheck = { group: 'external-secrets.io', kind: 'ExternalSecret', lua: 'return { status = "Healthy", message = "" }\n' };
  const inTree = new Set(['external-secrets.io/ExternalSecret']);
  const ES = healthKey('external-secrets.io', 'ExternalSecret');

  it('emits no check for a kind Argo CD checks at the targeted version', () => {
    expect(healthChecksFor(inTree, DEFAULT_ARGOCD_VERSION, [externalSecret])).toEqual({});
    expect(healthChecksFor(inTree, '2.3', [externalSecret])).toEqual({});
  });

  it('emits the check for the same kind when the targeted Argo CD is older than its built-in one', () => {
    expect(healthChecksFor(inTree, '2.2', [externalSecret])).toEqual({ [ES]: externalSecret.lua });
  });

  it('emits nothing for a kind that is not in the tree', () => {
    expect(healthChecksFor(new Set(['apps/Deployment']), '2.2', [externalSecret])).toEqual({});
  });
});
