import { LuaFactory } from 'wasmoon';
import { describe, expect, it } from 'vitest';
import { APPLICATIONSET_HEALTH_LUA, APPLICATION_HEALTH_LUA, BUNDLE_HEALTH_LUA, KIBANA_HEALTH_LUA } from '../../generator/render/health-checks.js';

/** Run a health script the way Argo CD does: `obj` is the live object, the script returns hs. */
async function health(script: string, obj: unknown): Promise<{ status: string; message: string }> {
  const lua = await new LuaFactory().createEngine();
  try {
    lua.global.set('obj', obj);
    return (await lua.doString(script)) as { status: string; message: string };
  } finally {
    lua.global.close();
  }
}

describe('argocd-cm health checks (run in a real Lua VM)', () => {
  it('Application: copies the child health, and holds a Healthy child that is not yet Synced', async () => {
    expect((await health(APPLICATION_HEALTH_LUA, {})).status).toBe('Progressing');
    expect((await health(APPLICATION_HEALTH_LUA, { status: { health: { status: 'Degraded', message: 'x' }, sync: { status: 'Synced' } } })).status).toBe('Degraded');
    expect((await health(APPLICATION_HEALTH_LUA, { status: { health: { status: 'Healthy' }, sync: { status: 'OutOfSync' } } })).status).toBe('Progressing');
    expect((await health(APPLICATION_HEALTH_LUA, { status: { health: { status: 'Healthy' }, sync: { status: 'Synced' } } })).status).toBe('Healthy');
  });

  it('ApplicationSet: healthy only when every generated Application is', async () => {
    const progressive = (s: string[]) => ({ status: { applicationStatus: s.map((status, i) => ({ application: `app${i}`, status })) } });
    expect((await health(APPLICATIONSET_HEALTH_LUA, progressive(['Healthy', 'Progressing']))).status).toBe('Progressing');
    expect((await health(APPLICATIONSET_HEALTH_LUA, progressive(['Healthy', 'Healthy']))).status).toBe('Healthy');
    // Without Progressive Syncs the controller still lists the generated apps with their health.
    const plain = (s: string[]) => ({ status: { resources: s.map((status, i) => ({ name: `app${i}`, health: { status } })) } });
    expect((await health(APPLICATIONSET_HEALTH_LUA, plain(['Healthy', 'Degraded']))).status).toBe('Progressing');
    expect((await health(APPLICATIONSET_HEALTH_LUA, plain(['Healthy']))).status).toBe('Healthy');
    expect((await health(APPLICATIONSET_HEALTH_LUA, { status: { conditions: [{ type: 'ErrorOccurred', status: 'True', message: 'bad' }] } })).status).toBe('Degraded');
  });

  it('Bundle: healthy once trust-manager reports Synced', async () => {
    expect((await health(BUNDLE_HEALTH_LUA, {})).status).toBe('Progressing');
    expect((await health(BUNDLE_HEALTH_LUA, { status: { conditions: [{ type: 'Synced', status: 'False', message: 'no source' }] } })).status).toBe('Degraded');
    expect((await health(BUNDLE_HEALTH_LUA, { status: { conditions: [{ type: 'Synced', status: 'True' }] } })).status).toBe('Healthy');
  });

  it('Kibana: healthy when ECK reports green', async () => {
    expect((await health(KIBANA_HEALTH_LUA, {})).status).toBe('Progressing');
    expect((await health(KIBANA_HEALTH_LUA, { status: { health: 'yellow' } })).status).toBe('Progressing');
    expect((await health(KIBANA_HEALTH_LUA, { status: { health: 'red' } })).status).toBe('Degraded');
    expect((await health(KIBANA_HEALTH_LUA, { status: { health: 'green' } })).status).toBe('Healthy');
  });
});
