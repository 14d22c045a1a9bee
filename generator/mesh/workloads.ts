import { isPlainObject } from '../core/merge.js';
import { valueAt } from '../core/value-at.js';
import type { K8sObject } from '../model/k8s.js';
import { INJECT, NGINX_SERVICE_UPSTREAM } from './annotations.js';
import type { KeptValue } from './values.js';

/** Where each workload kind keeps its pod template (a Pod is its own). */
const POD_TEMPLATE_PATH: Record<string, readonly string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Kinds whose pods run forever; a proxy next to them is harmless. */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
/** Kinds whose pods must exit; a classic sidecar proxy keeps them running. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

export interface PodTemplate {
  metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: { containers?: { name?: string; command?: string[]; args?: string[] }[]; initContainers?: unknown[] };
}

export function isLongRunning(o: K8sObject): boolean {
  return LONG_RUNNING.has(o.kind);
}

export function isRunToCompletion(o: K8sObject): boolean {
  return RUN_TO_COMPLETION.has(o.kind);
}

/** The path of a kind's pod template, for kinds that have one. */
export function podTemplatePath(kind: string): readonly string[] | undefined {
  return POD_TEMPLATE_PATH[kind];
}

/** The pod template of a workload object, or undefined for other kinds or malformed objects. */
export function podTemplateOf(o: K8sObject): PodTemplate | undefined {
  const path = POD_TEMPLATE_PATH[o.kind];
  if (!path) return undefined;
  const tpl = valueAt(o, path);
  return isPlainObject(tpl) ? (tpl as PodTemplate) : undefined;
}

export function podAnnotationsOf(o: K8sObject): Record<string, string> {
  return podTemplateOf(o)?.metadata?.annotations ?? {};
}

/** Add annotations to the object's pod template, keeping any the operator already set. Mutates `o`. */
export function addPodAnnotations(o: K8sObject, entries: Record<string, string>, kept: KeptValue[]): void {
  const tpl = podTemplateOf(o);
  if (!tpl) return;
  tpl.metadata ??= {};
  tpl.metadata.annotations ??= {};
  const anns = tpl.metadata.annotations;
  for (const [k, v] of Object.entries(entries)) {
    if (anns[k] === undefined) anns[k] = v;
    else if (anns[k] !== v) kept.push({ in: 'app', where: `${o.kind}/${o.metadata.name} pod template annotations`, key: k, kept: anns[k], wanted: v });
  }
}

/** Whether any container of the pod template starts through `linkerd-await` (which can stop the proxy on exit). */
export function usesLinkerdAwait(o: K8sObject): boolean {
  const containers = podTemplateOf(o)?.spec?.containers ?? [];
  return containers.some((c) => [...(c.command ?? []), ...(c.args ?? [])].some((part) => typeof part === 'string' && part.includes('linkerd-await')));
}

/** The value of `linkerd.io/inject` on the pod template, if set. */
export function podInject(o: K8sObject): string | undefined {
  return podAnnotationsOf(o)[INJECT];
}

export interface IngressObject extends K8sObject {
  spec?: { ingressClassName?: string };
}

export function isIngress(o: K8sObject): o is IngressObject {
  return o.kind === 'Ingress' && o.apiVersion.startsWith('networking.k8s.io/');
}

/** The service-upstream annotation of an Ingress, if set. */
export function serviceUpstream(o: K8sObject): string | undefined {
  return o.metadata.annotations?.[NGINX_SERVICE_UPSTREAM];
}
