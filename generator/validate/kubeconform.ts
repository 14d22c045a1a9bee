/**
 * Optional second opinion: run the real kubeconform binary, when present, against the same local
 * `schemas/` folder the built-in validator uses, and turn its JSON report into Diagnostics.
 */
import path from 'node:path';
import { findOnPath, isRegularFile } from '../core/executable.js';
import { isPlainObject } from '../core/merge.js';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';

export const KUBECONFORM_NOT_FOUND_NOTE =
  'kubeconform not found (set KUBECONFORM or put it on PATH); the built-in validator ran';

/** Catalog layout, shared with the built-in validator: `<schemaDir>/<group>/<kind>_<version>.json`. */
export const SCHEMA_TEMPLATE = '{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json';

export interface KubeconformSummary {
  valid: number;
  invalid: number;
  errors: number;
  skipped: number;
}

/** Identifies the YAML document kubeconform reported on (it gives no line numbers of its own). */
export interface KubeconformResource {
  kind: string;
  name: string;
  /** Full apiVersion, e.g. `apps/v1`. */
  apiVersion: string;
}

export type KubeconformLocator = (
  /** The file name exactly as it was passed in `files` (kubeconform echoes it back). */
  file: string,
  resource: KubeconformResource,
  /** JSON pointer into the document; `''` for the document itself. */
  pointer: string,
) => { line: number; col: number; document?: number } | undefined;

export interface KubeconformOptions {
  files: string[];
  schemaDir: string;
  cwd: string;
  /** Path to the binary; wins over `KUBECONFORM` and PATH. */
  binary?: string;
  /** Kinds (`Kind` or `apiVersion/Kind`) kubeconform should not validate. */
  skipKinds?: string[];
  locate?: KubeconformLocator;
  /** Environment for the lookup and the child process; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Kill the run after this long; defaults to 5 minutes. */
  timeoutMs?: number;
}

export interface KubeconformResult {
  ran: boolean;
  version?: string;
  diagnostics: Diagnostic[];
  summary?: KubeconformSummary;
  note?: string;
}

interface ResourceResult {
  filename: string;
  kind: string;
  name: string;
  version: string;
  status: string;
  msg: string;
  validationErrors?: { path: string; msg: string }[];
}

