import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from '../../generator/cli/args.js';
import { COMMANDS } from '../../generator/cli/commands/index.js';
import { makeRepo, MINIMAL_CLUSTER, REPO_ROOT, run } from '../helpers.js';

const CHART = { type: 'string', values: ['<repoURL>', '<chart>@<version>'], description: 'chart' } as const;
const SPECS = {
  root: { type: 'string', values: ['<dir>'], description: 'root' },
  format: { type: 'string', description: 'format', choices: ['text', 'json'], default: 'text' },
  chart: CHART,
  'depends-on': { type: 'string', multiple: true, description: 'deps' },
  force: { type: 'boolean', description: 'force' },
} as const;

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error('no UsageError');
}

describe('flag parser', () => {
  it('reads values in both forms, several values for one flag, repeated flags, booleans and --', () => {
    const r = parseFlags(['x', '--root', 'a', '--format=json', '--chart', 'https://c.example.com', 'web@1.2.3', '--depends-on', 'p', '--depends-on=q', '--force', '--', '--not-a-flag'], SPECS, 'cmd');
    expect(r.args).toEqual(['x', '--not-a-flag']);
    expect(r.flags).toMatchObject({ root: 'a', format: 'json', chart: ['https://c.example.com', 'web@1.2.3'], 'depends-on': ['p', 'q'], force: true, help: false });
  });

  it('fills defaults and empty lists', () => {
    expect(parseFlags([], SPECS, 'cmd').flags).toMatchObject({ root: undefined, format: 'text', 'depends-on': [], force: false });
  });

  it('refuses unknown flags with a did-you-mean, or names the command that has the flag', () => {
    expect(usageError(() => parseFlags(['--fromat', 'json'], SPECS, 'cmd'))).toBe("unknown flag '--fromat' for 'cmd'; did you mean --format?");
    expect(usageError(() => parseFlags(['--template', 'x'], SPECS, 'cmd', new Map([['template', ['init']]])))).toBe(
      "unknown flag '--template' for 'cmd'; --template is a flag of init",
    );
    expect(usageError(() => parseFlags(['-x'], SPECS, 'cmd'))).toBe("unknown flag '-x' for 'cmd'");
  });

  it('refuses missing values, values for booleans and values outside the choices', () => {
    expect(usageError(() => parseFlags(['--root'], SPECS, 'cmd'))).toBe('--root needs a value: --root <dir>');
    expect(usageError(() => parseFlags(['--root', '--force'], SPECS, 'cmd'))).toBe('--root needs a value: --root <dir>');
    expect(usageError(() => parseFlags(['--chart', 'https://c.example.com'], SPECS, 'cmd'))).toBe('--chart needs 2 values: --chart <repoURL> <chart>@<version>');
    expect(usageError(() => parseFlags(['--force=yes'], SPECS, 'cmd'))).toBe('--force takes no value');
    expect(usageError(() => parseFlags(['--format', 'jsno'], SPECS, 'cmd'))).toBe("unknown --format 'jsno'; did you mean 'json'? (valid: text, json)");
  });
});

describe('command line', () => {
  it('lists every command of the registry in --help, and each has its own --help', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    for (const c of COMMANDS) {
      expect(top.out).toContain(`  ${c.name} `);
      const own = await run([c.name, '--help']);
      expect(own.code, c.name).toBe(0);
      expect(own.out).toMatch(new RegExp(`^Usage: gitops-generator ${c.name}\\b`));
      for (const flag of Object.keys(c.flags)) expect(own.out, `${c.name} --${flag}`).toContain(`--${flag}`);
      expect(own.out).toContain('Exit codes:');
    }
    expect((await run(['check', '--help'])).out).toContain('--format <fmt>');
    expect((await run(['check', '--help'])).out).not.toContain('--template');
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('answers an unknown command or flag with exit 2, a did-you-mean and where help is', async () => {
    expect(await run(['chek'])).toEqual({ code: 2, out: '', err: "error: unknown command 'chek'; did you mean 'check'?\nrun 'gitops-generator --help' for the commands\n" });
    expect(await run(['check', '--fromat', 'json'])).toEqual({
      code: 2,
      out: '',
      err: "error: unknown flag '--fromat' for 'check'; did you mean --format?\nrun 'gitops-generator check --help' for its options\n",
    });
    expect((await run(['generate', '--template', 'minimal'])).err).toContain('--template is a flag of init');
    expect((await run(['check', 'extra'])).err).toContain("check: unexpected argument 'extra'");
    expect((await run(['explain'])).err).toContain('explain: missing argument: <app>');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('missing command');
  });

  it('takes flags before the command too', async () => {
    const root = makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/web.yaml': 'chart:\n  repoURL: https://c.example.com\n  name: web\n  version: 1.0.0\n' });
    expect((await run(['--root', root, 'generate'])).code).toBe(0);
    expect((await run(['--format', 'json', 'check', '--root', root])).code).toBe(0);
  });
});
