/** Keys and hints shared by several Linkerd charts. */
import { ANY, leaves, until, type KeyNode } from './tree.js';

/** Removed from every Linkerd chart in 2.12, together with the namespace templates Helm used. */
export const INSTALL_NAMESPACE: KeyNode = until(
  '2.12',
  ANY,
  'the Linkerd charts never create their namespace under Helm or Argo CD; the generator writes the Namespace ' +
    '(with its labels and annotations) itself, so drop this key',
);

/** Certificate keys of every webhook the charts render (injectors, validators, tap). */
export const WEBHOOK_CERT_KEYS: Record<string, KeyNode> = leaves(
  'externalSecret',
  'crtPEM',
  'keyPEM',
  'caBundle',
  'injectCaFrom',
  'injectCaFromSecret',
);

/** `createNamespaceMetadataJob` on the extension charts (viz, jaeger). */
export const NAMESPACE_METADATA_JOB_HINT =
  'before Linkerd 2.15 the chart always renders the namespace-metadata hook Job (Argo CD runs it as a PostSync hook); ' +
  'it cannot be switched off';
