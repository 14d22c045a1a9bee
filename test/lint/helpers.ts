import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Diagnostic } from '../../generator/model/diagnostics.js';
import { createLintContext, runLint } from '../../generator/lint/index.js';
import type { LintContext } from '../../generator/lint/types.js';
import { loadConfig } from '../../generator/load/load-config.js';
import { serialise } from '../../generator/pipeline.js';
import { planConfig } from '../../generator/plan/plan.js';
import type { Plan } from '../../generator/plan/types.js';
import { render } from '../../generator/render/render.js';
import type { RenderResult } from '../../generator/render/types.js';
import type { OutputFile } from '../../generator/model/output.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LINT_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/lint');

/** A config rendered in memory: load, plan, render, serialise (no validation, so lint findings do not abort). */
export interface Built {
  root: string;
  plan: Plan;
  rendered: RenderResult;
  files: OutputFile[];
}

/** A temporary copy of a config directory (default: the shipped config), with files replaced or added. */
export function configCopy(files: Record<string, string | ((text: string) => string)> = {}, from = REPO_ROOT): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lint-config-'));
  for (const p of ['cluster.yaml', 'charts.lock.yaml', 'apps', 'values']) if (existsSync(path.join(from, p))) cpSync(path.join(from, p), path.join(dir, p), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    const text = typeof content === 'function' ? content(readFileSync(abs, 'utf8')) : content;
    writeFileSync(abs, text);
  }
  return dir;
}

export async function build(root: string): Promise<Built> {
  const plan = planConfig(await loadConfig(root));
  const rendered = render(plan);
  expect(rendered.diagnostics.filter((d) => d.severity === 'error'), 'the config must render').toEqual([]);
  return { root, plan, rendered, files: serialise(rendered) };
}

/**
 * Lint the built tree with some files replaced (string), edited (function) or deleted (null), as if
 * `manifests/` on disk had been changed by hand; the fresh render stays the reference.
 */
export function lintEdited(b: Built, edits: Record<string, string | null | ((text: string) => string)> = {}): Diagnostic[] {
  return runLint(contextEdited(b, edits));
}

export function contextEdited(b: Built, edits: Record<string, string | null | ((text: string) => string)> = {}): LintContext {
  const byPath = new Map(b.files.map((f) => [f.path, f.content]));
  for (const [p, e] of Object.entries(edits)) {
    if (e === null) {
      expect(byPath.has(p), `${p} is in the tree`).toBe(true);
      byPath.delete(p);
    } else if (typeof e === 'function') {
      const before = byPath.get(p);
      expect(before, `${p} is in the tree`).toBeDefined();
      const after = e(before!);
      expect(after, `the edit of ${p} changes it`).not.toBe(before);
      byPath.set(p, after);
    } else byPath.set(p, e);
  }
  const files = [...byPath].map(([p, content]) => ({ path: p, content }));
  return createLintContext({ plan: b.plan, rendered: b.rendered, files, fresh: b.files });
}

/** The fresh render linted as generate does. */
export function lintFresh(b: Built): Diagnostic[] {
  return runLint(createLintContext({ plan: b.plan, rendered: b.rendered, files: b.files }));
}

/** Files of a hand-written fixture set, keyed by their tree path (`manifests/...`). */
export function fixtureFiles(name: string): Record<string, string> {
  const base = path.join(LINT_FIXTURES, name);
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(base, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out[child] = readFileSync(path.join(base, child), 'utf8');
    }
  };
  walk('');
  return out;
}

export function withCode(diags: Diagnostic[], id: string): Diagnostic[] {
  return diags.filter((d) => d.code === `lint/${id}` || d.code === id);
}

/** Replace exactly one occurrence; fails loudly when the generated text changed shape. */
export function replaceOnce(from: string | RegExp, to: string): (text: string) => string {
  return (text) => {
    const matches = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, from.flags.includes('g') ? from.flags : from.flags + 'g')) ?? []).length;
    expect(matches, `exactly one ${String(from)} in the text`).toBe(1);
    return text.replace(from, to);
  };
}
