/**
 * External Secrets Operator kinds, written here because no npm package ships types for them. The
 * fields and their enums are those of ESO's Go types at v2.9.0 (`apis/externalsecrets/v1`:
 * ExternalSecret, SecretStore and ClusterSecretStore with the `kubernetes` provider;
 * `apis/generators/v1alpha1`: Password, and ClusterGenerator of kind Password), the release the
 * shipped external-secrets chart deploys. `npm run schemas` builds strict schemas from these
 * interfaces like it does from the kubernetes-models packages (`schemas-build/kinds.ts`), so an
 * ExternalSecret of an operator's own template is held to the same fields. Other store providers
 * and generator kinds are not described: validate those through `--render` (the CRDs of the
 * chart) or list the kind in `validation.allowKinds`.
 */
import type { INamespace } from 'kubernetes-models/v1/Namespace';

/** apimachinery's ObjectMeta, as every kind of the kubernetes-models family has it. */
type IEsoObjectMeta = NonNullable<INamespace['metadata']>;

/** A whole number (the Go `int` fields; Kubernetes sends them as int64). */
export type EsoInteger = number;

/** A Secret key: letters, digits, '-', '_' and '.'. */
export type EsoSecretKey = string;

// ---------------------------------------------------------------- external-secrets.io/v1

export interface IEsoSecretStoreRef {
  name?: string;
  kind?: 'SecretStore' | 'ClusterSecretStore';
}

export interface IEsoGeneratorRef {
  apiVersion?: string;
  kind:
    | 'ACRAccessToken'
    | 'BeyondtrustWorkloadCredentialsDynamicSecret'
    | 'ClusterGenerator'
    | 'CloudsmithAccessToken'
    | 'ECRAuthorizationToken'
    | 'Fake'
    | 'GCRAccessToken'
    | 'GithubAccessToken'
    | 'GitlabDeployToken'
    | 'QuayAccessToken'
    | 'Password'
    | 'SSHKey'
    | 'STSSessionToken'
    | 'UUID'
    | 'VaultDynamicSecret'
    | 'Webhook'
    | 'Grafana'
    | 'MFA';
  name: string;
}

/** Where one value comes from: a store, or a generator. */
export interface IEsoSourceRef {
  storeRef?: IEsoSecretStoreRef;
  generatorRef?: IEsoGeneratorRef;
}

type ConversionStrategy = 'Default' | 'Unicode';
type DecodingStrategy = 'Auto' | 'Base64' | 'Base64URL' | 'None';
type NullBytePolicy = 'Ignore' | 'Fail';

/** The remote value of one key: `key` names the remote secret (for the kubernetes provider: a Secret in the remote namespace), `property` its key. */
export interface IEsoRemoteRef {
  key: string;
  property?: string;
  version?: string;
  metadataPolicy?: 'None' | 'Fetch';
  conversionStrategy?: ConversionStrategy;
  decodingStrategy?: DecodingStrategy;
  nullBytePolicy?: NullBytePolicy;
}

export interface IEsoData {
  secretKey: EsoSecretKey;
  remoteRef: IEsoRemoteRef;
  sourceRef?: IEsoSourceRef;
}

export interface IEsoDataFrom {
  extract?: IEsoRemoteRef;
  find?: {
    path?: string;
    name?: { regexp?: string };
    tags?: Record<string, string>;
    conversionStrategy?: ConversionStrategy;
    decodingStrategy?: DecodingStrategy;
    nullBytePolicy?: NullBytePolicy;
  };
  rewrite?: {
    regexp?: { source: string; target: string };
    transform?: { template: string };
  }[];
  sourceRef?: IEsoSourceRef;
}

export interface IEsoTemplateRef {
  name: string;
  items: { key: EsoSecretKey; templateAs?: 'Values' | 'KeysAndValues' }[];
}

/** How the target Secret is built from the fetched or generated values (Go text/template with Sprig, engine v2). */
export interface IEsoTemplate {
  type?: string;
  engineVersion?: 'v2';
  mergePolicy?: 'Replace' | 'Merge';
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  data?: Record<string, string>;
  templateFrom?: {
    configMap?: IEsoTemplateRef;
    secret?: IEsoTemplateRef;
    literal?: string;
    target?: string;
  }[];
}

