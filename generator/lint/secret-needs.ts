import { chartEnvUses, chartSecretUses } from '../components/chart-secrets.js';
import { CHART_RUNTIME_SECRETS, KIND_RUNTIME_SECRETS } from '../components/runtime-secrets.js';
import { filledInput } from '../model/defaults.js';
import type { DeclaredInput } from '../model/config.js';
import { encodePointer } from '../model/source.js';
import { at, atSetting, fromTemplate, preferConfig, type Where } from './blame.js';
import { list, namespaceIn, obj, str, treeOf, type ArgoApp, type Obj } from './tree.js';
import type { LintContext } from './types.js';

/**
 * Which Secrets the tree's workloads need and what in the tree produces them: the secret-needs
 * analysis behind `lint/undeclared-secret-input` and `lint/unused-secret-input`. Read from the
 * objects the Applications deploy from the tree (the generator's own manifests), the chart values
 * the tree sets (the table in `components/chart-secrets.ts`), and, with `--render`, every object
 * the charts render (`ctx.render`). Whatever is needed and not produced must be a declared input
 * (`settings.inputs`) of the cluster.
 */

export interface SecretRef {
  cluster: string;
  namespace: string;
  name: string;
}

/** A Secret a workload reads. */
export interface SecretNeed extends SecretRef {
  /** Keys it reads; empty when it reads the whole Secret or the keys are not known. */
  keys: string[];
  /** The reader, e.g. `DaemonSet logging/fluent-bit (container fluent-bit)`. */
  who: string;
  where: Where;
}

/** A Secret something in the tree (or a chart or operator at run time) creates. */
export interface SecretSupply extends SecretRef {
  by: string;
  /** Keys it will hold; undefined when that is not known (then any key counts as there). */
  keys?: string[];
}

export interface DeclaredSecret extends SecretRef {
  input: DeclaredInput;
  where: Where;
}

export interface SecretAnalysis {
  needs: SecretNeed[];
  supplies: SecretSupply[];
  declared: DeclaredSecret[];
}

const cache = new WeakMap<LintContext, SecretAnalysis>();

export function secretAnalysis(ctx: LintContext): SecretAnalysis {
  let a = cache.get(ctx);
  if (!a) cache.set(ctx, (a = analyse(ctx)));
  return a;
}

export function refKey(r: SecretRef): string {
  return `${r.cluster}/${r.namespace}/${r.name}`;
}

/** An object some Application applies, wherever it comes from, with how to point at it. */
interface Placed {
  cluster: string;
  group: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  data: Obj;
  label: string;
  place: (pointer: string) => Where;
}

function analyse(ctx: LintContext): SecretAnalysis {
  const t = treeOf(ctx);
  const needs: SecretNeed[] = [];
  const supplies: SecretSupply[] = [];
  const placed: Placed[] = [];
  const rendered = new Set<string>();

  for (const r of ctx.render?.apps ?? []) {
    if (r.app.cluster === undefined) continue;
    rendered.add(`${r.app.object.file}#${r.app.object.index}#${r.app.name}`);
    const appWhere = preferConfig(ctx, at(ctx, r.app.object, r.app.specPointer), atSetting(ctx, r.app.cluster, ['inputs']));
    for (const o of r.objects) {
      if (!o.applied) continue;
      placed.push({ cluster: r.app.cluster, group: o.group, kind: o.kind, name: o.name, namespace: o.namespace, data: o.data, label: `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} (rendered from ${o.template})`, place: () => appWhere });
    }
    for (const s of CHART_RUNTIME_SECRETS[r.chart.name]?.(r.releaseName) ?? []) supplies.push({ cluster: r.app.cluster, namespace: r.namespace, name: s.name, by: s.by });
  }

  for (const a of t.apps) {
    if (a.cluster === undefined) continue;
    for (const o of a.deployed) {
      const ns = namespaceIn(o, a);
      placed.push({
        cluster: a.cluster,
        group: o.group,
        kind: o.kind,
        name: o.name,
        namespace: ns,
        data: o.data,
        label: `${o.kind} ${ns ? `${ns}/` : ''}${o.name}`,
        place: (pointer) => preferConfig(ctx, at(ctx, o, pointer), fromTemplate(ctx, o, pointer), atSetting(ctx, a.cluster, ['inputs'])),
      });
    }
    if (rendered.has(`${a.object.file}#${a.object.index}#${a.name}`) || a.chart === undefined || a.destinationNamespace === undefined) continue;
    // Not rendered: what the chart's values say its pods read, and what the chart creates itself.
    const release = releaseOf(a);
    for (const s of CHART_RUNTIME_SECRETS[a.chart]?.(release) ?? []) supplies.push({ cluster: a.cluster, namespace: a.destinationNamespace, name: s.name, by: s.by });
    for (const use of chartSecretUses(a.chart, a.values)) {
      needs.push({ cluster: a.cluster, namespace: a.destinationNamespace, name: use.name, keys: use.keys, who: use.ref.readBy.replace('<release>', release), where: valuesWhere(ctx, a, [...use.at]) });
    }
    for (const use of chartEnvUses(a.chart, a.values)) {
      needs.push({ cluster: a.cluster, namespace: a.destinationNamespace, name: use.name, keys: [use.key], who: use.ref.readBy.replace('<release>', release), where: valuesWhere(ctx, a, use.at) });
    }
  }

  const stores = placed.filter((p) => p.group === 'external-secrets.io' && (p.kind === 'ClusterSecretStore' || p.kind === 'SecretStore'));
  for (const p of placed) {
    supplies.push(...suppliesOf(p));
    needs.push(...needsOf(ctx, p, stores));
  }

  const declared: DeclaredSecret[] = [];
  for (const c of ctx.plan.clusters) {
    c.settings.inputs.forEach((raw, i) => {
      const input = filledInput(raw);
      declared.push({ cluster: c.name, namespace: input.namespace, name: input.name, input, where: atSetting(ctx, c.name, ['inputs', String(i)]) });
    });
  }
  return { needs, supplies, declared };
}

