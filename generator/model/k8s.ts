import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import type { IApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { ICertificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import type { IClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import type { IBundle } from '@kubernetes-models/cert-manager/trust.cert-manager.io/v1alpha1/Bundle';
import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import type { IMiddleware } from '@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { BUILT_IN_CLUSTER_SCOPED } from './api-versions.js';
import type { IClusterGenerator, IClusterSecretStore, IExternalSecret, IPassword, ISecretStore } from './external-secrets.js';

/**
 * Types of every object the generator emits, taken from the TypeScript interfaces of the same
 * packages `schemas/k8s/` is built from (`kubernetes-models`, `@kubernetes-models/*`), so `tsc`
 * refuses a misspelt or misplaced field before the schema check would. Type imports only: nothing
 * of those packages is loaded at run time. This file is the one place that names them; the rest
 * of the generator imports object types from here.
 *
 * The package types describe what the API server accepts, so they are looser than what the
 * generator writes. They are narrowed here, never widened: `metadata` with a `name` is required,
 * `status` is left out (it never goes to git), and a `spec` the packages mark optional is required
 * where every emitted object of that kind has one. Objects stay plain typed data until the writer
 * serialises them.
 */

/** Object metadata (apimachinery's ObjectMeta, as every kubernetes-models kind uses it), with a name. */
export interface ObjectMeta extends NonNullable<INamespace['metadata']> {
  name: string;
}

/** Any object of the tree: a typed kind below, or a manifest from an operator's template. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** A kind as the generator writes it: the package's type with named metadata and without status. */
type Emitted<T extends { apiVersion: string; kind: string }> = Omit<T, 'metadata' | 'status'> & { metadata: ObjectMeta };

/** `Emitted<T>` with `spec` required. */
type EmittedWithSpec<T extends { apiVersion: string; kind: string; spec?: unknown }> = Emitted<T> & { spec: NonNullable<T['spec']> };

export interface GroupKind {
  group: string;
  kind: string;
}

// ---------------------------------------------------------------- Argo CD (argoproj.io/v1alpha1)

type IApplicationSpec = IApplication['spec'];
type IApplicationSetSpec = IApplicationSet['spec'];

export type SyncPolicy = NonNullable<IApplicationSpec['syncPolicy']>;
export type ApplicationSource = NonNullable<IApplicationSpec['source']>;
export type ApplicationDestination = IApplicationSpec['destination'];
/** One `ignoreDifferences` entry of an Application. */
export type ResourceIgnoreDifferences = NonNullable<IApplicationSpec['ignoreDifferences']>[number];

/** Every generated Application has a sync policy (automated sync and retries). */
export interface ApplicationSpec extends IApplicationSpec {
  syncPolicy: SyncPolicy;
}

export interface Application extends Emitted<IApplication> {
  spec: ApplicationSpec;
}

export interface AppProject extends Emitted<IAppProject> {}

/** The one generator the tree uses: a list, one element of string parameters per cluster. */
export interface ListGenerator {
  list: { elements: Record<string, string>[] };
}

/** The template spec is the package's own type: template fitting may move optional fields into `templatePatch`. */
export interface ApplicationSetSpec extends IApplicationSetSpec {
  generators: ListGenerator[];
}

export interface ApplicationSet extends Emitted<IApplicationSet> {
  spec: ApplicationSetSpec;
}

/** The Application spec inside an ApplicationSet template. */
export type ApplicationTemplateSpec = IApplicationSetSpec['template']['spec'];

/** One step of an ApplicationSet's RollingSync strategy. */
export type RollingSyncStep = NonNullable<NonNullable<NonNullable<IApplicationSetSpec['strategy']>['rollingSync']>['steps']>[number];

// ---------------------------------------------------------------- core and RBAC

export interface Namespace extends Emitted<INamespace> {}
export interface ConfigMap extends Emitted<IConfigMap> {
  data: NonNullable<IConfigMap['data']>;
}
export interface ServiceAccount extends Emitted<IServiceAccount> {}
export interface Role extends Emitted<IRole> {}
export interface RoleBinding extends Emitted<IRoleBinding> {}
export interface Job extends EmittedWithSpec<IJob> {}
export type Container = IContainer;
export interface Ingress extends EmittedWithSpec<IIngress> {}

// ---------------------------------------------------------------- cert-manager, trust-manager

export interface Certificate extends EmittedWithSpec<ICertificate> {}
export type CertificateIssuerRef = Certificate['spec']['issuerRef'];
export interface ClusterIssuer extends Emitted<IClusterIssuer> {}
export interface Bundle extends Emitted<IBundle> {}

// ---------------------------------------------------------------- Prometheus Operator, Traefik

export interface PodMonitor extends Emitted<IPodMonitor> {}
/** One relabeling of a PodMonitor endpoint. */
export type RelabelConfig = NonNullable<NonNullable<PodMonitor['spec']['podMetricsEndpoints']>[number]['relabelings']>[number];
export interface Middleware extends Emitted<IMiddleware> {}

// ---------------------------------------------------------------- External Secrets (model/external-secrets.ts)

export interface ExternalSecret extends EmittedWithSpec<IExternalSecret> {}
export type ExternalSecretSpec = ExternalSecret['spec'];
export interface SecretStore extends EmittedWithSpec<ISecretStore> {}
export interface ClusterSecretStore extends EmittedWithSpec<IClusterSecretStore> {}
export interface Password extends EmittedWithSpec<IPassword> {}
export interface ClusterGenerator extends EmittedWithSpec<IClusterGenerator> {}

/**
 * Kinds that live outside namespaces; used for AppProject whitelists and lint rules. Every built-in
 * cluster-scoped kind (api-versions.ts), plus the custom kinds the built-in components create.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  ...[...BUILT_IN_CLUSTER_SCOPED].map((gk) => gk.slice(gk.indexOf('/') + 1)),
  'ClusterIssuer',
  'Bundle',
  'VolumeSnapshotClass',
  'ClusterSecretStore',
  'ClusterGenerator',
  'ClusterExternalSecret',
]);

export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}