export async function runKubeconform(opts: KubeconformOptions): Promise<KubeconformResult> {
  // With no paths kubeconform would read stdin instead; there is nothing to ask it.
  if (opts.files.length === 0) {
    return { ran: false, diagnostics: [], note: 'kubeconform skipped: no files to validate' };
  }
  const env = opts.env ?? process.env;
  const binary = await findBinary(opts.binary || env['KUBECONFORM'] || undefined, env, opts.cwd);
  if (binary === undefined) return { ran: false, diagnostics: [], note: KUBECONFORM_NOT_FOUND_NOTE };

  const common = { cwd: opts.cwd, env, extendEnv: false, reject: false, stdin: 'ignore', windowsHide: true } as const;

  // Loaded on demand: execa is only needed when kubeconform is there, and costs ~0.1 s to import.
  const { execa } = await import('execa');
  const probe = await execa(binary, ['-v'], { ...common, timeout: 30_000 });
  if (probe.code === 'ENOENT') return { ran: false, diagnostics: [], note: KUBECONFORM_NOT_FOUND_NOTE };
  if (probe.failed && probe.exitCode === undefined) {
    // Present but not runnable (EACCES, wrong architecture, ...): say why and fall back.
    return {
      ran: false,
      diagnostics: [
        {
          severity: 'warning',
          code: 'kubeconform/unavailable',
          message: `${binary} could not be started: ${probe.shortMessage}`,
        },
      ],
      note: KUBECONFORM_NOT_FOUND_NOTE,
    };
  }
  const version = probe.exitCode === 0 ? probe.stdout.trim() || undefined : undefined;

  const schemaRoot = toSlash(path.resolve(opts.cwd, opts.schemaDir));
  const args = ['-strict', '-summary', '-output', 'json', '-n', '1', '-schema-location', `${schemaRoot}/${SCHEMA_TEMPLATE}`];
  const skip = [...new Set((opts.skipKinds ?? []).filter((k) => k !== ''))];
  if (skip.length > 0) args.push('-skip', skip.join(','));
  // A lone `-` means stdin to kubeconform, even after `--`.
  args.push('--', ...opts.files.map((f) => (f === '-' ? './-' : f)));

  const run = await execa(binary, args, { ...common, timeout: opts.timeoutMs ?? 300_000 });
  const command = `kubeconform ${args.join(' ')}`;
  const base: KubeconformResult = { ran: true, diagnostics: [] };
  if (version !== undefined) base.version = version;

  if (run.timedOut || run.exitCode === undefined) {
    return { ...base, diagnostics: [failure(`kubeconform did not finish: ${run.shortMessage}`, command)] };
  }

  const report = parseReport(run.stdout);
  if (report === undefined) {
    // Exit 1 without JSON is a startup failure (bad flag, template, ...); the reason is on stderr.
    const what = run.exitCode === 0 ? 'printed no JSON report' : `exited with code ${run.exitCode} before validating`;
    return { ...base, diagnostics: [failure(`kubeconform ${what}: ${quoteStderr(run.stderr)}`, command)] };
  }

  const diagnostics: Diagnostic[] = [];
  for (const r of report.resources) diagnostics.push(...toDiagnostics(r, opts, schemaRoot));
  if (run.exitCode !== 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(failure(`kubeconform exited with code ${run.exitCode} but reported no failing resource: ${quoteStderr(run.stderr)}`, command));
  }
  const result: KubeconformResult = { ...base, diagnostics };
  if (report.summary !== undefined) {
    result.summary = report.summary;
    const total = report.summary.valid + report.summary.invalid + report.summary.errors + report.summary.skipped;
    // It exits 0 on "0 resources" (e.g. files it silently ignores for their extension).
    if (run.exitCode === 0 && total === 0) {
      diagnostics.push({
        severity: 'warning',
        code: 'kubeconform/no-resources',
        message: `kubeconform found 0 resources in ${opts.files.length} file(s)`,
        hint: 'it only reads *.yaml, *.yml and *.json files and skips empty documents',
      });
    }
  }
  result.diagnostics = sortDiagnostics(diagnostics);
  return result;
}

async function findBinary(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<string | undefined> {
  // A path is used as given (relative to cwd); a bare name is looked up on PATH like `kubeconform`.
  if (explicit !== undefined && /[\\/]/.test(explicit)) {
    const full = path.resolve(cwd, explicit);
    return (await isRegularFile(full)) ? full : undefined;
  }
  return findOnPath(explicit ?? 'kubeconform', env);
}


function parseReport(stdout: string): { resources: ResourceResult[]; summary?: KubeconformSummary } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (!isPlainObject(data) || !Array.isArray(data['resources'])) return undefined;
  const resources = data['resources'].filter(isPlainObject).map(
    (r): ResourceResult => ({
      filename: str(r['filename']),
      kind: str(r['kind']),
      name: str(r['name']),
      version: str(r['version']),
      status: str(r['status']),
      msg: str(r['msg']),
      validationErrors: Array.isArray(r['validationErrors'])
        ? r['validationErrors'].filter(isPlainObject).map((e) => ({ path: str(e['path']), msg: str(e['msg']) }))
        : undefined,
    }),
  );
  const s = data['summary'];
  if (!isPlainObject(s)) return { resources };
  return {
    resources,
    summary: { valid: num(s['valid']), invalid: num(s['invalid']), errors: num(s['errors']), skipped: num(s['skipped']) },
  };
}