function releaseOf(a: ArgoApp): string {
  const helm = a.sources.map((s) => obj(s.source['helm'])).find((h) => str(h['releaseName']) !== undefined);
  return str(helm?.['releaseName']) ?? a.name;
}

/** A key of the app's values: in the operator's values template when it sets it, else the values file. */
function valuesWhere(ctx: LintContext, a: ArgoApp, path: (string | number)[]): Where {
  const pointer = encodePointer(path);
  const file = a.valueFiles[a.valueFiles.length - 1];
  if (!file) return { file: a.object.file, pointer: a.specPointer };
  const doc = ctx.documents.find((d) => d.file === file);
  const generated = at(ctx, { file, index: 1 }, pointer);
  return doc ? preferConfig(ctx, generated, fromTemplate(ctx, doc, pointer), atSetting(ctx, a.cluster, ['inputs'])) : generated;
}

const CERTIFICATE_KEYS = ['tls.crt', 'tls.key', 'ca.crt'];

function suppliesOf(p: Placed): SecretSupply[] {
  const base = { cluster: p.cluster, namespace: p.namespace ?? '' };
  const spec = obj(p.data['spec']);
  const out: SecretSupply[] = [];
  if (p.group === '' && p.kind === 'Secret') {
    const keys = [...Object.keys(obj(p.data['data'])), ...Object.keys(obj(p.data['stringData']))];
    // A Secret without values in git is filled in the cluster: its keys are not known here.
    out.push({ ...base, name: p.name, by: p.label, ...(keys.length ? { keys } : {}) });
  } else if (p.group === 'cert-manager.io' && p.kind === 'Certificate') {
    const name = str(spec['secretName']);
    if (name) out.push({ ...base, name, by: p.label, keys: CERTIFICATE_KEYS });
  } else if (p.group === 'external-secrets.io' && p.kind === 'ExternalSecret') {
    const target = obj(spec['target']);
    const policy = str(target['creationPolicy']) ?? 'Owner';
    // Merge only updates a Secret that already exists, None writes nothing.
    if (policy !== 'Merge' && policy !== 'None') out.push({ ...base, name: str(target['name']) ?? p.name, by: p.label, ...externalSecretKeys(spec) });
  } else if ((p.group === 'networking.k8s.io' || p.group === 'extensions') && p.kind === 'Ingress') {
    const an = obj(obj(p.data['metadata'])['annotations']);
    if (an['cert-manager.io/cluster-issuer'] !== undefined || an['cert-manager.io/issuer'] !== undefined) {
      for (const tls of list(spec['tls'])) {
        const name = str(obj(tls)['secretName']);
        if (name) out.push({ ...base, name, by: `cert-manager, for ${p.label}`, keys: CERTIFICATE_KEYS });
      }
    }
  }
  for (const s of KIND_RUNTIME_SECRETS[`${p.group}/${p.kind}`]?.(p.name) ?? []) out.push({ ...base, name: s.name, by: s.by });
  return out;
}

/** The keys an ExternalSecret writes, when its spec says them all. */
function externalSecretKeys(spec: Obj): { keys?: string[] } {
  const target = obj(spec['target']);
  const template = obj(target['template']);
  if (list(template['templateFrom']).length > 0) return {};
  const templated = Object.keys(obj(template['data']));
  // A template's data replaces what was fetched, unless it merges into it.
  if (template['data'] !== undefined && str(template['mergePolicy']) !== 'Merge') return { keys: templated };
  if (list(spec['dataFrom']).length > 0) return {};
  const fromData = list(spec['data']).map((d) => str(obj(d)['secretKey'])).filter((k): k is string => k !== undefined);
  return { keys: [...new Set([...fromData, ...templated])] };
}

