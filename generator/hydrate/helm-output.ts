/**
 * Reads `helm template` output as Argo CD does: every YAML document (YAML 1.1), `List` kinds
 * unpacked, empty documents dropped; each object keeps the `# Source:` template Helm names above it
 * and its Helm hook annotation.
 */
import { isPlainObject } from '../core/merge.js';
import { parseWithYaml } from '../core/manifest-documents.js';
import { loadAllFast } from '../core/yaml11.js';
import { groupOf } from '../model/k8s.js';
import { HOOKS_ARGO_RUNS, type RenderedObject, type Scope } from './types.js';

export const HELM_HOOK = 'helm.sh/hook';
export const ARGO_HOOK = 'argocd.argoproj.io/hook';

/** An object before its scope is known. */
export type ParsedObject = Omit<RenderedObject, 'namespace' | 'scope' | 'applied'> & { renderedNamespace?: string };

export interface ParsedOutput {
  objects: ParsedObject[];
  /** Documents that are not YAML or not objects: `template: message`. */
  problems: { template: string; message: string }[];
}

export function parseHelmOutput(stdout: string): ParsedOutput {
  const objects: ParsedObject[] = [];
  const problems: ParsedOutput['problems'] = [];
  for (const chunk of stdout.split(/^---[ \t]*(?:\r?\n|$)/m)) {
    if (chunk.trim() === '') continue;
    const template = /^# Source: (.+?)\s*$/m.exec(chunk)?.[1] ?? '(no # Source comment)';
    let docs: unknown[];
    try {
      docs = loadAllFast(chunk);
    } catch {
      const exact = parseWithYaml({ path: template, text: chunk }).diagnostics[0];
      problems.push({ template, message: `Helm rendered invalid YAML${exact?.line !== undefined ? ` (line ${exact.line} of the document)` : ''}: ${exact?.message ?? 'unreadable'}` });
      continue;
    }
    for (const doc of docs) {
      if (doc === null || doc === undefined) continue;
      for (const item of unpackList(doc)) {
        const o = asObject(item, template, objects.length + 1);
        if (o) objects.push(o);
        else problems.push({ template, message: 'Helm rendered a document that is not a Kubernetes object (needs apiVersion, kind and metadata.name)' });
      }
    }
  }
  return { objects, problems };
}

/** `kind: List` (and `FooList`) documents hold their objects in `items`, as kubectl reads them. */
function unpackList(doc: unknown): unknown[] {
  if (isPlainObject(doc) && typeof doc['kind'] === 'string' && doc['kind'].endsWith('List') && Array.isArray(doc['items']) && doc['metadata'] === undefined) return doc['items'];
  return [doc];
}

function asObject(doc: unknown, template: string, index: number): ParsedObject | undefined {
  if (!isPlainObject(doc)) return undefined;
  const md = isPlainObject(doc['metadata']) ? doc['metadata'] : undefined;
  const apiVersion = doc['apiVersion'];
  const kind = doc['kind'];
  const name = md?.['name'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string' || !md) return undefined;
  const annotations = isPlainObject(md['annotations']) ? md['annotations'] : {};
  const hook = typeof annotations[HELM_HOOK] === 'string' ? annotations[HELM_HOOK].split(',').map((h) => h.trim()).filter((h) => h !== '') : undefined;
  const ns = md['namespace'];
  return {
    apiVersion,
    kind,
    group: groupOf(apiVersion),
    name,
    ...(typeof ns === 'string' && ns !== '' ? { renderedNamespace: ns } : {}),
    data: doc,
    template,
    index,
    ...(hook && hook.length ? { hook } : {}),
  };
}

/**
 * The objects with their scope and namespace as Argo CD applies them: a namespaced object without
 * a namespace lands in the release namespace; a cluster-scoped one has none.
 */
export function placeObjects(parsed: readonly ParsedObject[], namespace: string, scopeOf: (group: string, kind: string) => Scope): RenderedObject[] {
  return parsed.map(({ renderedNamespace, ...o }) => {
    const scope = scopeOf(o.group, o.kind);
    return { ...o, ...(scope === 'Cluster' ? {} : { namespace: renderedNamespace ?? namespace }), scope, applied: isApplied(o) };
  });
}

/**
 * Argo CD's hook handling: its own `argocd.argoproj.io/hook` wins (Skip is never applied); else a
 * Helm hook is run only for pre-/post-install and pre-/post-upgrade, every other one is dropped.
 */
export function isApplied(o: Pick<RenderedObject, 'data' | 'hook'>): boolean {
  const md = isPlainObject(o.data['metadata']) ? o.data['metadata'] : {};
  const annotations = isPlainObject(md['annotations']) ? md['annotations'] : {};
  const argo = annotations[ARGO_HOOK];
  if (typeof argo === 'string' && argo.trim() !== '') return !argo.split(',').map((h) => h.trim()).includes('Skip');
  if (!o.hook) return true;
  return o.hook.some((h) => HOOKS_ARGO_RUNS.has(h));
}
