import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockBusyError, withFileLock } from '../../generator/charts/lock-guard.js';
import { tempDir } from '../helpers.js';

describe('withFileLock', () => {
  it('lets one holder in at a time, and removes the lock afterwards', async () => {
    const file = path.join(tempDir('guard-'), 'x.lock');
    let inside = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        withFileLock(file, async () => {
          peak = Math.max(peak, ++inside);
          await new Promise((r) => setTimeout(r, 20));
          order.push(i);
          inside--;
        }),
      ),
    );
    expect(peak).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3]);
    expect(existsSync(file)).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    const file = path.join(tempDir('guard-stale-'), 'x.lock');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(file, `${dead} left-behind\n`);
    expect(await withFileLock(file, async () => 'ran')).toBe('ran');
    expect(existsSync(file)).toBe(false);
  });

  it('gives up with LockBusyError while a live process holds it', async () => {
    const file = path.join(tempDir('guard-busy-'), 'x.lock');
    writeFileSync(file, `${process.pid} someone-else\n`);
    await expect(withFileLock(file, async () => 'ran', 100)).rejects.toBeInstanceOf(LockBusyError);
    // Not ours to remove.
    expect(existsSync(file)).toBe(true);
  });
});
