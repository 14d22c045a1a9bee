import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';

const FILE = path.join(REPO_ROOT, 'test/types/emitted-objects.test-d.ts');
const DIRECTIVE = '// @ts-expect-error';

/**
 * `tsc --noEmit` checks emitted-objects.test-d.ts, where a `@ts-expect-error` only proves that
 * its line fails for some reason. This compiles the file with the directives turned into plain
 * comments and checks that each of those lines fails for the reason the comment names, and that
 * nothing else in the file fails.
 */
function compileWithoutDirectives(): { expected: Map<number, string>; errors: Map<number, string[]> } {
  const text = readFileSync(FILE, 'utf8');
  const expected = new Map<number, string>();
  text.split('\n').forEach((line, i) => {
    const at = line.indexOf(DIRECTIVE);
    if (at >= 0) expected.set(i + 1, line.slice(at + DIRECTIVE.length).trim().split(':')[0]!);
  });
  const probe = text.split(DIRECTIVE).join('// expected to fail:');

  const config = ts.readConfigFile(path.join(REPO_ROOT, 'tsconfig.json'), ts.sys.readFile);
  // The project's compiler options; the file needs no Node types, and leaving them out halves the time.
  const options = { ...ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT).options, types: [] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, readFile } = host;
  const same = (name: string) => path.resolve(name) === FILE;
  host.getSourceFile = (name, lang, onError, create) => (same(name) ? ts.createSourceFile(name, probe, lang) : getSourceFile.call(host, name, lang, onError, create));
  host.readFile = (name) => (same(name) ? probe : readFile.call(host, name));
  const program = ts.createProgram([FILE], options, host);

  const errors = new Map<number, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (!d.file || !same(d.file.fileName) || d.start === undefined) continue;
    const line = d.file.getLineAndCharacterOfPosition(d.start).line + 1;
    errors.set(line, [...(errors.get(line) ?? []), ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
  }
  return { expected, errors };
}

describe('emitted object types come from the kubernetes-models packages', () => {
  it('make a misspelt field a compile error on exactly the line that has it', () => {
    const { expected, errors } = compileWithoutDirectives();
    // Certificate, Ingress, ApplicationSet (two each), Bundle, PodMonitor, Middleware, Job, and the two narrowings.
    expect(expected.size).toBe(12);
    for (const [directive, word] of expected) {
      const messages = errors.get(directive + 1) ?? [];
      expect(messages, `line ${directive + 1} (${word})`).not.toHaveLength(0);
      expect(messages.some((m) => m.includes(`'${word}'`) || m.includes(`"${word}"`)), `line ${directive + 1}: ${messages.join(' | ')}`).toBe(true);
    }
    const unexpected = [...errors].filter(([line]) => !expected.has(line - 1));
    expect(unexpected).toEqual([]);
  });
});