export interface IEsoTarget {
  name?: string;
  creationPolicy?: 'Owner' | 'Orphan' | 'Merge' | 'None' | 'CreateOrMerge';
  deletionPolicy?: 'Delete' | 'Merge' | 'Retain';
  immutable?: boolean;
  template?: IEsoTemplate;
}

export interface IExternalSecretSpec {
  secretStoreRef?: IEsoSecretStoreRef;
  target?: IEsoTarget;
  refreshPolicy?: 'CreatedOnce' | 'Periodic' | 'OnChange';
  refreshInterval?: string;
  data?: IEsoData[];
  dataFrom?: IEsoDataFrom[];
}

export interface IExternalSecret {
  apiVersion: 'external-secrets.io/v1';
  kind: 'ExternalSecret';
  metadata?: IEsoObjectMeta;
  spec: IExternalSecretSpec;
}

/** A reference to a key of a Secret (`namespace` only in a ClusterSecretStore). */
export interface IEsoSecretKeySelector {
  name?: string;
  key?: EsoSecretKey;
  namespace?: string;
}

/** The `kubernetes` provider: Secrets of one namespace of a cluster, read with a ServiceAccount's token. */
export interface IEsoKubernetesProvider {
  remoteNamespace?: string;
  server?: {
    url?: string;
    caBundle?: string;
    caProvider?: { type: 'Secret' | 'ConfigMap'; name: string; key?: EsoSecretKey; namespace?: string };
  };
  auth?: {
    serviceAccount?: { name: string; namespace?: string; audiences?: string[] };
    token?: { bearerToken: IEsoSecretKeySelector };
    cert?: { clientCert: IEsoSecretKeySelector; clientKey: IEsoSecretKeySelector };
  };
  authRef?: IEsoSecretKeySelector;
}

/** Which namespaces may use a ClusterSecretStore (any one condition admits a namespace). */
export interface IEsoStoreCondition {
  namespaces?: string[];
  namespaceRegexes?: string[];
  namespaceSelector?: { matchLabels?: Record<string, string> };
}

export interface ISecretStoreSpec {
  provider: { kubernetes: IEsoKubernetesProvider };
  controller?: string;
  refreshInterval?: EsoInteger;
  retrySettings?: { maxRetries?: EsoInteger; retryInterval?: string };
}

export interface IClusterSecretStoreSpec extends ISecretStoreSpec {
  conditions?: IEsoStoreCondition[];
}

export interface ISecretStore {
  apiVersion: 'external-secrets.io/v1';
  kind: 'SecretStore';
  metadata?: IEsoObjectMeta;
  spec: ISecretStoreSpec;
}

export interface IClusterSecretStore {
  apiVersion: 'external-secrets.io/v1';
  kind: 'ClusterSecretStore';
  metadata?: IEsoObjectMeta;
  spec: IClusterSecretStoreSpec;
}

// ---------------------------------------------------------------- generators.external-secrets.io/v1alpha1

/** A random password; the generator is stateless: every call returns a new one (keep it with refreshPolicy CreatedOnce). */
export interface IPasswordSpec {
  length: EsoInteger;
  digits?: EsoInteger;
  symbols?: EsoInteger;
  symbolCharacters?: string;
  noUpper: boolean;
  allowRepeat: boolean;
  secretKeys?: EsoSecretKey[];
  encoding?: 'base64' | 'base64url' | 'base32' | 'hex' | 'raw';
}

export interface IPassword {
  apiVersion: 'generators.external-secrets.io/v1alpha1';
  kind: 'Password';
  metadata?: IEsoObjectMeta;
  spec: IPasswordSpec;
}

export interface IClusterGenerator {
  apiVersion: 'generators.external-secrets.io/v1alpha1';
  kind: 'ClusterGenerator';
  metadata?: IEsoObjectMeta;
  spec: { kind: 'Password'; generator: { passwordSpec: IPasswordSpec } };
}
