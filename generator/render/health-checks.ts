import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argocdChecksHealth } from '../model/argocd-health.js';

/**
 * The Argo CD health checks (Lua) the generator ships, in Argo CD's own layout:
 * `health/<group>/<Kind>/health.lua`, with `health_test.yaml` and `testdata/` beside each (run by
 * test/render/health-checks.test.ts in a real Lua VM). Argo CD 1.8 dropped the health assessment
 * of `argoproj.io/Application`, so without that check sync waves between Applications gate
 * nothing: a child counts as healthy the moment it exists.
 */
export interface HealthCheck {
  group: string;
  kind: string;
  lua: string;
}

/** The nearest folder above this module with a package.json: the sources' root under tsx, the package root of a build. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** `health/` ships with the generator, like `schemas/`, not with the operator's repository. */
export const HEALTH_DIR = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'health');

let shipped: readonly HealthCheck[] | undefined;

/** Every shipped check, read once, sorted by group and kind. */
export function shippedHealthChecks(): readonly HealthCheck[] {
  shipped ??= readdirSync(HEALTH_DIR, { withFileTypes: true })
    .filter((g) => g.isDirectory())
    .flatMap((g) =>
      readdirSync(path.join(HEALTH_DIR, g.name), { withFileTypes: true })
        .filter((k) => k.isDirectory() && existsSync(path.join(HEALTH_DIR, g.name, k.name, 'health.lua')))
        .map((k) => ({ group: g.name, kind: k.name, lua: readFileSync(path.join(HEALTH_DIR, g.name, k.name, 'health.lua'), 'utf8') })),
    )
    .sort((a, b) => cmp(`${a.group}/${a.kind}`, `${b.group}/${b.kind}`));
  return shipped;
}

/**
 * Kinds whose check argocd-cm always carries, whatever the tree holds now: the root app-of-apps
 * syncs Applications and ApplicationSets (`apps/`, `appsets/`), and argocd-cm is applied by hand
 * once at bootstrap, so turning `progressiveSyncs` on later must not need a new bootstrap.
 */
const BOOTSTRAP_KINDS: ReadonlySet<string> = new Set(['argoproj.io/Application', 'argoproj.io/ApplicationSet']);

/**
 * The checks argocd-cm needs, keyed by argocd-cm key: a shipped check for every kind in the tree
 * (or of the bootstrap) that Argo CD `argocdVersion` cannot judge on its own. A kind Argo CD checks
 * gets none, except where Argo CD's check is not enough for sync waves (`insufficient` in
 * `model/argocd-health.ts`: the ApplicationSet, whose built-in check does not wait for the
 * generated Applications; ours does).
 */
export function healthChecksFor(kinds: ReadonlySet<string>, argocdVersion: string, checks: readonly HealthCheck[] = shippedHealthChecks()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of checks) {
    const gk = `${c.group}/${c.kind}`;
    if (!kinds.has(gk) && !BOOTSTRAP_KINDS.has(gk)) continue;
    if (argocdChecksHealth(c.group, c.kind, argocdVersion)) continue;
    out[healthKey(c.group, c.kind)] = c.lua;
  }
  return out;
}

/** The argocd-cm key of a health check for a group and kind. */
export function healthKey(group: string, kind: string): string {
  return `resource.customizations.health.${group}_${kind}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
