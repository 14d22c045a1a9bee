import { isPlainObject } from '../core/merge.js';
import { parseManifestFile, type ParsedManifest } from '../core/manifest-documents.js';
import { positionOf } from '../core/yaml-source.js';
import type { OutputFile } from '../model/output.js';
import type { KubeconformLocator, KubeconformResource } from './kubeconform.js';

/**
 * Where a kubeconform finding is: kubeconform names the file and the resource (kind, name,
 * apiVersion) and gives a JSON pointer into it; the document is found by that identity (an item
 * of a List by its index, as kubeconform validates items on their own) and the pointer placed
 * with the same document positions the built-in validator uses, built only for that document.
 */
export function kubeconformLocator(files: readonly OutputFile[]): KubeconformLocator {
  const texts = new Map(files.map((f) => [f.path, f.content]));
  const parsed = new Map<string, ParsedManifest[]>();
  return (file, resource, pointer) => {
    const text = texts.get(file);
    if (text === undefined) return undefined;
    let docs = parsed.get(file);
    if (!docs) parsed.set(file, (docs = parseManifestFile({ path: file, text }).docs));
    for (const doc of docs) {
      const prefix = prefixOf(doc.object, resource);
      if (prefix === undefined) continue;
      return { ...positionOf(doc.source, prefix + pointer), document: doc.index };
    }
    return undefined;
  };
}

/** '' when the document is the resource, `/items/<i>` when one of its List items is, else undefined. */
function prefixOf(obj: unknown, r: KubeconformResource): string | undefined {
  if (!isPlainObject(obj)) return undefined;
  if (is(obj, r)) return '';
  if (typeof obj['kind'] === 'string' && obj['kind'].toLowerCase() === 'list' && Array.isArray(obj['items'])) {
    const i = obj['items'].findIndex((item) => isPlainObject(item) && is(item, r));
    if (i >= 0) return `/items/${i}`;
  }
  return undefined;
}

function is(obj: Record<string, unknown>, r: KubeconformResource): boolean {
  if (obj['kind'] !== r.kind || obj['apiVersion'] !== r.apiVersion) return false;
  const md = obj['metadata'];
  const name = isPlainObject(md) ? md['name'] ?? md['generateName'] : undefined;
  return r.name === '' ? name === undefined : typeof name === 'string' && r.name.startsWith(name);
}
