/**
 * Finds the Helm binary the generator uses and checks it is Helm 4: `HELM` (a path, or a name to
 * look up on PATH), else the pinned copy `npm test` installs in the project, else `helm` on PATH.
 * The first one found is the answer, as in a shell; a Helm 3 there is an error, not a reason to
 * look further.
 */
import path from 'node:path';
import { findOnPath, isRegularFile } from '../core/executable.js';
import type { Diagnostic } from '../model/diagnostics.js';

export const HELM_MAJOR = 4;
/** Where scripts/install-helm.mjs installs the pinned Helm, relative to the project root. */
export const PINNED_HELM = '.tools/helm-v4.1.4/helm';
export const HELM_INSTALL_HINT =
  'run `npm test` once in the project (its pretest step installs the pinned Helm v4.1.4 at ' +
  `${PINNED_HELM}), or set HELM to the path of a Helm 4 binary`;

export interface Helm {
  /** Absolute path of the binary. */
  binary: string;
  /** As Helm prints it, e.g. `v4.1.4`. */
  version: string;
  /** How it was found. */
  via: 'HELM' | 'project' | 'PATH';
}

export interface FindHelmOptions {
  /** Defaults to `process.env`; HELM and PATH are read from it and it is the probe's environment. */
  env?: NodeJS.ProcessEnv;
  /** A relative HELM is resolved against this; defaults to `process.cwd()`. */
  cwd?: string;
  /** The project root; when given, its pinned `.tools/` copy is used if HELM is unset. */
  root?: string;
}

export interface FindHelmResult {
  helm?: Helm;
  diagnostics: Diagnostic[];
}

export async function findHelm(opts: FindHelmOptions = {}): Promise<FindHelmResult> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const fromEnv = env['HELM'];

  if (fromEnv !== undefined && fromEnv !== '') {
    const binary = /[\\/]/.test(fromEnv) ? await asFile(path.resolve(cwd, fromEnv)) : await findOnPath(fromEnv, env);
    if (binary === undefined) {
      const where = /[\\/]/.test(fromEnv) ? 'which is not a file' : 'which is not on PATH';
      return notFound(`HELM is set to ${JSON.stringify(fromEnv)}, ${where}`);
    }
    return probe(binary, 'HELM', env);
  }
  if (opts.root !== undefined) {
    const pinned = await asFile(path.resolve(opts.root, PINNED_HELM));
    if (pinned !== undefined) return probe(pinned, 'project', env);
  }
  const binary = await findOnPath('helm', env);
  if (binary === undefined) return notFound('Helm not found: HELM is not set and there is no helm on PATH');
  return probe(binary, 'PATH', env);
}

async function probe(binary: string, via: Helm['via'], env: NodeJS.ProcessEnv): Promise<FindHelmResult> {
  // Loaded on demand, as in validate/kubeconform.ts: importing execa costs ~0.1 s.
  const { execa } = await import('execa');
  const run = await execa(binary, ['version', '--template', '{{.Version}}'], {
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
  });
  if (run.exitCode === undefined) {
    // Present but not runnable (EACCES, wrong architecture, ...).
    return fail('helm/not-runnable', `${binary} could not be started: ${run.shortMessage}`);
  }
  const printed = run.stdout.trim();
  const version = /^v?(\d+)\.(\d+)\.(\d+)\S*$/.exec(printed);
  if (run.exitCode !== 0 || version === null) {
    const said = run.exitCode !== 0 ? `exited with code ${run.exitCode}` : `printed ${JSON.stringify(printed.slice(0, 80))}`;
    return fail('helm/wrong-version', `${binary} is not a Helm ${HELM_MAJOR} binary: \`helm version --template '{{.Version}}'\` ${said}`);
  }
  if (Number(version[1]) !== HELM_MAJOR) {
    return fail('helm/wrong-version', `${binary} is Helm ${printed}; the generator needs Helm ${HELM_MAJOR} (v${HELM_MAJOR}.x.y)`);
  }
  return { helm: { binary, version: printed, via }, diagnostics: [] };
}

function notFound(message: string): FindHelmResult {
  return fail('helm/not-found', message);
}

function fail(code: string, message: string): FindHelmResult {
  return { diagnostics: [{ severity: 'error', code, message, hint: HELM_INSTALL_HINT }] };
}

/** `p` when it is a regular file. */
async function asFile(p: string): Promise<string | undefined> {
  return (await isRegularFile(p)) ? p : undefined;
}
