import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Every temporary repository the tests make goes under one folder (TMPDIR, which os.tmpdir()
 * and the spawned CLIs honour), removed when the run ends so /tmp does not fill up run after run.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-generator-tests-'));
  process.env['TMPDIR'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