/** Where each kind keeps its pod spec. */
function podSpecs(p: Placed): { spec: Obj; pointer: (string | number)[] }[] {
  const spec = obj(p.data['spec']);
  const at = (v: unknown, pointer: (string | number)[]) => ({ spec: obj(v), pointer });
  switch (`${p.group}/${p.kind}`) {
    case '/Pod':
      return [at(spec, ['spec'])];
    case 'apps/Deployment':
    case 'apps/StatefulSet':
    case 'apps/DaemonSet':
    case 'apps/ReplicaSet':
    case 'batch/Job':
      return [at(obj(spec['template'])['spec'], ['spec', 'template', 'spec'])];
    case 'batch/CronJob':
      return [at(obj(obj(obj(spec['jobTemplate'])['spec'])['template'])['spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec'])];
    case 'elasticsearch.k8s.elastic.co/Elasticsearch':
      return list(spec['nodeSets']).map((n, i) => at(obj(obj(n)['podTemplate'])['spec'], ['spec', 'nodeSets', i, 'podTemplate', 'spec']));
    case 'kibana.k8s.elastic.co/Kibana':
      return [at(obj(spec['podTemplate'])['spec'], ['spec', 'podTemplate', 'spec'])];
    default:
      return [];
  }
}

function needsOf(ctx: LintContext, p: Placed, stores: Placed[]): SecretNeed[] {
  const out: SecretNeed[] = [];
  const ns = p.namespace ?? '';
  const need = (namespace: string, name: string | undefined, keys: string[], who: string, pointer: (string | number)[]) => {
    if (name) out.push({ cluster: p.cluster, namespace, name, keys, who, where: p.place(encodePointer(pointer)) });
  };
  const keysOf = (items: unknown) => list(items).map((i) => str(obj(i)['key'])).filter((k): k is string => k !== undefined);

  for (const { spec, pointer } of podSpecs(p)) {
    list(spec['volumes']).forEach((v, i) => {
      const vol = obj(v);
      const secret = obj(vol['secret']);
      if (vol['secret'] !== undefined && secret['optional'] !== true) need(ns, str(secret['secretName']), keysOf(secret['items']), `${p.label} (volume ${str(vol['name']) ?? i})`, [...pointer, 'volumes', i, 'secret']);
      list(obj(vol['projected'])['sources']).forEach((s, j) => {
        const src = obj(obj(s)['secret']);
        if (obj(s)['secret'] !== undefined && src['optional'] !== true) need(ns, str(src['name']), keysOf(src['items']), `${p.label} (volume ${str(vol['name']) ?? i})`, [...pointer, 'volumes', i, 'projected', 'sources', j, 'secret']);
      });
    });
    for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
      list(spec[field]).forEach((c, i) => {
        const container = obj(c);
        const who = `${p.label} (container ${str(container['name']) ?? i})`;
        list(container['env']).forEach((e, j) => {
          const ref = obj(obj(obj(e)['valueFrom'])['secretKeyRef']);
          if (obj(obj(e)['valueFrom'])['secretKeyRef'] !== undefined && ref['optional'] !== true) need(ns, str(ref['name']), str(ref['key']) ? [str(ref['key'])!] : [], who, [...pointer, field, i, 'env', j, 'valueFrom', 'secretKeyRef']);
        });
        list(container['envFrom']).forEach((e, j) => {
          const ref = obj(obj(e)['secretRef']);
          if (obj(e)['secretRef'] !== undefined && ref['optional'] !== true) need(ns, str(ref['name']), [], who, [...pointer, field, i, 'envFrom', j, 'secretRef']);
        });
      });
    }
    list(spec['imagePullSecrets']).forEach((s, i) => need(ns, str(obj(s)['name']), [], `${p.label} (imagePullSecrets)`, [...pointer, 'imagePullSecrets', i]));
  }

  const spec = obj(p.data['spec']);
  const settings = ctx.plan.clusters.find((c) => c.name === p.cluster)?.settings;
  switch (`${p.group}/${p.kind}`) {
    case 'elasticsearch.k8s.elastic.co/Elasticsearch':
      list(spec['secureSettings']).forEach((s, i) => need(ns, str(obj(s)['secretName']), [], `${p.label} (secureSettings)`, ['spec', 'secureSettings', i]));
      break;
    case 'networking.k8s.io/Ingress':
    case 'extensions/Ingress': {
      const an = obj(obj(p.data['metadata'])['annotations']);
      const ref = str(an['nginx.ingress.kubernetes.io/auth-secret']);
      if (ref) {
        const [refNs, refName] = ref.includes('/') ? ref.split('/', 2) : [ns, ref];
        const map = str(an['nginx.ingress.kubernetes.io/auth-secret-type']) === 'auth-map';
        need(refNs!, refName, map ? [] : ['auth'], `${p.label} (ingress-nginx basic auth)`, ['metadata', 'annotations', 'nginx.ingress.kubernetes.io/auth-secret']);
      }
      break;
    }
    case 'traefik.io/Middleware':
    case 'traefik.containo.us/Middleware':
      for (const auth of ['basicAuth', 'digestAuth']) {
        const secret = str(obj(spec[auth])['secret']);
        need(ns, secret, ['users'], `${p.label} (Traefik ${auth})`, ['spec', auth, 'secret']);
      }
      break;
    case 'cert-manager.io/ClusterIssuer':
    case 'cert-manager.io/Issuer': {
      // A ClusterIssuer reads its Secret from cert-manager's own (cluster resource) namespace.
      const issuerNs = p.kind === 'ClusterIssuer' ? (settings?.certManager.namespace ?? 'cert-manager') : ns;
      need(issuerNs, str(obj(spec['ca'])['secretName']), ['tls.crt', 'tls.key'], `${p.label} (CA issuer)`, ['spec', 'ca', 'secretName']);
      break;
    }
    case 'trust.cert-manager.io/Bundle':
      // trust-manager reads Bundle sources from its trust namespace (the cert-manager namespace here).
      list(spec['sources']).forEach((s, i) => {
        const secret = obj(obj(s)['secret']);
        if (obj(s)['secret'] !== undefined) need(settings?.certManager.namespace ?? 'cert-manager', str(secret['name']), str(secret['key']) ? [str(secret['key'])!] : [], `${p.label} (trust source)`, ['spec', 'sources', i, 'secret']);
      });
      break;
    case 'external-secrets.io/ExternalSecret':
      externalSecretNeeds(p, spec, stores, need);
      break;
  }
  return out;
}

