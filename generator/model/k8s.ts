import { BUILT_IN_CLUSTER_SCOPED } from './api-versions.js';
import type { IgnoreDifference } from './config.js';

/**
 * Types of every object the generator emits. Objects stay plain typed data until the writer
 * serialises them (the "data until the end" rule).
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export interface GroupKind {
  group: string;
  kind: string;
}

// ---------------------------------------------------------------- Argo CD (argoproj.io/v1alpha1)

export interface HelmSource {
  releaseName: string;
  valueFiles: string[];
}

export interface ApplicationSource {
  repoURL: string;
  targetRevision: string;
  chart?: string;
  path?: string;
  ref?: string;
  helm?: HelmSource;
  directory?: { recurse?: boolean; include?: string; exclude?: string };
}

export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace: string;
}

/** An Application `ignoreDifferences` entry: the same shape the app config uses. */
export type IgnoreDifferenceEntry = IgnoreDifference;

export interface SyncPolicy {
  automated?: { prune: boolean; selfHeal: boolean };
  syncOptions?: string[];
  managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  retry?: { limit: number; backoff: { duration: string; factor: number; maxDuration: string } };
}

export interface ApplicationSpec {
  project: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  syncPolicy: SyncPolicy;
  ignoreDifferences?: IgnoreDifferenceEntry[];
  revisionHistoryLimit?: number;
}

export interface Application extends K8sObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  spec: ApplicationSpec;
}

export interface AppProject extends K8sObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'AppProject';
  spec: {
    description: string;
    sourceRepos: string[];
    destinations: { server?: string; name?: string; namespace: string }[];
    clusterResourceWhitelist: GroupKind[];
    namespaceResourceWhitelist?: GroupKind[];
    orphanedResources?: { warn: boolean };
  };
}

export interface RollingSyncStep {
  matchExpressions: { key: string; operator: 'In' | 'NotIn'; values: string[] }[];
  maxUpdate?: number | string;
}

export interface ApplicationSet extends K8sObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'ApplicationSet';
  spec: {
    goTemplate: true;
    goTemplateOptions: string[];
    generators: { list: { elements: Record<string, string>[] } }[];
    strategy?: { type: 'RollingSync'; rollingSync: { steps: RollingSyncStep[] } };
    /** Go template applied per element; carries per-cluster differences a parameter cannot. */
    templatePatch?: string;
    template: {
      metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string>; finalizers: string[] };
      spec: ApplicationSpec;
    };
  };
}

// ---------------------------------------------------------------- core

export interface Namespace extends K8sObject {
  apiVersion: 'v1';
  kind: 'Namespace';
}

export interface ConfigMap extends K8sObject {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  data: Record<string, string>;
}

/**
 * Kinds that live outside namespaces; used for AppProject whitelists and lint rules. Every built-in
 * cluster-scoped kind (api-versions.ts), plus the custom kinds the built-in components create.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  ...[...BUILT_IN_CLUSTER_SCOPED].map((gk) => gk.slice(gk.indexOf('/') + 1)),
  'ClusterIssuer',
  'Bundle',
  'VolumeSnapshotClass',
]);

export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}
