import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KUBECONFORM_NOT_FOUND_NOTE, runKubeconform, type KubeconformLocator } from '../../generator/validate/kubeconform.js';

const STANDIN = fileURLToPath(new URL('../fixtures/kubeconform-standin/kubeconform', import.meta.url));
const NODE_DIR = path.dirname(process.execPath);
const TEMPLATE = '{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json';

const APP = (name: string, extra = '') => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
${extra}spec:
  project: default
`;
const PROJECT = `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: platform
`;
const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: linkerd
`;

let dir: string;
let argvLog: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kubeconform-test-'));
  argvLog = path.join(dir, 'argv.jsonl');
  // Only these two schemas exist; anything else is "could not find schema".
  await write('schemas/argoproj.io/application_v1alpha1.json', '{}');
  await write('schemas/argoproj.io/appproject_v1alpha1.json', '{}');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}

/** A hermetic environment: KUBECONFORM names the stand-in, which records its argv. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, KUBECONFORM: STANDIN, KUBECONFORM_STANDIN_ARGV: argvLog };
  delete e['KUBECONFORM_STANDIN_UNSUPPORTED'];
  return { ...e, ...extra };
}

async function recordedArgv(): Promise<string[][]> {
  const text = await readFile(argvLog, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as string[]);
}

function run(files: string[], extra: Partial<Parameters<typeof runKubeconform>[0]> = {}) {
  return runKubeconform({ files, schemaDir: 'schemas', cwd: dir, env: env(), ...extra });
}

describe('runKubeconform', () => {
  it('passes every flag first, the local schema location, -skip, then -- and the files', async () => {
    await write('apps/a.yaml', APP('a') + '---\n' + PROJECT);
    await write('apps/b.yaml', APP('b'));

    const result = await run(['apps/a.yaml', 'apps/b.yaml'], { skipKinds: ['CustomResourceDefinition', 'v1/Secret'] });

    expect(await recordedArgv()).toEqual([
      ['-v'],
      [
        '-strict',
        '-summary',
        '-output',
        'json',
        '-n',
        '1',
        '-schema-location',
        `${dir}/schemas/${TEMPLATE}`,
        '-skip',
        'CustomResourceDefinition,v1/Secret',
        '--',
        'apps/a.yaml',
        'apps/b.yaml',
      ],
    ]);
    expect(result).toEqual({
      ran: true,
      version: 'v0.7.0',
      diagnostics: [],
      summary: { valid: 3, invalid: 0, errors: 0, skipped: 0 },
    });
  });

  it('omits -skip when there is nothing to skip', async () => {
    await write('a.yaml', APP('a'));
    await run(['a.yaml']);
    const calls = await recordedArgv();
    expect(calls[1]).toEqual(['-strict', '-summary', '-output', 'json', '-n', '1', '-schema-location', `${dir}/schemas/${TEMPLATE}`, '--', 'a.yaml']);
  });

  it('turns validationErrors into kubeconform/invalid diagnostics, positioned by locate', async () => {
    await write(
      'apps/web.yaml',
      PROJECT +
        '---\n' +
        APP(
          'web',
          '# standin: invalid /spec/syncPolicy additional properties \'automate\' not allowed\n' +
            "# standin: invalid \"\" missing property 'metadata'\n",
        ),
    );
    const locate = vi.fn<KubeconformLocator>((_file, _res, pointer) =>
      pointer === '/spec/syncPolicy' ? { line: 12, col: 3, document: 2 } : undefined,
    );

    const result = await run(['apps/web.yaml'], { locate });

    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'kubeconform/invalid',
        message: "Application web: missing property 'metadata'",
        file: 'apps/web.yaml',
      },
      {
        severity: 'error',
        code: 'kubeconform/invalid',
        message: "Application web: additional properties 'automate' not allowed",
        file: 'apps/web.yaml',
        pointer: '/spec/syncPolicy',
        line: 12,
        col: 3,
        document: 2,
      },
    ]);
    expect(locate.mock.calls).toEqual([
      ['apps/web.yaml', { kind: 'Application', name: 'web', apiVersion: 'argoproj.io/v1alpha1' }, '/spec/syncPolicy'],
      ['apps/web.yaml', { kind: 'Application', name: 'web', apiVersion: 'argoproj.io/v1alpha1' }, ''],
    ]);
    expect(result.summary).toEqual({ valid: 1, invalid: 1, errors: 0, skipped: 0 });
  });

  it('keeps the cause of a nested (anyOf/oneOf) error from the message, at the deepest path', async () => {
    await write(
      'apps/web.yaml',
      APP(
        'web',
        "# standin: invalid /spec anyOf failed\n" +
          '# standin: invalid> /spec/source/targetRevision got integer, want string\n' +
          "# standin: invalid> /spec missing property 'sources'\n" +
          '# standin: invalid /spec/project oneOf failed\n' +
          '# standin: invalid> /spec/project got integer, want string\n' +
          '# standin: invalid> /spec/project got integer, want null\n',
      ),
    );
    const locate = vi.fn<KubeconformLocator>((_f, _r, pointer) => ({ line: pointer.split('/').length, col: 5, document: 1 }));
    const result = await run(['apps/web.yaml'], { locate });
    expect(result.diagnostics.map((d) => [d.message, d.pointer, d.line])).toEqual([
      ['Application web: oneOf failed at /spec/project: got integer, want string; got integer, want null', '/spec/project', 3],
      [
        "Application web: anyOf failed at /spec: got integer, want string (at /spec/source/targetRevision); missing property 'sources' (at /spec)",
        '/spec/source/targetRevision',
        4,
      ],
    ]);
  });

  it('reports a missing schema as kubeconform/error with the path it looked for', async () => {
    await write('ns.yaml', NAMESPACE);

    const result = await run(['ns.yaml']);

    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'kubeconform/error',
        message: 'Namespace linkerd: could not find schema for Namespace',
        file: 'ns.yaml',
        hint: 'add schemas/v1/namespace_v1.json, or skip the kind',
      },
    ]);
    expect(result.summary).toEqual({ valid: 0, invalid: 0, errors: 1, skipped: 0 });
  });

  it('skips the kinds it is told to skip', async () => {
    await write('ns.yaml', NAMESPACE + '---\n' + APP('a'));
    const result = await run(['ns.yaml'], { skipKinds: ['Namespace'] });
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toEqual({ valid: 1, invalid: 0, errors: 0, skipped: 1 });
  });

  it('reports other resource errors without a kind prefix when kubeconform gives none', async () => {
    await write('broken.yaml', 'metadata:\n  name: x\n');
    const result = await run(['broken.yaml']);
    expect(result.diagnostics).toEqual([
      { severity: 'error', code: 'kubeconform/error', message: "x: error while parsing: missing 'kind' key", file: 'broken.yaml' },
    ]);
  });

  it('makes absolute file names repository-relative', async () => {
    await write('apps/ns.yaml', NAMESPACE);
    const abs = path.join(dir, 'apps/ns.yaml');
    const locate = vi.fn<KubeconformLocator>(() => undefined);
    const result = await run([abs], { locate });
    expect(result.diagnostics.map((d) => d.file)).toEqual(['apps/ns.yaml']);
    // locate gets the name as the caller passed it.
    expect(locate.mock.calls[0]?.[0]).toBe(abs);
  });

  it('turns a startup failure (unknown flag, usage on stderr, no JSON) into one error quoting stderr', async () => {
    await write('a.yaml', APP('a'));

    const result = await run(['a.yaml'], { env: env({ KUBECONFORM_STANDIN_UNSUPPORTED: 'summary' }) });

    expect(result).toEqual({
      ran: true,
      version: 'v0.7.0',
      diagnostics: [
        {
          severity: 'error',
          code: 'kubeconform/error',
          message: 'kubeconform exited with code 1 before validating: "flag provided but not defined: -summary"',
          hint: `command: kubeconform -strict -summary -output json -n 1 -schema-location ${dir}/schemas/${TEMPLATE} -- a.yaml`,
        },
      ],
    });
  });

  it('quotes stderr when kubeconform crashes', async () => {
    await write('a.yaml', APP('a', '# standin: crash\n'));
    const result = await run(['a.yaml']);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'kubeconform/error',
      message:
        'kubeconform exited with code 2 before validating: "panic: runtime error: invalid memory address or nil pointer dereference | goroutine 1 [running]: | main.main()"',
    });
    expect(result.summary).toBeUndefined();
  });

  it('reports exit 0 without a JSON report as an error', async () => {
    await write('a.yaml', APP('a', '# standin: garbage\n'));
    const result = await run(['a.yaml']);
    expect(result.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'kubeconform printed no JSON report: (stderr was empty)'],
    ]);
  });

  it('warns when exit 0 comes with 0 resources for the files given', async () => {
    await write('empty.yaml', '# nothing here\n---\n');
    await write('notes.txt', 'kind: Namespace\n');

    const result = await run(['empty.yaml', 'notes.txt']);

    expect(result.summary).toEqual({ valid: 0, invalid: 0, errors: 0, skipped: 0 });
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'kubeconform/no-resources',
        message: 'kubeconform found 0 resources in 2 file(s)',
        hint: 'it only reads *.yaml, *.yml and *.json files and skips empty documents',
      },
    ]);
  });

  it('finds kubeconform on PATH when KUBECONFORM is unset', async () => {
    await write('a.yaml', APP('a'));
    const e = env({ PATH: [path.dirname(STANDIN), NODE_DIR].join(path.delimiter) });
    delete e['KUBECONFORM'];
    const result = await run(['a.yaml'], { env: e });
    expect(result).toMatchObject({ ran: true, version: 'v0.7.0', diagnostics: [] });
  });

  it('prefers the binary option over KUBECONFORM', async () => {
    await write('a.yaml', APP('a'));
    const result = await run(['a.yaml'], { binary: STANDIN, env: env({ KUBECONFORM: path.join(dir, 'nope') }) });
    expect(result.ran).toBe(true);
  });

  it('is absent when KUBECONFORM points at a file that does not exist', async () => {
    const result = await run(['a.yaml'], { env: env({ KUBECONFORM: path.join(dir, 'missing/kubeconform') }) });
    expect(result).toEqual({ ran: false, diagnostics: [], note: KUBECONFORM_NOT_FOUND_NOTE });
    expect(await recordedArgv()).toEqual([]);
  });

  it('is absent when KUBECONFORM is unset and PATH is empty', async () => {
    const e = env({ PATH: '' });
    delete e['KUBECONFORM'];
    const result = await run(['a.yaml'], { env: e });
    expect(result).toEqual({
      ran: false,
      diagnostics: [],
      note: 'kubeconform not found (set KUBECONFORM or put it on PATH); the built-in validator ran',
    });
  });

  it('falls back with a warning when the binary exists but cannot be started', async () => {
    const copy = path.join(dir, 'bin/kubeconform');
    await mkdir(path.dirname(copy));
    await copyFile(STANDIN, copy);
    await chmod(copy, 0o644); // present but not executable: EACCES

    const result = await run(['a.yaml'], { env: env({ KUBECONFORM: copy }) });

    expect(result.ran).toBe(false);
    expect(result.note).toBe(KUBECONFORM_NOT_FOUND_NOTE);
    expect(result.diagnostics).toMatchObject([{ severity: 'warning', code: 'kubeconform/unavailable' }]);
  });

  it('does not run at all without files (kubeconform would read stdin)', async () => {
    const result = await run([]);
    expect(result).toEqual({ ran: false, diagnostics: [], note: 'kubeconform skipped: no files to validate' });
    expect(await recordedArgv()).toEqual([]);
  });
});

describe('kubeconform stand-in', () => {
  it('lists only the top-level causes in validationErrors and the whole tree in msg, as the real binary', async () => {
    await write('x.yaml', APP('x', '# standin: invalid /spec anyOf failed\n# standin: invalid> /spec/project got integer, want string\n# standin: invalid>> /spec/project/x deeper\n# standin: invalid> /spec missing property \'y\'\n'));
    const r = await execa(STANDIN, ['-output', 'json', '-schema-location', `schemas/${TEMPLATE}`, '--', 'x.yaml'], { cwd: dir, reject: false });
    const out = JSON.parse(r.stdout) as { resources: { msg: string; validationErrors: unknown[] }[] };
    expect(Object.keys(out.resources[0]!)).toEqual(['filename', 'kind', 'name', 'version', 'status', 'msg', 'validationErrors']);
    expect(out.resources[0]!.validationErrors).toEqual([{ path: '/spec', msg: 'anyOf failed' }]);
    expect(out.resources[0]!.msg).toBe(
      "problem validating schema. Check JSON formatting: jsonschema validation failed with 'file://schemas/argoproj.io/application_v1alpha1.json#' - at '/spec': anyOf failed   - at '/spec/project': got integer, want string     - at '/spec/project/x': deeper   - at '/spec': missing property 'y'",
    );
  });

  it('parses flags like Go: a flag after a file is a file name', async () => {
    await write('a.yaml', APP('a'));
    const r = await execa(STANDIN, ['-output', 'json', 'a.yaml', '-summary'], { cwd: dir, reject: false });
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout) as { resources: { filename: string; msg: string }[]; summary?: unknown };
    expect(out.summary).toBeUndefined();
    expect(out.resources.map((x) => x.msg)).toContain('lstat -summary: no such file or directory');
  });

  it('rejects unknown flags with usage on stderr, exit 1 and no stdout', async () => {
    const r = await execa(STANDIN, ['-xyz', '--', 'a.yaml'], { cwd: dir, reject: false });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(['flag provided but not defined: -xyz', 'Usage: kubeconform [OPTION]... [FILE OR FOLDER]...']);
  });

  it('prints the exact JSON layout', async () => {
    await write('x.yaml', APP('x', '# standin: invalid /spec/project got integer, want string\n'));
    const r = await execa(
      STANDIN,
      ['-summary', '-output', 'json', '-schema-location', `schemas/${TEMPLATE}`, '--', 'x.yaml'],
      { cwd: dir, reject: false },
    );
    expect(r.exitCode).toBe(1);
    expect(r.stdout + '\n').toBe(`{
  "resources": [
    {
      "filename": "x.yaml",
      "kind": "Application",
      "name": "x",
      "version": "argoproj.io/v1alpha1",
      "status": "statusInvalid",
      "msg": "problem validating schema. Check JSON formatting: jsonschema validation failed with 'file://schemas/argoproj.io/application_v1alpha1.json#' - at '/spec/project': got integer, want string",
      "validationErrors": [
        {
          "path": "/spec/project",
          "msg": "got integer, want string"
        }
      ]
    }
  ],
  "summary": {
    "valid": 0,
    "invalid": 1,
    "errors": 0,
    "skipped": 0
  }
}
`);
  });
});
