/** Helm for the tests: the real Helm 4 (the pinned one `npm test` installs), or a loud failure. */
import { beforeEach } from 'vitest';
import { formatDiagnostic } from '../../generator/model/diagnostics.js';
import { findHelm, runHelm, type Helm } from '../../generator/helm/index.js';
import { tempDir } from '../helpers.js';

let lookup: ReturnType<typeof findHelm> | undefined;

/**
 * The Helm named by HELM (the global setup points it at `.tools/`) or on PATH. Throws rather than
 * skipping: a test run without Helm must fail and say how to get it.
 */
export async function requireHelm(): Promise<Helm> {
  const found = await (lookup ??= findHelm({ env: process.env }));
  if (found.helm === undefined) {
    throw new Error(
      `these tests need a real Helm 4 and found none:\n${found.diagnostics.map(formatDiagnostic).join('\n')}\n` +
        'Run `npm test` (its pretest step installs the pinned Helm into .tools/) or set HELM to a Helm 4 binary.',
    );
  }
  return found.helm;
}

/** A Helm command for test setup (packaging, pushing); throws with Helm's stderr when it fails. */
export async function helm(h: Helm, args: string[], cacheDir = tempDir('helm-home-')): Promise<string> {
  const run = await runHelm(h, args, { cacheDir });
  if (!run.ok) throw new Error(`${run.command} failed: ${run.reason}\n${run.stderr}`);
  return run.stdout;
}

/**
 * Runs `setup` once, before the first test of the enclosing block. Unlike a failing beforeAll, which
 * vitest reports as skipped tests, a failing setup here fails every test with its message.
 */
export function setupOnce(setup: () => Promise<void>): void {
  let done: Promise<void> | undefined;
  beforeEach(() => (done ??= setup()), 120_000);
}
