import { existsSync } from 'node:fs';
import path from 'node:path';
import { GeneratorError, hasErrors, sortDiagnostics, type Diagnostic } from './core/diagnostics.js';
import { positionOf } from './core/yaml-source.js';
import { loadConfig, type LoadedConfig } from './load/load-config.js';
import { planConfig, type Plan } from './plan/plan.js';
import { render, type RenderResult } from './render/render.js';
import { validateOutput } from './validate/validate-output.js';
import { compareTree } from './write/compare.js';
import { renderYamlFile } from './write/serialize.js';
import { writeTree, type OutputFile, type WriteOptions, type WriteResult } from './write/tree-writer.js';

export interface BuiltTree {
  config: LoadedConfig;
  plan: Plan;
  rendered: RenderResult;
  files: OutputFile[];
  /** Warnings (errors abort the build). */
  diagnostics: Diagnostic[];
  documents: number;
}

/**
 * load -> plan -> render -> serialise -> validate, all in memory. Throws GeneratorError with every
 * problem found when anything is wrong, so callers never write a partial tree.
 */
export async function buildTree(root: string): Promise<BuiltTree> {
  const config = await loadConfig(root);
  try {
    const plan = planConfig(config);
    const rendered = render(plan);
    if (hasErrors(rendered.diagnostics)) throw new GeneratorError(rendered.diagnostics);
    const files = serialise(rendered);
    const validation = validateOutput(plan, rendered, files);
    const diagnostics = [...plan.diagnostics, ...rendered.diagnostics, ...validation.diagnostics];
    if (hasErrors(diagnostics)) throw new GeneratorError(diagnostics);
    return { config, plan, rendered, files, diagnostics: locate(config, diagnostics), documents: validation.documents };
  } catch (e) {
    if (e instanceof GeneratorError) throw new GeneratorError(sortDiagnostics(locate(config, e.diagnostics)));
    throw e;
  }
}

export function serialise(rendered: RenderResult): OutputFile[] {
  return rendered.files.map((f) => ({
    path: f.path,
    content: f.text !== undefined ? f.text : renderYamlFile(f.sources, f.documents ?? []),
  }));
}

/** Fill in line and column for diagnostics that only know their file and JSON pointer. */
function locate(config: LoadedConfig, diags: Diagnostic[]): Diagnostic[] {
  return diags.map((d) => {
    if (d.line !== undefined || d.file === undefined || d.pointer === undefined) return d;
    const src = config.sources.get(d.file);
    return src ? { ...d, ...positionOf(src, d.pointer) } : d;
  });
}

export interface GenerateResult extends WriteResult {
  tree: BuiltTree;
}

export async function generate(root: string, opts: WriteOptions = {}): Promise<GenerateResult> {
  const tree = await buildTree(root);
  const result = writeTree(root, tree.files, opts);
  return { ...result, tree };
}

export interface CheckResult {
  tree?: BuiltTree;
  diagnostics: Diagnostic[];
}

/**
 * What CI runs: config validation, a fresh render compared with manifests/ on disk, and every
 * `$values/...` and directory path of the emitted Applications resolved against the tree.
 */
export async function check(root: string): Promise<CheckResult> {
  const tree = await buildTree(root);
  const diagnostics = [...tree.diagnostics, ...compareTree(root, tree.files), ...checkSourcePaths(root, tree)];
  return { tree, diagnostics: sortDiagnostics(diagnostics) };
}

/** Every path an Application or ApplicationSet points Argo CD at must exist in the committed tree. */
export function checkSourcePaths(root: string, tree: BuiltTree): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const r of tree.rendered.instances) {
    const paths = [...(r.valuesPath ? [r.valuesPath] : []), ...(r.resourcesPath ? [r.resourcesPath] : [])];
    for (const p of paths) {
      if (!existsSync(path.join(root, p))) {
        diags.push({
          severity: 'error',
          code: 'check/missing-source-path',
          file: r.applicationPath,
          message: `Application ${r.application.metadata.name} points Argo CD at ${p}, which is not in the committed tree`,
          hint: 'run `npm run generate` and commit manifests/',
        });
      }
    }
  }
  return diags;
}