type NeedFn = (namespace: string, name: string | undefined, keys: string[], who: string, pointer: (string | number)[]) => void;

/**
 * An ExternalSecret needs its target to exist when it only merges into it, and, through a store of
 * the `kubernetes` provider, the Secrets it copies from the store's remote namespace.
 */
function externalSecretNeeds(p: Placed, spec: Obj, stores: Placed[], need: NeedFn): void {
  const target = obj(spec['target']);
  if (str(target['creationPolicy']) === 'Merge') need(p.namespace ?? '', str(target['name']) ?? p.name, [], `${p.label} (creationPolicy Merge updates the Secret but never creates it)`, ['spec', 'target']);
  const remoteNamespace = (ref: unknown): string | undefined => {
    const r = obj(ref);
    const kind = str(r['kind']) ?? 'SecretStore';
    const store = stores.find((s) => s.cluster === p.cluster && s.kind === kind && s.name === str(r['name']) && (kind === 'ClusterSecretStore' || s.namespace === p.namespace));
    const k8s = obj(obj(obj(store?.data['spec'])['provider'])['kubernetes']);
    if (!store || obj(obj(store.data['spec'])['provider'])['kubernetes'] === undefined) return undefined;
    return str(k8s['remoteNamespace']) ?? 'default';
  };
  const defaultNs = remoteNamespace(spec['secretStoreRef']);
  list(spec['data']).forEach((d, i) => {
    const entry = obj(d);
    const source = obj(entry['sourceRef']);
    if (source['generatorRef'] !== undefined) return;
    const remoteNs = source['storeRef'] !== undefined ? remoteNamespace(source['storeRef']) : defaultNs;
    const ref = obj(entry['remoteRef']);
    const property = str(ref['property']);
    if (remoteNs) need(remoteNs, str(ref['key']), property ? [property] : [], `${p.label} (data ${str(entry['secretKey']) ?? i}, from the store's namespace ${remoteNs})`, ['spec', 'data', i, 'remoteRef']);
  });
  list(spec['dataFrom']).forEach((d, i) => {
    const entry = obj(d);
    const source = obj(entry['sourceRef']);
    if (source['generatorRef'] !== undefined || entry['extract'] === undefined) return;
    const remoteNs = source['storeRef'] !== undefined ? remoteNamespace(source['storeRef']) : defaultNs;
    if (remoteNs) need(remoteNs, str(obj(entry['extract'])['key']), [], `${p.label} (dataFrom, from the store's namespace ${remoteNs})`, ['spec', 'dataFrom', i, 'extract']);
  });
}
