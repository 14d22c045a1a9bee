import type { Diagnostic } from '../../model/diagnostics.js';
import { isPlainObject } from '../../core/merge.js';
import { encodePointer } from '../../model/source.js';
import { at, finding, fromTemplate, preferConfig } from '../blame.js';
import type { LintContext, LintDocument, LintRule } from '../types.js';

const PRIVATE_KEY = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/;

/**
 * Everything under manifests/ is committed and readable by whoever can read the repository. Secret
 * values belong in the cluster (External Secrets, Sealed Secrets, cert-manager), never in git
 * Caught: Secret objects with data or stringData anywhere in a document (a
 * manifest, or an object a chart would render from values such as `extraObjects`), and any
 * PEM private key (e.g. Linkerd's `identity.issuer.tls.keyPEM`).
 */
export const secretInGit: LintRule = {
  id: 'secret-in-git',
  scope: 'tree',
  severity: 'error',
  title: 'a Secret with data or stringData, or a private key, would be committed to git',
  hint: 'create the Secret in the cluster (External Secrets, Sealed Secrets, or cert-manager for keys) and reference it by name',
  docs: 'lint-rules.md#secret-in-git',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      walk(doc.data, [], (value, path) => {
        if (isPlainObject(value) && value['kind'] === 'Secret' && (apiVersionIsCore(value['apiVersion']) || path.length > 0)) {
          const field = (['data', 'stringData'] as const).find((f) => isPlainObject(value[f]) && Object.keys(value[f] as object).length > 0);
          if (field) {
            const name = isPlainObject(value['metadata']) && typeof value['metadata']['name'] === 'string' ? value['metadata']['name'] : '(unnamed)';
            const inValues = path.length > 0 ? ` inside ${encodePointer(path)}` : '';
            out.push(finding(this, place(ctx, doc, encodePointer([...path, field])), `Secret ${name}${inValues} carries ${field} (${doc.file}); its values would be committed to git`));
            return false;
          }
        }
        if (typeof value === 'string' && PRIVATE_KEY.test(value)) {
          out.push(finding(this, place(ctx, doc, encodePointer(path)), `a PEM private key at ${encodePointer(path) || '/'} (${doc.file}) would be committed to git`, 'let cert-manager issue the key in the cluster (e.g. identity.issuer.scheme: kubernetes.io/tls for Linkerd) and keep only public certificates in git'));
        }
        return true;
      });
    }
    return out;
  },
};

function apiVersionIsCore(v: unknown): boolean {
  return v === 'v1';
}

function place(ctx: LintContext, doc: LintDocument, pointer: string) {
  return preferConfig(ctx, at(ctx, doc, pointer), fromTemplate(ctx, doc, pointer));
}

/** Depth-first over maps and lists; the visitor returns false to skip a subtree. */
function walk(v: unknown, path: (string | number)[], visit: (value: unknown, path: (string | number)[]) => boolean): void {
  if (!visit(v, path)) return;
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], visit));
  else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k], visit);
}
