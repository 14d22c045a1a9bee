import type { Diagnostic } from '../../model/diagnostics.js';
import { DEFAULT_TRUST_DOMAIN, IDENTITY_ISSUER, identityIssuerName } from '../../components/linkerd-identity.js';
import { at, deployerOf, finding, fromTemplate, preferConfig } from '../blame.js';
import { appsOn, list, namespaceIn, obj, str, treeOf } from '../tree.js';
import type { LintRule } from '../types.js';

const REQUIRED_USAGES = ['cert sign', 'crl sign'];

/**
 * The identity controller signs every proxy's certificate with the issuer in Secret
 * `linkerd-identity-issuer`; it must be a CA named after the identity service in the control-plane
 * namespace and trust domain (`identity.linkerd.cluster.local` by default), or meshed pods never
 * get an identity.
 */
export const identityIssuer: LintRule = {
  id: 'identity-issuer',
  scope: 'tree',
  severity: 'error',
  title: 'the Linkerd identity issuer Certificate is not a CA, has the wrong common name, lacks cert sign/crl sign, or is outside the control-plane namespace',
  hint: 'isCA: true, commonName: identity.<linkerd namespace>.<trust domain>, usages including cert sign and crl sign, in the control-plane namespace',
  docs: 'lint-rules.md#identity-issuer',
  check(ctx) {
    const t = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const o of t.objects) {
      if (o.group !== 'cert-manager.io' || o.kind !== 'Certificate') continue;
      const spec = obj(o.data['spec']);
      if (str(spec['secretName']) !== IDENTITY_ISSUER) continue;
      const by = deployerOf(ctx, o);
      const cp = appsOn(t, by?.cluster).find((a) => a.chart === 'linkerd-control-plane');
      const certNs = namespaceIn(o, by);
      const ns = cp?.destinationNamespace ?? certNs ?? 'linkerd';
      // Linkerd names the issuer after its trust domain, which defaults to the cluster domain.
      const trustDomain = str(cp?.values['identityTrustDomain']) ?? str(cp?.values['clusterDomain']) ?? DEFAULT_TRUST_DOMAIN;
      const expected = identityIssuerName(ns, trustDomain);
      const name = `Certificate ${certNs ? `${certNs}/` : ''}${o.name}`;
      const place = (pointer: string) => preferConfig(ctx, at(ctx, o, pointer), fromTemplate(ctx, o, pointer));

      if (spec['isCA'] !== true) out.push(finding(this, place('/spec/isCA'), `${name} writes the Linkerd identity issuer but is not a CA (isCA is not true); the identity controller cannot sign proxy certificates with it`));
      const cn = str(spec['commonName']);
      if (cn !== expected) {
        out.push(
          finding(
            this,
            place('/spec/commonName'),
            `${name}: the identity issuer's commonName is ${cn === undefined ? 'not set' : `'${cn}'`}, but Linkerd expects '${expected}' (namespace ${ns}, trust domain ${trustDomain})`,
            `set commonName (and dnsNames) to ${expected}`,
          ),
        );
      }
      const usages = list(spec['usages']).filter((u): u is string => typeof u === 'string');
      const missing = REQUIRED_USAGES.filter((u) => !usages.includes(u));
      if (missing.length) {
        out.push(finding(this, place(spec['usages'] === undefined ? '/spec' : '/spec/usages'), `${name}: the identity issuer's usages lack ${missing.join(' and ')}, which a signing CA needs`, 'usages: [cert sign, crl sign, server auth, client auth]'));
      }
      if (cp && certNs !== undefined && certNs !== ns) {
        out.push(finding(this, place('/metadata/namespace'), `${name} is in namespace ${certNs}, but the control plane runs in ${ns} and reads Secret ${IDENTITY_ISSUER} there`, `move the Certificate to namespace ${ns}`));
      }
    }
    return out;
  },
};
