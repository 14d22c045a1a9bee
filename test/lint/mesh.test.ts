import { describe, expect, it } from 'vitest';
import { RULES } from '../../generator/lint/index.js';
import { loadConfig } from '../../generator/load/load-config.js';
import { MESH_RULES } from '../../generator/mesh/index.js';
import { serialise } from '../../generator/pipeline.js';
import { planConfig } from '../../generator/plan/plan.js';
import { render } from '../../generator/render/render.js';
import { createLintContext, runLint } from '../../generator/lint/index.js';
import { build, configCopy, lintEdited, replaceOnce } from './helpers.js';

const TRAEFIK_VALUES = 'manifests/values/pi/traefik.yaml';
const SKIP = /config\.linkerd\.io\/skip-outbound-ports: "443"/;

describe('mesh rules in the rule registry', () => {
  it('holds every mesh rule as an instance rule', () => {
    for (const r of MESH_RULES) expect(RULES, r.id).toContain(r);
    expect(RULES.filter((r) => r.scope === 'instance')).toEqual([...MESH_RULES]);
  });

  it('does not repeat what render already reported on a fresh tree', async () => {
    const root = configCopy({ 'values/traefik/values.yaml': replaceOnce('deployment:\n', 'deployment:\n  podAnnotations:\n    config.linkerd.io/skip-outbound-ports: "80"\n') });
    const plan = planConfig(await loadConfig(root));
    const rendered = render(plan);
    expect(rendered.diagnostics.map((d) => d.code)).toContain('mesh/traefik-skip-api-port');
    const lint = runLint(createLintContext({ plan, rendered, files: serialise(rendered) }));
    expect(lint.filter((d) => d.code.startsWith('mesh/'))).toEqual([]);
  });

  it('runs them on a tree edited by hand and reports the edited file', async () => {
    const def = await build(configCopy());
    const found = lintEdited(def, { [TRAEFIK_VALUES]: replaceOnce(SKIP, 'config.linkerd.io/skip-outbound-ports: "80"') }).filter((d) => d.code === 'mesh/traefik-skip-api-port');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: TRAEFIK_VALUES });
    expect(found[0]!.message).toMatch(/differs from a fresh render/);
  });
});
