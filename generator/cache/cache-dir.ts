/**
 * The generator's own cache: downloaded chart archives and Helm's cache, config and data folders.
 * It lives inside the project (git-ignored), never under $HOME, so a run touches nothing of the
 * operator's own Helm setup and CI can keep or drop it as one folder.
 */
import path from 'node:path';

/** Names a cache folder to use instead of `<root>/.cache/gitops-generator`; relative to the project root. */
export const CACHE_ENV = 'GITOPS_GENERATOR_CACHE';

export function generatorCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[CACHE_ENV];
  if (override !== undefined && override !== '') return path.resolve(root, override);
  return path.resolve(root, '.cache', 'gitops-generator');
}
