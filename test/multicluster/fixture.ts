/**
 * Helpers for the multi-cluster tests: a temporary copy of the example config, YAML edits on it,
 * the real pipeline over it, and a stand-in for Argo CD's rendering of an ApplicationSet template.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument, type Document } from 'yaml';
import { GeneratorError, type Diagnostic } from '../../generator/model/diagnostics.js';
import { buildTree, type BuiltTree } from '../../generator/pipeline.js';
import type { Application, ApplicationSet } from '../../generator/model/k8s.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE = path.join(REPO, 'test/fixtures/valid/multi-cluster');

const copies: string[] = [];

/** A temporary copy of the multi-cluster example (cluster.yaml, apps/, values/). */
export function copyFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-multicluster-'));
  cpSync(FIXTURE, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/** Remove the copies this test file made (register with afterAll). */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Edit one YAML file of a copied config in place, keeping its comments. */
export function editYaml(root: string, rel: string, edit: (doc: Document) => void): void {
  const file = path.join(root, rel);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(file, doc.toString());
}

/** The pipeline over a fresh copy of the fixture, after optional edits. */
export async function buildFixture(edit?: (root: string) => void): Promise<BuiltTree> {
  const root = copyFixture();
  edit?.(root);
  return buildTree(root);
}

/** The errors a build fails with; fails the test when the build succeeds. */
export async function buildErrors(edit: (root: string) => void): Promise<Diagnostic[]> {
  try {
    await buildFixture(edit);
  } catch (e) {
    // Errors only: the lab's retired ingress-nginx adds a warning to every failed build.
    if (e instanceof GeneratorError) return e.diagnostics.filter((d) => d.severity === 'error');
    throw e;
  }
  throw new Error('expected the build to fail');
}

/** Output file contents by path. */
export function outputs(tree: BuiltTree): Map<string, string> {
  return new Map(tree.files.map((f) => [f.path, f.content]));
}

/** The one YAML document of an output file, as written. */
export function readOutput<T = Record<string, unknown>>(tree: BuiltTree, rel: string): T {
  const file = tree.files.find((f) => f.path === rel);
  if (!file) throw new Error(`${rel} was not generated; got ${tree.files.map((f) => f.path).join(', ')}`);
  return parse(file.content) as T;
}

export function appsetOf(tree: BuiltTree, app: string): ApplicationSet {
  return readOutput<ApplicationSet>(tree, `manifests/appsets/${app}.yaml`);
}

export function applicationOf(tree: BuiltTree, cluster: string, app: string): Application {
  return readOutput<Application>(tree, `manifests/apps/${cluster}/${app}.yaml`);
}

/**
 * Argo CD's goTemplate rendering for the subset the generator emits (`{{.key}}` and the escaped
 * literal `{{"{{"}}`), with `missingkey=error`: a missing key or any other action throws.
 */
export function renderGoTemplate(s: string, params: Record<string, string>): string {
  return s.replace(/\{\{(.*?)\}\}/g, (_, action: string) => {
    const key = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(action)?.[1];
    if (action === '"{{"') return '{{';
    if (key === undefined) throw new Error(`unexpected template action {{${action}}} in ${JSON.stringify(s)}`);
    const v = params[key];
    if (v === undefined) throw new Error(`map has no entry for key "${key}" (missingkey=error) in ${JSON.stringify(s)}`);
    return v;
  });
}

/** Every string in a template rendered for one element, as the ApplicationSet controller does. */
export function renderDeep<T>(value: T, params: Record<string, string>): T {
  if (typeof value === 'string') return renderGoTemplate(value, params) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => renderDeep(v, params)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, params)])) as T;
  }
  return value;
}

/**
 * Strategic merge as Argo CD applies `templatePatch` to Application fields: maps merge key by
 * key, lists are replaced, null removes the key.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(target) || !isMap(patch)) return patch;
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What the controller generates from one element is an Application: name, labels and a full spec. */
type Generated = { element: Record<string, string> } & Pick<Application, 'metadata' | 'spec'>;

/** The Applications an ApplicationSet generates, one per list element, templatePatch applied. */
export function generatedApplications(set: ApplicationSet): Generated[] {
  const gen = set.spec.generators[0]!;
  const patchText = (set.spec as { templatePatch?: string }).templatePatch;
  return gen.list.elements.map((element) => {
    let app = renderDeep(set.spec.template, element) as Pick<Application, 'metadata' | 'spec'>;
    if (patchText !== undefined) app = mergePatch(app, parse(renderGoTemplate(patchText, element))) as typeof app;
    return { element, ...app };
  });
}
