import type { NamespaceFacts } from '../mesh/pod-injection.js';
import { encodePointer } from '../model/source.js';
import { at, atAppFile, fromTemplate, preferConfig, type Where } from './blame.js';
import { atRenderedValue } from './rendered-blame.js';
import { atApp, type RenderedApp } from './rendered.js';
import { annotationsOf, appConfig, appsOn, labelsOf, list, obj, stringMap, treeOf, type ArgoApp } from './tree.js';
import type { LintContext } from './types.js';

/** A namespace's metadata as the cluster will have it, and where each annotation of it is set. */
export interface NamespaceMeta extends NamespaceFacts {
  name: string;
  /** Where the annotation `key` is set, in config when the config sets it. */
  whereAnnotation(key: string): Where | undefined;
}

/**
 * The metadata of namespace `ns` on `cluster`: a Namespace object of the tree wins (it replaces
 * what managedNamespaceMetadata would set), then one a chart renders, else the
 * managedNamespaceMetadata of the Applications that create it (CreateNamespace=true).
 */
export function namespaceMeta(ctx: LintContext, rendered: readonly RenderedApp[], cluster: string | undefined, ns: string): NamespaceMeta {
  const apps = appsOn(treeOf(ctx), cluster);
  const object = apps.flatMap((a) => a.deployed).find((o) => o.group === '' && o.kind === 'Namespace' && o.name === ns);
  if (object) {
    const by = treeOf(ctx).deployers.get(object)?.[0];
    return {
      name: ns,
      annotations: annotationsOf(object),
      labels: labelsOf(object),
      whereAnnotation: (key) => {
        const pointer = encodePointer(['metadata', 'annotations', key]);
        return preferConfig(ctx, at(ctx, object, pointer), fromTemplate(ctx, object, pointer), configCause(ctx, by?.app, key));
      },
    };
  }
  for (const h of rendered) {
    if (h.app.cluster !== cluster) continue;
    const o = h.objects.find((x) => x.applied && x.group === '' && x.kind === 'Namespace' && x.name === ns);
    if (!o) continue;
    const md = obj(o.data['metadata']);
    const annotations = stringMap(md['annotations']);
    return { name: ns, annotations, labels: stringMap(md['labels']), whereAnnotation: (key) => (annotations[key] !== undefined ? atRenderedValue(ctx, h, o, key, annotations[key]) : undefined) };
  }
  const annotations: Record<string, string> = {};
  const labels: Record<string, string> = {};
  const setBy = new Map<string, ArgoApp>();
  for (const a of apps) {
    if (a.destinationNamespace !== ns) continue;
    const policy = obj(a.spec['syncPolicy']);
    if (!list(policy['syncOptions']).includes('CreateNamespace=true')) continue;
    const managed = obj(policy['managedNamespaceMetadata']);
    for (const [k, v] of Object.entries(stringMap(managed['annotations']))) {
      annotations[k] = v;
      setBy.set(k, a);
    }
    Object.assign(labels, stringMap(managed['labels']));
  }
  return {
    name: ns,
    annotations,
    labels,
    whereAnnotation: (key) => {
      const a = setBy.get(key);
      if (!a) return undefined;
      const cause = configCause(ctx, a.app, key);
      return atApp(ctx, a, cause?.pointer ?? '', `${a.specPointer}/syncPolicy/managedNamespaceMetadata/annotations/${encodePointer([key]).slice(1)}`);
    },
  };
}

/**
 * The key of an app file behind a Linkerd namespace annotation the generator writes: the app's own
 * `namespaceMetadata.annotations` entry, else what decides its mesh mode.
 */
export function configCause(ctx: LintContext, app: string | undefined, key: string): Where | undefined {
  const cfg = appConfig(ctx, app);
  if (cfg?.namespaceMetadata.annotations[key] !== undefined) return atAppFile(ctx, app, encodePointer(['namespaceMetadata', 'annotations', key]));
  return meshCause(ctx, app);
}

/** What decides an app's mesh mode: its `mesh:` key, else its chart (whose recipe has a default). */
export function meshCause(ctx: LintContext, app: string | undefined): Where | undefined {
  const cfg = appConfig(ctx, app);
  if (!cfg) return undefined;
  return atAppFile(ctx, app, cfg.mesh.explicit ? '/mesh' : cfg.chart ? '/chart' : '');
}
