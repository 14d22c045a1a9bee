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
