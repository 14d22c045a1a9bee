import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LuaFactory } from 'wasmoon';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HEALTH_DIR, shippedHealthChecks } from '../../generator/render/health-checks.js';

/** Argo CD's `health_test.yaml`: each case names an object under testdata/ and the exact status the check returns. */
interface HealthTest {
  tests: { healthStatus: { status: string; message: string }; inputPath: string }[];
}

const STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];

/** `<group>/<Kind>` of every folder under health/, as Argo CD lays out resource_customizations/. */
const KINDS = readdirSync(HEALTH_DIR).flatMap((g) => readdirSync(path.join(HEALTH_DIR, g)).map((k) => `${g}/${k}`)).sort();

const factory = new LuaFactory();

/** Run a health script the way Argo CD does: `obj` is the live object, the script returns hs. */
async function health(script: string, obj: unknown): Promise<{ status: string; message: string }> {
  const lua = await factory.createEngine();
  try {
    lua.global.set('obj', obj);
    return (await lua.doString(script)) as { status: string; message: string };
  } finally {
    lua.global.close();
  }
}

describe('health/ (Argo CD layout, every case run in a real Lua VM)', () => {
  beforeAll(async () => {
    await factory.getLuaModule();
  });

  it('has a check in every folder, and the generator ships exactly those', () => {
    expect(KINDS.length).toBeGreaterThan(0);
    for (const k of KINDS) expect(existsSync(path.join(HEALTH_DIR, k, 'health.lua')), k).toBe(true);
    expect(shippedHealthChecks().map((c) => `${c.group}/${c.kind}`)).toEqual(KINDS);
  });

  describe.each(KINDS)('%s', (kind) => {
    const dir = path.join(HEALTH_DIR, kind);
    const lua = readFileSync(path.join(dir, 'health.lua'), 'utf8');
    const spec = parse(readFileSync(path.join(dir, 'health_test.yaml'), 'utf8')) as HealthTest;

    it('has Healthy, Progressing and Degraded cases, each with an object under testdata/, and no unused object', () => {
      const statuses = new Set(spec.tests.map((t) => t.healthStatus.status));
      for (const s of ['Healthy', 'Progressing', 'Degraded']) expect(statuses, s).toContain(s);
      for (const t of spec.tests) expect(STATUSES).toContain(t.healthStatus.status);
      const used = spec.tests.map((t) => t.inputPath).sort();
      expect(used).toEqual(readdirSync(path.join(dir, 'testdata')).map((f) => `testdata/${f}`).sort());
    });

    it.each(spec.tests.map((t) => [t.inputPath, t] as const))('%s', async (_, t) => {
      const obj = parse(readFileSync(path.join(dir, t.inputPath), 'utf8')) as { apiVersion: string; kind: string };
      expect(`${obj.apiVersion.split('/')[0]}/${obj.kind}`).toBe(kind);
      expect(await health(lua, obj)).toEqual(t.healthStatus);
    });
  });
});
