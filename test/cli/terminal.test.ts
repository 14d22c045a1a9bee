import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../generator/cli/color.js';
import { progressLine } from '../../generator/cli/progress.js';
import { makeRepo, MINIMAL_CLUSTER, run } from '../helpers.js';

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true, isTTY: false };
const ESC = '\x1b[';

function brokenRepo(): string {
  return makeRepo({
    'cluster.yaml': MINIMAL_CLUSTER,
    'apps/web.yaml': 'chart:\n  repoURL: https://c.example.com\n  name: web\n  version: 1.0.0\ndependsOn: [nope]\n',
  });
}

function twoApps(): string {
  const app = (n: string) => `chart:\n  repoURL: https://c.example.com\n  name: ${n}\n  version: 1.0.0\n`;
  return makeRepo({ 'cluster.yaml': MINIMAL_CLUSTER, 'apps/a.yaml': app('a'), 'apps/b.yaml': app('b') });
}

describe('colour', () => {
  it('is on for a terminal only, off with NO_COLOR or TERM=dumb, forced by FORCE_COLOR (0 and false force it off)', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });

  it('paints the severity in text reports on a terminal, and nothing else changes', async () => {
    const root = brokenRepo();
    const plain = await run(['generate', '--root', root]);
    const coloured = await run(['generate', '--root', root], { tty: true });
    expect(coloured.code).toBe(1);
    expect(coloured.err).toContain(`: ${ESC}31m${ESC}1merror${ESC}22m${ESC}39m [graph/unknown-dependency]`);
    expect(coloured.err).toContain(`${ESC}2m    hint:`);
    // Without the escapes (and the progress line) it is the plain report, byte for byte.
    const stripped = coloured.err.replace(/\r\x1b\[2K[^\r\n]*(?=\r)/g, '').replace(/\r\x1b\[2K/g, '').replace(/\x1b\[\d+m/g, '');
    expect(stripped).toBe(plain.err);
    expect(plain.err).not.toContain(ESC);
    expect((await run(['generate', '--root', root], { tty: true, env: { NO_COLOR: '1' } })).err).not.toContain(`${ESC}31m`);
  });

  it('never colours machine formats', async () => {
    const root = brokenRepo();
    for (const format of ['json', 'junit', 'github']) {
      const r = await run(['check', '--root', root, '--format', format], { env: { FORCE_COLOR: '1' } });
      expect(r.code).toBe(1);
      expect(r.out + r.err, format).not.toContain(ESC);
    }
  });
});

describe('progress line', () => {
  it('draws stages and counts in place on a terminal and clears itself before the result', async () => {
    const r = await run(['generate', '--root', twoApps()], { tty: true });
    expect(r.code).toBe(0);
    expect(r.err).toContain('\r\x1b[2Kloading config');
    expect(r.err).toMatch(/\r\x1b\[2Krendering \d\/2 apps/);
    expect(r.err).toContain('\r\x1b[2Krendering 2/2 apps');
    expect(r.err).toContain('\r\x1b[2Kwriting manifests/');
    expect(r.err.endsWith('\r\x1b[2K')).toBe(true);
    expect(r.out).not.toContain('\r');
  });

  it('is absent when stderr is not a terminal', async () => {
    const r = await run(['generate', '--root', twoApps()]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('throttles steps within a stage but always shows a new stage and the last step', () => {
    let out = '';
    let now = 0;
    const p = progressLine({ write: (s) => (out += s), isTTY: true }, () => now);
    for (let i = 1; i <= 100; i++) p.step('rendering', i, 100, 'apps');
    now = 1000;
    p.step('validating');
    p.clear();
    expect(out).toBe('\r\x1b[2Krendering 1/100 apps\r\x1b[2Krendering 100/100 apps\r\x1b[2Kvalidating\r\x1b[2K');
  });
});
