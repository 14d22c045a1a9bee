import { isPlainObject } from '../core/merge.js';
import { groupOf } from '../model/k8s.js';
import { SYNC_WAVE } from '../model/labels.js';
import { encodePointer } from '../model/source.js';
import type { LintDocument } from './types.js';

/**
 * The tree as lint rules see it: Kubernetes objects with their identity pulled out, and the
 * Applications Argo CD will run (one per Application, one per ApplicationSet element).
 */
export type Obj = Record<string, unknown>;

/** A document that is a Kubernetes object, with its identity pulled out. */
export interface TreeObject extends LintDocument {
  data: Obj;
  apiVersion: string;
  group: string;
  kind: string;
  name: string;
  /** `metadata.namespace` as written (the deploying Application's namespace applies otherwise). */
  namespace?: string;
}

export interface AppSource {
  source: Obj;
  /** JSON pointer of the source inside its file. */
  pointer: string;
}

/**
 * One Application as Argo CD will see it: an Application object, or one Application an
 * ApplicationSet list generator will generate (its template with the element's fields filled in).
 */
export interface ArgoApp {
  kind: 'Application' | 'ApplicationSet';
  /** The Application or ApplicationSet object. */
  object: TreeObject;
  /** Name of the Application (generated name for a set element). */
  name: string;
  /** The app in config (`gitops.generator/app` label), if any. */
  app?: string;
  cluster?: string;
  /** 0-based list element of the ApplicationSet. */
  element?: number;
  /** Pointer of the Application spec in the file: `/spec` or `/spec/template/spec`. */
  specPointer: string;
  spec: Obj;
  /** Sync wave in the parent app (the set's own annotation for a set element). */
  wave: number;
  /** The annotation text when it is not an integer. */
  badWave?: string;
  /** Template fields an element does not define (`missingkey=error` would fail on them). */
  unresolved: string[];
  sources: AppSource[];
  destinationNamespace?: string;
  /** First Helm chart among the sources. */
  chart?: string;
  /** Helm values: every `$values` file in the tree, then inline values and parameters. */
  values: Obj;
  /** The same per source (aligned with `sources`; `{}` for a source without Helm values). */
  sourceValues: Obj[];
  /** Tree paths of the `$values` files that exist. */
  valueFiles: string[];
  /** Objects its directory sources deploy. */
  deployed: TreeObject[];
}

export interface LintTree {
  /** The config's git repository: only its paths can be resolved against the tree. */
  repoURL: string;
  paths: ReadonlySet<string>;
  /** Every directory that holds at least one file. */
  dirs: ReadonlySet<string>;
  objects: TreeObject[];
  apps: ArgoApp[];
  /** `group/kind` patterns argocd-cm in the tree has a health check for. */
  healthChecks: string[];
  /** Apps deploying each object. */
  deployers: Map<TreeObject, ArgoApp[]>;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function obj(v: unknown): Obj {
  return isPlainObject(v) ? v : {};
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

export function asObject(d: LintDocument): TreeObject | undefined {
  if (!isPlainObject(d.data)) return undefined;
  const apiVersion = str(d.data['apiVersion']);
  const kind = str(d.data['kind']);
  const md = obj(d.data['metadata']);
  const name = str(md['name']);
  if (!apiVersion || !kind || name === undefined) return undefined;
  const namespace = str(md['namespace']);
  return { ...d, data: d.data, apiVersion, group: groupOf(apiVersion), kind, name, ...(namespace !== undefined ? { namespace } : {}) };
}

export function labelsOf(o: TreeObject): Record<string, string> {
  return stringMap(obj(o.data['metadata'])['labels']);
}

export function annotationsOf(o: TreeObject): Record<string, string> {
  return stringMap(obj(o.data['metadata'])['annotations']);
}

/** Argo CD's rule: no annotation is wave 0. */
export function waveOf(o: TreeObject): { wave: number; bad?: string } {
  const text = annotationsOf(o)[SYNC_WAVE];
  if (text === undefined) return { wave: 0 };
  return /^\s*[-+]?\d+\s*$/.test(text) ? { wave: Number(text) } : { wave: 0, bad: text };
}

export function wavePointer(): string {
  return encodePointer(['metadata', 'annotations', SYNC_WAVE]);
}

export { normalisePath } from '../core/repo-path.js';

/** Git URLs compare equal with or without `.git`, a trailing slash or a different case. */
export function sameRepo(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const n = (u: string) => u.trim().replace(/\/+$/, '').replace(/\.git$/, '').toLowerCase();
  return n(a) === n(b);
}

/** The namespace an object lands in: its own, or the deploying Application's destination. */
export function namespaceIn(o: TreeObject, by: ArgoApp | undefined): string | undefined {
  return o.namespace ?? by?.destinationNamespace;
}

/** How a set element or Application is named in messages. */
export function describeApp(a: ArgoApp): string {
  if (a.kind === 'Application') return `Application ${a.name}`;
  return `ApplicationSet ${a.object.name}${a.element !== undefined ? ` (element ${a.element + 1}${a.cluster ? `, cluster ${a.cluster}` : ''})` : ''}`;
}
