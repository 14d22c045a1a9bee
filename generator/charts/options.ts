/** What every chart-cache operation needs to know: where the project, its lock and its cache are. */
import { generatorCacheDir } from '../cache/cache-dir.js';

export interface ChartCacheOptions {
  /** The project root: charts.lock.yaml is here, and the cache by default under `.cache/gitops-generator/`. */
  root: string;
  /** Defaults to `GITOPS_GENERATOR_CACHE` (relative to root) or `<root>/.cache/gitops-generator`. */
  cacheDir?: string;
  /** Environment for finding and running Helm; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export function cacheDirOf(opts: ChartCacheOptions): string {
  return opts.cacheDir ?? generatorCacheDir(opts.root, opts.env ?? process.env);
}
