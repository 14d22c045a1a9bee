import type { TreeRule } from '../model/rules.js';
import type { Plan } from '../plan/types.js';
import type { RenderResult } from '../render/types.js';
import type { OutputFile } from '../model/output.js';

/** One YAML document of a file in the tree, parsed (YAML 1.1, as Argo CD and Helm read it). */
export interface LintDocument {
  /** Repository-relative path, e.g. `manifests/apps/pi/cert-manager.yaml`. */
  file: string;
  /** 1-based position of the document in its file. */
  index: number;
  data: unknown;
}

/**
 * What every lint rule sees. Rules read the tree from `files` / `documents` (what Argo CD will
 * read), never from `rendered`, so the same rules lint a fresh render and a tree read from disk.
 * `plan` supplies what the tree does not carry: the config (apps, `dependsOn`, settings) and the
 * config files to point at. Build it with `createLintContext`.
 */
export interface LintContext {
  plan: Plan;
  /** The fresh render. Rules use it only to avoid reporting twice what render already reported. */
  rendered: RenderResult;
  /** The tree being linted: the fresh render's files, or `manifests/` read from disk. */
  files: OutputFile[];
  /** Extension: every YAML document of `files`, parsed once, in file order. */
  documents: LintDocument[];
  /**
   * Extension: paths whose content is exactly what the fresh render gives. Only for these does a
   * finding come from the config, so only these may be reported at a config file; anything else
   * was edited by hand and is reported where it is.
   */
  fresh: ReadonlySet<string>;
  /**
   * Extension: the tree is exactly the fresh render (same files, same bytes). Findings that span
   * files (a missing Bundle, a dependency's health) are only blamed on config then: a file deleted
   * by hand leaves nothing else behind to point at.
   */
  identical: boolean;
  /**
   * Extension: the charts of the tree rendered with Helm (`--render`), when that ran. Absent
   * otherwise; rules that read it then see only the tree's own manifests.
   * TODO(hydrate): the rendered-chart stage (generator/hydrate/, not on main yet) sets this to its
   * `RenderedTree`; `RenderedCharts` names only the fields rules read, so that type fits as it is.
   */
  render?: RenderedCharts;
}

/** One object a chart rendered (see `LintContext.render`). */
export interface RenderedChartObject {
  apiVersion: string;
  kind: string;
  group: string;
  name: string;
  /** As rendered, or the release namespace; undefined for cluster-scoped kinds. */
  namespace?: string;
  data: Record<string, unknown>;
  /** The chart template it came from (`<chart>/templates/x.yaml`). */
  template: string;
  /** Whether Argo CD applies it (not for Helm hooks Argo CD never runs). */
  applied: boolean;
}

/** The charts of the tree as Helm rendered them, per Application (see `LintContext.render`). */
export interface RenderedCharts {
  apps: readonly {
    /** The Application (or ApplicationSet element) as the tree model has it. */
    app: { name: string; cluster?: string; object: { file: string; index: number }; specPointer: string };
    chart: { name: string };
    releaseName: string;
    namespace: string;
    objects: readonly RenderedChartObject[];
  }[];
}

/**
 * A pitfall no schema can catch, checked on the whole tree. One rule per file under `rules/`,
 * listed in the rule registry (`registry.ts`), which also generates the table in
 * docs/lint-rules.md; every rule has a fixture that trips it and one that passes. Diagnostics use
 * the code `lint/<id>`.
 */
export type LintRule = TreeRule<LintContext>;
