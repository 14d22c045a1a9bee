import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm test`'s pretest step (scripts/install-helm.mjs) puts the pinned Helm. */
const PINNED_HELM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.tools', 'helm-v4.1.4', 'helm');

/**
 * Every temporary repository the tests make goes under one folder (TMPDIR, which os.tmpdir()
 * and the spawned CLIs honour), removed when the run ends so /tmp does not fill up run after run.
 * Tests that need Helm find the pinned one through HELM unless the caller chose another.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-generator-tests-'));
  process.env['TMPDIR'] = dir;
  if (!process.env['HELM'] && existsSync(PINNED_HELM)) process.env['HELM'] = PINNED_HELM;
  return () => rmSync(dir, { recursive: true, force: true });
}
