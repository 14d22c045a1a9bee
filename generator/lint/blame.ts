import type { Diagnostic, Where } from '../model/diagnostics.js';
import { ruleCode } from '../model/rules.js';
import { positionOf } from '../core/yaml-source.js';
import { valueAt } from '../core/value-at.js';
import { decodePointer, encodePointer } from '../model/source.js';
import { CLUSTER_FILE } from '../model/files.js';
import { sourceDocuments } from './context.js';
import { appConfig, asObject, type ArgoApp, type TreeObject, treeOf } from './tree.js';
import type { LintContext, LintDocument, LintRule } from './types.js';

/** Where a finding is reported (config files get their line from the pipeline's pointer mapping). */
export type { Where } from '../model/diagnostics.js';

export function finding(rule: Pick<LintRule, 'id' | 'scope' | 'severity' | 'hint'>, where: Where, message: string, hint?: string): Diagnostic {
  return {
    severity: rule.severity,
    code: ruleCode(rule),
    file: where.file,
    ...(where.document !== undefined && where.document > 1 ? { document: where.document } : {}),
    ...(where.pointer !== undefined ? { pointer: where.pointer } : {}),
    ...(where.line !== undefined ? { line: where.line, col: where.col ?? 1 } : {}),
    message,
    hint: hint ?? rule.hint,
  };
}

/** A place in a file of the tree (or a template), with its line and column. */
export function at(ctx: LintContext, doc: Pick<LintDocument, 'file' | 'index'>, pointer: string): Where {
  const src = sourceDocuments(ctx, doc.file)[doc.index - 1];
  const pos = src ? positionOf(src, pointer) : undefined;
  return { file: doc.file, document: doc.index, pointer, ...(pos ? pos : {}) };
}

/**
 * The config location when the generated file is exactly what the config renders to (a hand edit
 * is reported where it was made); the first candidate that exists wins.
 */
export function preferConfig(ctx: LintContext, generated: Where, ...candidates: (Where | undefined)[]): Where {
  if (!ctx.fresh.has(generated.file)) return generated;
  return candidates.find((c) => c !== undefined) ?? generated;
}

/** preferConfig for findings that span files: only when the whole tree is the fresh render. */
export function preferConfigIfIdentical(ctx: LintContext, generated: Where, ...candidates: (Where | undefined)[]): Where {
  return ctx.identical ? preferConfig(ctx, generated, ...candidates) : generated;
}

/**
 * A platform setting in cluster.yaml: the cluster's own override when it sets the key, otherwise
 * `defaults` (built-in defaults map to the nearest key written there).
 */
export function atSetting(ctx: LintContext, cluster: string | undefined, keys: readonly string[]): Where {
  const rc = ctx.plan.config.rootConfig;
  const i = rc.clusters.findIndex((c) => c.name === cluster);
  const override = cluster !== undefined ? rc.clusterOverrides.get(cluster) : undefined;
  if (i >= 0 && valueAt(override, keys) !== undefined) return { file: CLUSTER_FILE, pointer: encodePointer(['clusters', i, 'settings', ...keys]) };
  return { file: CLUSTER_FILE, pointer: encodePointer(['defaults', ...keys]) };
}

/** A key of an app file. */
export function atAppFile(ctx: LintContext, app: string | undefined, pointer: string): Where | undefined {
  const a = appConfig(ctx, app);
  return a ? { file: a.file, pointer } : undefined;
}

/**
 * The template a value or object came from, when the operator wrote it there: the values template
 * for a `$values` file, or the resources template holding an object of the same kind and name.
 */
export function fromTemplate(ctx: LintContext, doc: LintDocument, pointer: string): Where | undefined {
  const t = treeOf(ctx);
  const valuesOf = t.apps.find((a) => a.valueFiles.includes(doc.file));
  if (valuesOf) {
    const template = appConfig(ctx, valuesOf.app)?.values;
    if (!template) return undefined;
    const src = sourceDocuments(ctx, template)[0];
    if (!src || !hasPointer(src.doc.toJS(), pointer)) return undefined;
    return { file: template, pointer, ...positionOf(src, pointer) };
  }
  const o = asObject(doc);
  const by = o ? t.deployers.get(findObject(t.objects, o) ?? o)?.[0] : undefined;
  if (!o || !by) return undefined;
  for (const template of appConfig(ctx, by.app)?.resources ?? []) {
    for (const src of sourceDocuments(ctx, template)) {
      const tpl = src.doc.errors.length ? undefined : asObject({ file: template, index: src.index, data: src.doc.toJS() });
      if (tpl && tpl.kind === o.kind && tpl.name === o.name && (tpl.namespace === undefined || tpl.namespace === o.namespace)) {
        const p = hasPointer(tpl.data, pointer) ? pointer : '';
        return { file: template, document: src.index, pointer: p, ...positionOf(src, p) };
      }
    }
  }
  return undefined;
}

function findObject(objects: TreeObject[], o: TreeObject): TreeObject | undefined {
  return objects.find((x) => x.file === o.file && x.index === o.index);
}

function hasPointer(data: unknown, pointer: string): boolean {
  return valueAt(data, decodePointer(pointer)) !== undefined;
}

/** The app the object belongs to (first deploying Application). */
export function deployerOf(ctx: LintContext, o: TreeObject): ArgoApp | undefined {
  return treeOf(ctx).deployers.get(o)?.[0];
}
