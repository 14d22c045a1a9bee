/** The drift report of `check`: a unified diff of the committed file against a fresh render. */
import { describe, expect, it } from 'vitest';
import { compareTree } from '../../generator/write/compare.js';

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

describe('drift report', () => {
  it('is a unified diff labelled committed / fresh render, with context', () => {
    const committed = lines(20, (i) => `key${i}: ${i}`);
    const fresh = committed.replace('key9: 9\n', 'key9: nine\n');
    const [d] = compareTree([{ path: 'manifests/a.yaml', content: committed }], [{ path: 'manifests/a.yaml', content: fresh }]);
    expect(d).toMatchObject({ code: 'check/drift', file: 'manifests/a.yaml', line: 10 });
    const diff = d!.message.split('\n').slice(1).map((l) => l.replace(/^ {4}/, ''));
    expect(diff).toEqual([
      '--- manifests/a.yaml (committed)',
      '+++ manifests/a.yaml (fresh render)',
      '@@ -7,7 +7,7 @@',
      ' key6: 6',
      ' key7: 7',
      ' key8: 8',
      '-key9: 9',
      '+key9: nine',
      ' key10: 10',
      ' key11: 11',
      ' key12: 12',
    ]);
  });

  it('shows several hunks, and stops at the per-file limit with a count of what is left', () => {
    const committed = lines(200, (i) => `key${i}: ${i}`);
    const fresh = committed.replace('key10: 10\n', 'key10: ten\n').replace('key100: 100\n', 'key100: hundred\n');
    const disk = [{ path: 'manifests/a.yaml', content: committed }];
    const [two] = compareTree(disk, [{ path: 'manifests/a.yaml', content: fresh }], { maxDiffLines: 40 });
    expect(two!.message.match(/^ {4}@@ /gm)).toHaveLength(2);

    const all = lines(200, (i) => `other${i}: ${i}`);
    const [cut] = compareTree(disk, [{ path: 'manifests/a.yaml', content: all }]);
    const body = cut!.message.split('\n').slice(1);
    // Two header lines and 12 diff lines, then the count of the rest.
    expect(body).toHaveLength(2 + 12 + 1);
    expect(body.at(-1)).toMatch(/^ {4}\.\.\. (\d+) more line\(s\) of the diff$/);
    expect(Number(/(\d+) more/.exec(body.at(-1)!)![1])).toBe(1 + 200 + 200 - 12);
  });

  it('says when only the final newline differs', () => {
    const [d] = compareTree([{ path: 'manifests/a.yaml', content: 'a: 1\n' }], [{ path: 'manifests/a.yaml', content: 'a: 1' }]);
    expect(d!.message).toContain('\\ No newline at end of file');
  });
});
