/**
 * The environment every Helm command runs with: Helm's cache, config and data folders inside the
 * generator's cache, so Helm never reads or writes the operator's ~/.cache/helm, ~/.config/helm
 * (repositories, registry logins) or ~/.local/share/helm (plugins).
 */
import path from 'node:path';

export interface HelmDirs {
  cache: string;
  config: string;
  data: string;
}

/** `<cacheDir>/helm/{cache,config,data}`. */
export function helmDirs(cacheDir: string): HelmDirs {
  const base = path.join(cacheDir, 'helm');
  return { cache: path.join(base, 'cache'), config: path.join(base, 'config'), data: path.join(base, 'data') };
}

/**
 * `base` without any HELM_* setting of its own (a HELM_REPOSITORY_CONFIG or HELM_PLUGINS from the
 * caller's shell would point back under $HOME), plus Helm's folders under `cacheDir`. Every derived
 * path Helm 4 knows is set explicitly too, rather than trusting its defaults to follow the three homes.
 */
export function helmEnv(cacheDir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!k.startsWith('HELM_')) env[k] = v;
  const dirs = helmDirs(cacheDir);
  return {
    ...env,
    HELM_CACHE_HOME: dirs.cache,
    HELM_CONFIG_HOME: dirs.config,
    HELM_DATA_HOME: dirs.data,
    HELM_CONTENT_CACHE: path.join(dirs.cache, 'content'),
    HELM_REPOSITORY_CACHE: path.join(dirs.cache, 'repository'),
    HELM_REPOSITORY_CONFIG: path.join(dirs.config, 'repositories.yaml'),
    HELM_REGISTRY_CONFIG: path.join(dirs.config, 'registry', 'config.json'),
    HELM_PLUGINS: path.join(dirs.data, 'plugins'),
  };
}
