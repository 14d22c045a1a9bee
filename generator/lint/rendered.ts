import type { HydrateBlame, HydratedApp, RenderedObject, RenderedTree } from '../hydrate/types.js';
import { valueAt } from '../core/value-at.js';
import { decodePointer } from '../model/source.js';
import { at, atAppFile, fromTemplate, preferConfig, type Where } from './blame.js';
import type { ArgoApp } from './tree-model.js';
import type { LintContext } from './types.js';

/**
 * The rendered charts of a lint context, with their apps typed as the tree's `ArgoApp`s (the
 * pipeline hands hydrate the `ArgoApp`s of this very context). Undefined without `--render`.
 */
export function renderedTree(ctx: LintContext): RenderedTree<ArgoApp> | undefined {
  return ctx.render as RenderedTree<ArgoApp> | undefined;
}

export type RenderedApp = HydratedApp<ArgoApp>;

/** `RoleBinding kube-system/x from chart/templates/y.yaml`, as findings name a rendered object. */
export function describeRendered(o: RenderedObject): string {
  return `${o.kind} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name} from ${o.template}`;
}


/**
 * A key of the app: in the app file (`configPointer`) when the Application is exactly what the
 * config renders, else in the Application's file in the tree (`treePointer`, from the file's root).
 */
export function atApp(ctx: LintContext, a: ArgoApp, configPointer: string, treePointer: string): Where {
  const generated = at(ctx, a.object, treePointer);
  return preferConfig(ctx, generated, atAppFile(ctx, a.app, configPointer));
}

/** The chart of a Helm source: `/chart` of the app file, or the source's `chart` in the tree. */
export function atChart(ctx: LintContext, a: ArgoApp, sourceIndex: number): Where {
  return atApp(ctx, a, '/chart', `${a.sources[sourceIndex]?.pointer ?? a.specPointer}/chart`);
}

/**
 * Where hydrate reports Helm's findings for apps of this context: a values key at the values
 * template line that sets it (the tree's values file when that was edited by hand), else the chart.
 */
export function hydrateBlame(ctx: LintContext): HydrateBlame {
  return {
    value(subject, pointer) {
      const a = subject as ArgoApp;
      for (const file of [...a.valueFiles].reverse()) {
        const doc = ctx.documents.find((d) => d.file === file && d.index === 1);
        if (!doc || valueAt(doc.data, decodePointer(pointer)) === undefined) continue;
        return preferConfig(ctx, at(ctx, doc, pointer), fromTemplate(ctx, doc, pointer));
      }
      return undefined;
    },
    chart: (subject, sourceIndex) => atChart(ctx, subject as ArgoApp, sourceIndex),
  };
}

/** At most `max` items named, then a count. */
export function listSome(items: readonly string[], max = 6): string {
  return items.length <= max ? items.join('; ') : `${items.slice(0, max).join('; ')}; and ${items.length - max} more`;
}
