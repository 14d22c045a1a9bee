/**
 * Whether Linkerd's proxy injector puts a proxy into the pods of a pod template, and whether that
 * proxy runs as a native sidecar: Linkerd's own rules, on the annotations as they reach the API
 * server (the pod template's, then its namespace's).
 */
import { isPlainObject } from '../core/merge.js';
import { INJECT } from './annotations.js';
import type { NativeSidecarSupport } from './native-sidecar.js';
import { meshes } from './rules/diagnostic.js';

/** Namespaces the injector's webhook never sees (its namespaceSelector). */
export const SKIPPED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'cert-manager']);
/** A namespace label that turns Linkerd's admission webhooks off for it. */
export const ADMISSION_WEBHOOKS = 'config.linkerd.io/admission-webhooks';
/** Pod labels the injector's objectSelector skips (Linkerd's own control plane and CNI pods). */
const SKIPPED_POD_LABELS = ['linkerd.io/control-plane-component', 'linkerd.io/cni-resource'];

export interface PodFacts {
  annotations: Record<string, string>;
  labels: Record<string, string>;
  hostNetwork: boolean;
}

export interface NamespaceFacts {
  name?: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
}

/** What the injector does with a pod, and which annotation decided it. */
export type Injection =
  | { injected: true; mode: 'enabled' | 'ingress'; from: 'pod' | 'namespace' }
  | { injected: false; why: string; from?: 'pod' | 'namespace' };

export function injectionOf(pod: PodFacts, ns: NamespaceFacts): Injection {
  if (ns.name !== undefined && SKIPPED_NAMESPACES.has(ns.name)) return { injected: false, why: `the injector skips namespace ${ns.name}` };
  if (ns.labels[ADMISSION_WEBHOOKS] === 'disabled') return { injected: false, why: `namespace ${ns.name ?? ''} is labelled ${ADMISSION_WEBHOOKS}=disabled` };
  if (SKIPPED_POD_LABELS.some((l) => pod.labels[l] !== undefined)) return { injected: false, why: 'the injector skips Linkerd’s own pods' };
  if (pod.hostNetwork) return { injected: false, why: 'pods with hostNetwork: true are never injected' };
  const own = pod.annotations[INJECT];
  if (own !== undefined) return meshes(own) ? { injected: true, mode: own as 'enabled' | 'ingress', from: 'pod' } : { injected: false, why: `${INJECT}: ${own} on the pod template`, from: 'pod' };
  const inherited = ns.annotations[INJECT];
  if (meshes(inherited)) return { injected: true, mode: inherited as 'enabled' | 'ingress', from: 'namespace' };
  return { injected: false, why: inherited !== undefined ? `${INJECT}: ${inherited} on the namespace` : `no ${INJECT} annotation on the pod template or its namespace`, ...(inherited !== undefined ? { from: 'namespace' as const } : {}) };
}

/**
 * Whether an injected proxy runs as a native sidecar (so a Job's pod can finish): the release and
 * cluster must allow it, and the opt-in annotation (pod, then namespace) turns it on or off, else the
 * release's default does.
 */
export function runsNativeSidecar(support: NativeSidecarSupport, pod: PodFacts, ns: NamespaceFacts): boolean {
  if (!support.available) return false;
  const key = support.annotation;
  const set = key !== undefined ? (pod.annotations[key] ?? ns.annotations[key]) : undefined;
  if (set === 'true') return true;
  if (set === 'false') return false;
  return support.byDefault;
}

/** The value of a proxy config annotation as the proxy gets it: the pod template's, else its namespace's. */
export function proxyConfig(key: string, pod: PodFacts, ns: NamespaceFacts): string | undefined {
  return pod.annotations[key] ?? ns.annotations[key];
}

/** Annotations, labels and hostNetwork of a pod template (`{metadata, spec}`), read leniently. */
export function podFactsOf(template: unknown): PodFacts {
  const t = isPlainObject(template) ? template : {};
  const md = isPlainObject(t['metadata']) ? t['metadata'] : {};
  const spec = isPlainObject(t['spec']) ? t['spec'] : {};
  return { annotations: strings(md['annotations']), labels: strings(md['labels']), hostNetwork: spec['hostNetwork'] === true };
}

function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}