function toDiagnostics(r: ResourceResult, opts: KubeconformOptions, schemaRoot: string): Diagnostic[] {
  if (r.status !== 'statusInvalid' && r.status !== 'statusError') return [];
  const file = repoPath(r.filename, opts.cwd);
  const resource: KubeconformResource = { kind: r.kind, name: r.name, apiVersion: r.version };
  const who = [r.kind, r.name].filter((s) => s !== '').join(' ');
  const prefix = who === '' ? '' : `${who}: `;

  const make = (code: string, message: string, pointer: string): Diagnostic => {
    const d: Diagnostic = { severity: 'error', code, message: prefix + message, file };
    if (pointer !== '') d.pointer = pointer;
    const pos = opts.locate?.(r.filename, resource, pointer);
    if (pos !== undefined) {
      d.line = pos.line;
      d.col = pos.col;
      if (pos.document !== undefined) d.document = pos.document;
    }
    return d;
  };

  if (r.status === 'statusError') {
    const d = make('kubeconform/error', r.msg, '');
    if (r.msg.startsWith('could not find schema') && r.kind !== '' && r.version !== '') {
      const rel = toSlash(path.relative(opts.cwd, schemaRoot)) || '.';
      d.hint = `add ${rel}/${schemaFileFor(r.kind, r.version)}, or skip the kind`;
    }
    return [d];
  }
  const errors = r.validationErrors ?? [];
  if (errors.length === 0) return [make('kubeconform/invalid', r.msg, '')];
  // validationErrors holds only the top-level causes ("anyOf failed at /spec"); what failed inside
  // is only in msg, so it is read from there.
  const tree = causeTree(r.msg);
  return errors.map((e, i) => {
    const node = tree?.[i];
    if (!node || node.path !== e.path || node.causes.length === 0) return make('kubeconform/invalid', e.msg, e.path);
    const leaves = leavesOf(node);
    const samePlace = leaves.every((l) => l.path === node.path);
    const detail = leaves.map((l) => (samePlace ? l.msg : `${l.msg} (at ${l.path || '/'})`)).join('; ');
    // The deepest cause is the most specific place to point at.
    const deepest = leaves.reduce((a, b) => (b.path.split('/').length > a.path.split('/').length ? b : a));
    return make('kubeconform/invalid', `${e.msg} at ${e.path || '/'}: ${detail}`, deepest.path);
  });
}

interface Cause {
  path: string;
  msg: string;
  causes: Cause[];
}

/**
 * The causes kubeconform's msg lists (jsonschema v6's error tree, one `- at '<pointer>': <reason>`
 * per cause, two more spaces of indent per level, newlines turned into spaces), as a tree of the
 * top-level causes; undefined when msg does not have that shape.
 */
export function causeTree(msg: string): Cause[] | undefined {
  const start = msg.indexOf("#'");
  if (start < 0) return undefined;
  const re = /( +)- at '((?:[^'\\]|\\.)*)': /g;
  re.lastIndex = start;
  const marks: { depth: number; path: string; from: number; to: number }[] = [];
  for (let m = re.exec(msg); m; m = re.exec(msg)) {
    const depth = (m[1]!.length - 1) / 2 + 1;
    if (!Number.isInteger(depth)) return undefined;
    marks.push({ depth, path: m[2]!.replace(/\\(.)/g, '$1'), from: m.index, to: re.lastIndex });
  }
  const roots: Cause[] = [];
  const stack: Cause[] = [];
  marks.forEach((mark, i) => {
    const node: Cause = { path: mark.path, msg: msg.slice(mark.to, marks[i + 1]?.from ?? msg.length).trim(), causes: [] };
    if (mark.depth > stack.length + 1) return; // a gap in the levels: ignore the stray cause
    stack.length = mark.depth - 1;
    (stack.length === 0 ? roots : stack[stack.length - 1]!.causes).push(node);
    stack.push(node);
  });
  return roots;
}

function leavesOf(c: Cause): Cause[] {
  return c.causes.length === 0 ? [c] : c.causes.flatMap(leavesOf);
}

/** Where kubeconform looked, per SCHEMA_TEMPLATE (core `v1` objects land in group folder `v1`). */
function schemaFileFor(kind: string, apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : apiVersion;
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${group}/${kind.toLowerCase()}_${version}.json`;
}

function failure(message: string, command: string): Diagnostic {
  return { severity: 'error', code: 'kubeconform/error', message, hint: `command: ${command}` };
}

/** The reason, without the usage text Go's flag package appends after it. */
function quoteStderr(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trimEnd());
  const usage = lines.findIndex((l) => l.startsWith('Usage:'));
  const reason = (usage >= 0 ? lines.slice(0, usage) : lines).filter((l) => l.trim() !== '');
  if (reason.length === 0) return stderr.trim() === '' ? '(stderr was empty)' : JSON.stringify(lines.find((l) => l.trim() !== ''));
  const shown = reason.slice(0, 5).join(' | ');
  return JSON.stringify(reason.length > 5 ? `${shown} | …` : shown);
}

function repoPath(file: string, cwd: string): string {
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : path.normalize(file);
  return toSlash(rel);
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
