/**
 * What the writer finds at each output path (one directory listing per folder, write/tree-writer.ts
 * Targets): nothing (written in place), its own file (replaced, or left alone when the bytes are
 * the same), or something it did not write (refused, and nothing is written).
 */
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeneratorError } from '../../generator/model/diagnostics.js';
import { GENERATED_MARKER } from '../../generator/model/files.js';
import type { OutputFile } from '../../generator/model/output.js';
import { writeTree } from '../../generator/write/tree-writer.js';
import { makeRepo } from '../helpers.js';

const file = (p: string, body: string): OutputFile => ({ path: `manifests/${p}`, content: `# ${GENERATED_MARKER}\n${body}\n` });

function refused(root: string, files: OutputFile[]): string[] {
  try {
    writeTree(root, files);
  } catch (e) {
    if (e instanceof GeneratorError) return e.diagnostics.map((d) => `${d.code} ${d.file}`);
    throw e;
  }
  return [];
}

describe('tree writer targets', () => {
  it('writes new files, replaces its own, and leaves identical ones untouched', () => {
    const root = makeRepo();
    expect(writeTree(root, [file('apps/a.yaml', 'a: 1'), file('apps/deep/er/b.yaml', 'b: 1')]).written).toEqual(['manifests/apps/a.yaml', 'manifests/apps/deep/er/b.yaml']);
    const before = statSync(path.join(root, 'manifests/apps/a.yaml')).mtimeMs;
    const r = writeTree(root, [file('apps/a.yaml', 'a: 1'), file('apps/deep/er/b.yaml', 'b: 2'), file('apps/deep/c.yaml', 'c: 1')]);
    expect(r).toEqual({ written: ['manifests/apps/deep/c.yaml', 'manifests/apps/deep/er/b.yaml'], deleted: [], unchanged: 1 });
    expect(statSync(path.join(root, 'manifests/apps/a.yaml')).mtimeMs).toBe(before);
    expect(readFileSync(path.join(root, 'manifests/apps/deep/er/b.yaml'), 'utf8')).toContain('b: 2');
  });

  it('refuses a hand-written file, a folder and a link at an output path, and writes nothing', () => {
    const root = makeRepo({ 'manifests/apps/hand.yaml': 'kind: ConfigMap\n', 'outside.yaml': 'x: 1\n' });
    mkdirSync(path.join(root, 'manifests/apps/dir.yaml'));
    symlinkSync('../../outside.yaml', path.join(root, 'manifests/apps/link.yaml'));
    const files = [file('apps/new.yaml', 'n: 1'), file('apps/hand.yaml', 'h: 1'), file('apps/dir.yaml', 'd: 1'), file('apps/link.yaml', 'l: 1')];
    expect(refused(root, files).sort()).toEqual(['write/foreign-file manifests/apps/dir.yaml', 'write/foreign-file manifests/apps/hand.yaml', 'write/foreign-file manifests/apps/link.yaml']);
    expect(() => statSync(path.join(root, 'manifests/apps/new.yaml'))).toThrow();
    expect(readFileSync(path.join(root, 'outside.yaml'), 'utf8')).toBe('x: 1\n');
  });

  it('takes a hand-written file that already holds exactly the bytes it would write', () => {
    const root = makeRepo();
    const f = file('apps/same.yaml', 's: 1');
    mkdirSync(path.join(root, 'manifests/apps'), { recursive: true });
    writeFileSync(path.join(root, f.path), f.content);
    expect(writeTree(root, [f])).toEqual({ written: [], deleted: [], unchanged: 1 });
  });

  it('refuses a file where an output folder should be', () => {
    const root = makeRepo({ 'manifests/apps': 'not a folder\n' });
    expect(() => writeTree(root, [file('apps/a.yaml', 'a: 1')])).toThrow(/manifests\/apps exists and is not a directory/);
  });
});
