import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RENDERED_DIR } from '../model/files.js';

/** Whether `rendered/` holds anything. */
export function hasRenderedDir(root: string): boolean {
  const abs = path.join(root, RENDERED_DIR);
  return existsSync(abs) && statSync(abs).isDirectory() && readdirSync(abs).length > 0;
}
