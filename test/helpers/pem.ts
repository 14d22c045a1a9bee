import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The test-only certificates of test/fixtures/pem/ (made once by make.sh there; no key is kept). */
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pem');

export function pemFixture(name: 'ca-ecdsa-p256' | 'ca-rsa-2048' | 'leaf-ecdsa-p256' | 'ca-ecdsa-p384' | 'ca-rsa-1024' | 'ca-expired'): string {
  return readFileSync(path.join(DIR, `${name}.pem`), 'utf8');
}

/** A good trust anchor: CA, ECDSA P-256, valid 2020-2120. */
export const TRUST_ANCHOR_PEM = pemFixture('ca-ecdsa-p256');

/** The declared input pem mode needs: the root CA's certificate and key, created at bootstrap. */
export const ROOT_CA_INPUT = { namespace: 'cert-manager', name: 'root-ca', type: 'kubernetes.io/tls', keys: ['tls.crt', 'tls.key'] };

/** The shipped cluster.yaml's declared inputs (the secrets inbox), as data. */
export const SHIPPED_INPUTS = [{ namespace: 'secrets-inbox', name: 'platform-inputs', keys: ['cloud'], files: ['cloud'], description: "Velero's object-store credentials (key cloud, an AWS credentials file)" }];

/**
 * The shipped cluster.yaml switched to the pem trust anchor: mode pem with TRUST_ANCHOR_PEM, and
 * the root CA declared as an input next to the shipped ones.
 */
export function shippedPemMode(text: string): string {
  const m = /trustAnchor:\n(\s+)mode: trust-manager/.exec(text);
  if (!m) throw new Error('cluster.yaml has no trust-manager trustAnchor');
  const pad = m[1]!;
  const pem = TRUST_ANCHOR_PEM.trimEnd().split('\n').map((l) => `${pad}  ${l}`).join('\n');
  let out = text.replace(m[0], `trustAnchor:\n${pad}mode: pem\n${pad}pem: |\n${pem}`);
  const inputs = /\n  inputs:\n/.exec(out);
  if (!inputs) throw new Error('cluster.yaml has no defaults.inputs');
  out = out.replace('\n  inputs:\n', '\n  inputs:\n    - { namespace: cert-manager, name: root-ca, type: kubernetes.io/tls, keys: [tls.crt, tls.key] }\n');
  return out;
}
