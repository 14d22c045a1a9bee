/** Where chart archives live in the generator cache, and their digests. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { repoFolder } from './reference.js';
import type { ChartRef } from './types.js';

/** `<cacheDir>/charts/<repository folder>/<name>-<version>.tgz` */
export function archivePath(cacheDir: string, ref: ChartRef): string {
  return path.join(cacheDir, 'charts', repoFolder(ref.repoURL), `${ref.name}-${ref.version}.tgz`);
}

/** Fresh downloads land here first, on the same file system, so moving one into place is one rename. */
export function stagingDir(cacheDir: string): string {
  return path.join(cacheDir, 'charts', '.staging');
}

/** `sha256:<hex>` of a file, or undefined when there is no such file. */
export async function fileDigest(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(file), hash);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return undefined;
    throw err;
  }
  return `sha256:${hash.digest('hex')}`;
}
