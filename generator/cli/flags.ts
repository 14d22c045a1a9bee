import path from 'node:path';
import { rootProblem } from '../load/repo-root.js';
import { REPORT_FORMATS } from '../report/index.js';
import { UsageError } from './args.js';
import type { FlagSpec } from './types.js';

/** Flags several commands share; a command lists the ones it takes in its own `flags`. */
export const ROOT_FLAG = {
  type: 'string',
  values: ['<dir>'],
  description: 'repository root (default: the current directory)',
} as const satisfies FlagSpec;

export const FORMAT_FLAG = {
  type: 'string',
  values: ['<fmt>'],
  description: 'how to print problems',
  choices: REPORT_FORMATS,
  default: 'text',
} as const satisfies FlagSpec;

/**
 * The repository root a command works on: `--root` resolved against the working directory. A root
 * that does not exist or is not a folder is a usage error (exit 2), found before anything reads it.
 */
export function repoRoot(ctx: { cwd: string; flags: { root?: string | undefined } }, command: string): string {
  const root = path.resolve(ctx.cwd, ctx.flags.root ?? '.');
  const problem = rootProblem(root, ctx.flags.root);
  if (problem) throw new UsageError(problem, command);
  return root;
}

/** generate, check: render every chart with Helm; `--render=available` skips what cannot be had. */
export const RENDER_FLAG = {
  type: 'string',
  bare: 'all',
  choices: ['all', 'available'],
  description:
    'render every chart with Helm 4 as Argo CD does and run the rules on the rendered objects; =available skips (with a note) charts that are neither cached nor reachable',
} as const satisfies FlagSpec;

export const CHART_MIRROR_FLAG = {
  type: 'string',
  values: ['<repoURL>=<url>'],
  multiple: true,
  description: "pull that repository's charts from a mirror (http(s)://, file://, oci://); wins over cluster.yaml charts.mirrors",
} as const satisfies FlagSpec;

/** The pipeline's render options from --render and --chart-mirror; a bad mirror is a usage error. */
export async function renderOptions(flags: { render?: 'all' | 'available' | undefined; 'chart-mirror': string[] }, command: string): Promise<{ render?: true | 'available'; mirrors?: Record<string, string> }> {
  const mirrors = await mirrorFlags(flags['chart-mirror'], command);
  if (flags.render === undefined) {
    if (flags['chart-mirror'].length > 0) throw new UsageError('--chart-mirror needs --render here (or use `charts pull`)', command);
    return {};
  }
  return { render: flags.render === 'available' ? 'available' : true, mirrors };
}

/** `--chart-mirror` flags as a map; the first bad one is a usage error naming it. */
export async function mirrorFlags(flags: readonly string[], command: string): Promise<Record<string, string>> {
  if (flags.length === 0) return {};
  const { parseChartMirrorFlags } = await import('../charts/index.js');
  const r = parseChartMirrorFlags([...flags]);
  const bad = r.diagnostics.find((d) => d.severity === 'error');
  if (bad) throw new UsageError(`${bad.message}${bad.hint ? ` (${bad.hint})` : ''}`, command);
  return r.mirrors;
}
