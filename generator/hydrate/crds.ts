/**
 * What the tree's CustomResourceDefinitions say: which custom kinds exist, their scope (for what an
 * AppProject must permit) and their served versions (for Helm's `--api-versions`).
 */
import { isPlainObject } from '../core/merge.js';
import { BUILT_IN_CLUSTER_SCOPED, BUILT_IN_NAMESPACED } from '../model/api-versions.js';
import { groupOf } from '../model/k8s.js';
import type { CrdFact, CrdIndex, Scope } from './types.js';

/** The CRD fact of an object, or undefined when it is not a (well-formed) CRD. */
export function crdFact(o: unknown, from: string): CrdFact | undefined {
  if (!isPlainObject(o) || o['kind'] !== 'CustomResourceDefinition' || typeof o['apiVersion'] !== 'string' || groupOf(o['apiVersion']) !== 'apiextensions.k8s.io') return undefined;
  const spec = isPlainObject(o['spec']) ? o['spec'] : {};
  const names = isPlainObject(spec['names']) ? spec['names'] : {};
  const group = spec['group'];
  const kind = names['kind'];
  if (typeof group !== 'string' || typeof kind !== 'string') return undefined;
  const versions: string[] = [];
  if (Array.isArray(spec['versions'])) {
    for (const v of spec['versions']) if (isPlainObject(v) && typeof v['name'] === 'string' && v['served'] !== false) versions.push(v['name']);
  } else if (typeof spec['version'] === 'string') versions.push(spec['version']); // apiextensions.k8s.io/v1beta1
  return { group, kind, scope: spec['scope'] === 'Cluster' ? 'Cluster' : 'Namespaced', versions, object: o, from };
}

/** Adds the CRDs among `objects`; a kind already known keeps its first fact. */
export function addCrds(index: Map<string, CrdFact>, objects: Iterable<{ data: unknown; from: string }>): boolean {
  let grew = false;
  for (const { data, from } of objects) {
    const f = crdFact(data, from);
    if (!f) continue;
    const key = `${f.group}/${f.kind}`;
    const known = index.get(key);
    if (!known) {
      index.set(key, f);
      grew = true;
    } else {
      const more = f.versions.filter((v) => !known.versions.includes(v));
      if (more.length) {
        index.set(key, { ...known, versions: [...known.versions, ...more] });
        grew = true;
      }
    }
  }
  return grew;
}

/** `group/version` and `group/version/Kind` of every served version of the CRDs, sorted. */
export function crdApiVersions(index: CrdIndex): string[] {
  const out = new Set<string>();
  for (const f of index.values()) {
    for (const v of f.versions) {
      out.add(`${f.group}/${v}`);
      out.add(`${f.group}/${v}/${f.kind}`);
    }
  }
  return [...out].sort();
}

/** A kind's scope: the built-in table first (a CRD cannot redefine a built-in kind), then the CRDs. */
export function scopeIn(index: CrdIndex, group: string, kind: string): Scope {
  const gk = `${group}/${kind}`;
  if (BUILT_IN_CLUSTER_SCOPED.has(gk)) return 'Cluster';
  if (BUILT_IN_NAMESPACED.has(gk)) return 'Namespaced';
  return index.get(gk)?.scope ?? 'Unknown';
}
