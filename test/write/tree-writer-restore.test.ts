/** A write that fails half way through the rename phase puts every original back, byte for byte. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_MARKER } from '../../generator/model/files.js';
import type { OutputFile } from '../../generator/model/output.js';
import { writeTree } from '../../generator/write/tree-writer.js';
import { makeRepo, snapshot } from '../helpers.js';

const file = (p: string, body: string): OutputFile => ({ path: `manifests/${p}`, content: `# ${GENERATED_MARKER}\n${body}\n` });

function allFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]));
}

describe('tree writer, rename phase', () => {
  const names = ['apps/a.yaml', 'apps/b.yaml', 'apps/c.yaml', 'values/d.yaml', 'values/e.yaml'];

  for (const k of [0, 1, 3, 4]) {
    it(`restores every replaced file after ${k} rename(s), and removes new ones`, () => {
      const root = makeRepo();
      writeTree(root, names.map((n) => file(n, `old: ${n}`)));
      const before = snapshot(path.join(root, 'manifests'));

      const next = [...names.map((n) => file(n, `new: ${n}`)), file('apps/new.yaml', 'added: true')];
      expect(() => writeTree(root, next, { failAfterRenamed: k })).toThrow(new RegExp(`simulated failure after renaming ${k} file`));

      const after = snapshot(path.join(root, 'manifests'));
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [p, v] of before) expect(after.get(p)!.content, p).toBe(v.content);
      expect(allFiles(root).filter((f) => /\.(tmp|bak)-\d+$/.test(f) || f === '.generate.lock')).toEqual([]);
      expect(existsSync(path.join(root, 'manifests/apps/new.yaml'))).toBe(false);

      // The same write then goes through.
      expect(writeTree(root, next).written).toHaveLength(next.length);
    });
  }
});
