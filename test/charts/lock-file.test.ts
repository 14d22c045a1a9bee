import { describe, expect, it } from 'vitest';
import { parseLock, serializeLock, type LockEntry } from '../../generator/charts/index.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

describe('charts.lock.yaml', () => {
  it('is written sorted by repoURL, name, version, whatever the input order, and reads back the same', () => {
    const entries: LockEntry[] = [
      { repoURL: 'oci://ghcr.io/org/charts', name: 'b', version: '1.0.0', digest: D1 },
      { repoURL: 'https://a.example/', name: 'z', version: '2.0.0', digest: D2 },
      { repoURL: 'https://a.example', name: 'z', version: '1.0.0', digest: D1 },
      { repoURL: 'https://a.example', name: 'c', version: '1.0.0', digest: D1 },
    ];
    const text = serializeLock(entries);
    expect(serializeLock([...entries].reverse())).toBe(text);
    const parsed = parseLock(text);
    expect(parsed.diagnostics).toEqual([]);
    expect([...parsed.entries.values()].map((e) => `${e.repoURL} ${e.name} ${e.version}`)).toEqual([
      'https://a.example c 1.0.0',
      'https://a.example z 1.0.0',
      'https://a.example z 2.0.0',
      'oci://ghcr.io/org/charts b 1.0.0',
    ]);
    expect(serializeLock(parsed.entries.values())).toBe(text);
  });

  it('reports each problem with its position, the path and what would be valid', () => {
    const text = [
      'charts:',
      '  - repoURL: https://a.example',
      '    name: a',
      '    version: 1.0.0',
      `    digest: ${D1}`,
      '    note: hand-written',
      '  - repoURL: https://a.example',
      '    name: a',
      '    version: 1.0.0',
      `    digest: ${D2}`,
      '  - repoURL: https://a.example',
      '    name: b',
      '    version: ">=1"',
      `    digest: ${D1}`,
      '  - name: c',
      'extra: 1',
    ].join('\n');
    const { diagnostics } = parseLock(text);
    expect(diagnostics.map((d) => [d.line, d.col, d.pointer, d.message])).toEqual([
      [16, 1, '/extra', 'unknown key "extra" in charts.lock.yaml'],
      [6, 5, '/charts/0/note', 'unknown key "note" in a lock entry'],
      [7, 5, '/charts/1', 'a 1.0.0 from https://a.example is listed twice'],
      [11, 5, '/charts/2', expect.stringContaining('lock entry 3: chart "b" ">=1" from "https://a.example": version ">=1" is not an exact chart version')],
      [15, 5, '/charts/3', 'lock entry 4 lacks repoURL, version, digest (each must be a string)'],
    ]);
    expect(diagnostics.every((d) => d.code === 'charts/bad-lock' && d.file === 'charts.lock.yaml' && d.hint !== undefined)).toBe(true);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(parseLock('charts: [\n').diagnostics[0]).toMatchObject({ code: 'charts/bad-lock', line: 2 });
    expect(parseLock('charts: []\ncharts: []\n').diagnostics[0]).toMatchObject({ code: 'charts/bad-lock', line: 2, col: 1 });
    expect(parseLock('- a\n').diagnostics[0]).toMatchObject({ message: 'charts.lock.yaml must be a mapping with a "charts" list', line: 1 });
  });

  it('takes an empty file or an empty list as no entries', () => {
    expect(parseLock('').diagnostics).toEqual([]);
    expect(parseLock('charts: []\n').entries.size).toBe(0);
    expect(serializeLock([])).toContain('charts: []');
  });
});
