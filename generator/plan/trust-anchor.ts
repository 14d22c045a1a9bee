import { X509Certificate } from 'node:crypto';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ClusterSettingsInput, ResolvedCluster } from '../model/config.js';
import { CLUSTER_FILE } from '../model/files.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * What is wrong with a pasted trust anchor, as sentences (empty when it is fine). Every
 * certificate of the PEM must be a CA certificate (basic constraints CA:TRUE), valid at `now`, with
 * an ECDSA P-256 or an RSA key of at least 2048 bits (what Linkerd's identity accepts). Only the
 * public certificate is read; its key is the declared input Secret.
 */
export function trustAnchorProblems(pem: string, now: Date): string[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) return ['it holds no PEM certificate block (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)'];
  const out: string[] = [];
  blocks.forEach((block, i) => {
    const which = blocks.length > 1 ? `certificate ${i + 1}` : 'the certificate';
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch (e) {
      out.push(`${which} cannot be read: ${(e as Error).message}`);
      return;
    }
    const subject = cert.subject.replace(/\n/g, ', ');
    if (!cert.ca) out.push(`${which} (${subject}) is not a CA certificate (its basic constraints say CA:FALSE or nothing), so it cannot anchor the identity issuer`);
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    if (to.getTime() <= now.getTime()) out.push(`${which} (${subject}) expired on ${to.toISOString().slice(0, 10)}`);
    else if (from.getTime() > now.getTime()) out.push(`${which} (${subject}) is not valid before ${from.toISOString().slice(0, 10)}`);
    const key = cert.publicKey;
    const details = key.asymmetricKeyDetails ?? {};
    if (key.asymmetricKeyType === 'ec') {
      if (details.namedCurve !== 'prime256v1') out.push(`${which} has an ECDSA key on curve ${details.namedCurve ?? 'unknown'}; use P-256 (prime256v1)`);
    } else if (key.asymmetricKeyType === 'rsa') {
      if ((details.modulusLength ?? 0) < 2048) out.push(`${which} has an RSA key of ${details.modulusLength ?? 0} bits; use at least 2048`);
    } else out.push(`${which} has a ${key.asymmetricKeyType ?? 'unknown'} key; use ECDSA P-256 or RSA of at least 2048 bits`);
  });
  return out;
}

/**
 * One PEM set under `defaults` is inherited by every cluster that does not set its own. In pem mode
 * those clusters share the declared root CA (one trust anchor for several clusters, by design);
 * a cluster that inherits the PEM but mints its own root CA (trust-manager mode) would be half
 * right: its issuers would not chain to the anchor the PEM names. Such clusters are an error.
 */
export function checkSharedTrustAnchor(clusters: readonly ResolvedCluster[], defaultsPem: string | undefined, overrideOf: (cluster: string) => ClusterSettingsInput, mintsRootCA: (cluster: ResolvedCluster) => boolean): Diagnostic[] {
  if (!defaultsPem) return [];
  const inheriting = clusters.filter((c) => overrideOf(c.name).linkerd?.trustAnchor?.pem === undefined);
  const minting = inheriting.filter((c) => c.settings.linkerd.trustAnchor.mode !== 'pem' && mintsRootCA(c));
  if (minting.length === 0) return [];
  const names = (cs: readonly ResolvedCluster[]) => cs.map((c) => `'${c.name}'`).join(', ');
  return [
    {
      severity: 'error',
      code: 'config/trust-anchor-inherited',
      file: CLUSTER_FILE,
      pointer: '/defaults/linkerd/trustAnchor/pem',
      message: `the trust anchor PEM under defaults is inherited by ${inheriting.length === 1 ? 'cluster' : 'clusters'} ${names(inheriting)}, but ${names(minting)} ${minting.length === 1 ? 'mints its' : 'mint their'} own root CA (trustAnchor.mode: ${minting[0]!.settings.linkerd.trustAnchor.mode}), whose issuers would not chain to that anchor`,
      hint: 'set trustAnchor.mode: pem for them too (every cluster inheriting the PEM then uses the same declared root CA input: one trust anchor across clusters), or move pem under the settings of the clusters that use it',
    },
  ];
}
