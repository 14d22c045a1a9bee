/** Runs one Helm command with Helm's folders inside the generator cache (see helm-env.ts). */
import { helmEnv } from './helm-env.js';
import type { Helm } from './find-helm.js';

export interface RunHelmOptions {
  /** The generator cache; Helm's cache, config and data folders live under `<cacheDir>/helm/`. */
  cacheDir: string;
  cwd?: string;
  /** Base environment (HELM_* entries are dropped); defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to 5 minutes. */
  timeoutMs?: number;
}

export interface HelmRun {
  ok: boolean;
  /** Undefined when Helm did not start or was killed. */
  exitCode?: number;
  stdout: string;
  stderr: string;
  /** `helm <args>`, for messages. */
  command: string;
  /** Why it failed, in one line: Helm's own `Error: ...` text when it printed one. Empty when ok. */
  reason: string;
}

export async function runHelm(helm: Helm, args: readonly string[], opts: RunHelmOptions): Promise<HelmRun> {
  const { execa } = await import('execa');
  const run = await execa(helm.binary, args, {
    cwd: opts.cwd,
    env: helmEnv(opts.cacheDir, opts.env ?? process.env),
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: opts.timeoutMs ?? 300_000,
  });
  const command = ['helm', ...args].join(' ');
  const base = { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, command };
  if (run.exitCode === 0) return { ok: true, ...base, reason: '' };
  if (run.exitCode === undefined) return { ok: false, ...base, reason: run.shortMessage ?? 'helm did not finish' };
  return { ok: false, ...base, reason: helmReason(run.stderr) || `exited with code ${run.exitCode}` };
}

/** Helm ends a failure with `Error: <reason>` on stderr; keep that, without the prefix. */
export function helmReason(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const error = lines.filter((l) => l.startsWith('Error:')).pop();
  const text = error !== undefined ? error.slice('Error:'.length).trim() : (lines.pop() ?? '');
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
