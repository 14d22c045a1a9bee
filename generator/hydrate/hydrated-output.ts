/**
 * The hydrated tree (`render.hydrate: true`): every object each app's chart rendered, one file per
 * object at `rendered/<cluster>/<app>/<kind>-[<namespace>-]<name>.yaml` (the namespace only when
 * it is not the destination's), with the generator's header so prune knows the files as its own.
 */
import { renderYamlFile } from '../core/serialize.js';
import { RENDERED_DIR } from '../model/files.js';
import type { OutputFile } from '../model/output.js';
import type { HydratedApp, HydrateSubject, RenderedObject } from './types.js';

/** One file of the hydrated tree, with the app and object it holds. */
export interface HydratedFile<A extends HydrateSubject = HydrateSubject> extends OutputFile {
  app: HydratedApp<A>;
  object: RenderedObject;
}

export const HYDRATE_COMMAND = 'gitops-generator generate --render';

export function hydratedOutput<A extends HydrateSubject>(apps: readonly HydratedApp<A>[], sourcesOf: (h: HydratedApp<A>) => string[]): HydratedFile<A>[] {
  const out = new Map<string, HydratedFile<A>>();
  for (const h of apps) {
    if (h.key === undefined) continue;
    const dir = `${RENDERED_DIR}/${h.key}`;
    const sources = sourcesOf(h);
    const names = fileNames(h.objects, h.app.destinationNamespace);
    h.objects.forEach((o, i) => {
      let p = `${dir}/${names[i]}`;
      // Two sources of one app rendering the same object: keep both, numbered.
      for (let n = 2; out.has(p); n++) p = `${dir}/${names[i]!.replace(/\.yaml$/, `-${n}.yaml`)}`;
      out.set(p, { path: p, content: renderYamlFile(sources, [o.data], HYDRATE_COMMAND), app: h, object: o });
    });
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** File names; kinds of two groups with one name (two `Certificate`s) get the group in theirs. */
function fileNames(objects: readonly RenderedObject[], destination: string | undefined): string[] {
  const base = objects.map((o) => stem(o, destination, false));
  const count = new Map<string, Set<string>>();
  objects.forEach((o, i) => count.set(base[i]!, (count.get(base[i]!) ?? new Set()).add(o.group)));
  const names = objects.map((o, i) => (count.get(base[i]!)!.size > 1 ? stem(o, destination, true) : base[i]!));
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? `${n}.yaml` : `${n}-${k}.yaml`;
  });
}

function stem(o: RenderedObject, destination: string | undefined, withGroup: boolean): string {
  const ns = o.namespace !== undefined && o.namespace !== destination ? `${o.namespace}-` : '';
  const kind = withGroup && o.group !== '' ? `${o.kind}.${o.group}` : o.kind;
  return `${kind.toLowerCase()}-${ns}${o.name}`.replace(/[^a-z0-9.-]/g, '-');
}
