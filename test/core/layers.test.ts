import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers.js';

const DEPCRUISE = path.join(REPO_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** `npm run deps` on a copy of generator/ with one edit; returns exit code and output. */
function cruiseWith(edit: (root: string) => void): { code: number; out: string } {
  const root = tempDir('gitops-deps-');
  for (const p of ['generator', 'tsconfig.json', '.dependency-cruiser.cjs']) cpSync(path.join(REPO_ROOT, p), path.join(root, p), { recursive: true });
  edit(root);
  try {
    const out = execFileSync(process.execPath, [DEPCRUISE, 'generator', '--config', '.dependency-cruiser.cjs'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

describe('the one-way layering (npm run deps)', () => {
  it('fails a backward import with the name of the rule it breaks', () => {
    const r = cruiseWith((root) => {
      // plan is an earlier stage than render: it may not know render's types.
      const file = path.join(root, 'generator/plan/graph.ts');
      writeFileSync(file, `import type { RenderResult } from '../render/types.js';\nexport type Probe = RenderResult;\n${readFileSync(file, 'utf8')}`);
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('plan-no-later-stage: generator/plan/graph.ts → generator/render/types.ts');
  });
});
