/** The identity issuer's lifetimes when cluster.yaml leaves them unset (the shipped one sets them). */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../generator/load/load-config.js';
import { planConfig } from '../../generator/plan/plan.js';
import { render } from '../../generator/render/render.js';
import type { K8sObject } from '../../generator/model/k8s.js';
import { makeRepo, MINIMAL_CLUSTER } from '../helpers.js';

describe('identity issuer defaults', () => {
  it('a config without linkerd.identityIssuer gets a 48h certificate renewed 25h before it expires', async () => {
    const root = makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/linkerd-identity.yaml': 'component: linkerd-identity\nnamespace: linkerd\n' });
    const config = await loadConfig(root);
    expect(config.sources.get('cluster.yaml')!.doc.hasIn(['defaults', 'linkerd', 'identityIssuer'])).toBe(false);
    const rendered = render(planConfig(config));
    const files = rendered.files.filter((f) => f.path === 'manifests/resources/pi/linkerd-identity/certificate-linkerd-identity-issuer.yaml');
    expect(files).toHaveLength(1);
    const cert = files[0]!.documents![0] as K8sObject & { spec: { duration: string; renewBefore: string } };
    expect(cert.kind).toBe('Certificate');
    expect(cert.spec.duration).toBe('48h0m0s');
    expect(cert.spec.renewBefore).toBe('25h0m0s');
  });
});
