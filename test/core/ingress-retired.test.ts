import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locate } from '../../generator/core/yaml-source.js';
import { loadConfig } from '../../generator/load/load-config.js';
import type { Diagnostic } from '../../generator/model/diagnostics.js';
import { planConfig } from '../../generator/plan/plan.js';
import { copyDefaultConfig } from '../helpers.js';

const CODE = 'config/ingress-nginx-retired';

/** The shipped config with cluster.yaml edited, planned; its diagnostics placed in the sources. */
async function planWith(edit: (clusterYaml: string) => string): Promise<{ diags: Diagnostic[]; text: string }> {
  const root = copyDefaultConfig();
  const file = path.join(root, 'cluster.yaml');
  const text = edit(readFileSync(file, 'utf8'));
  writeFileSync(file, text);
  const config = await loadConfig(root);
  return { diags: locate(planConfig(config).diagnostics, config.sources), text };
}

/** 1-based line of the first line of `text` matching `re`. */
const lineOf = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l)) + 1;

describe('config/ingress-nginx-retired', () => {
  it('says nothing for the shipped config (Traefik, with ingress-nginx deployed as a second controller)', async () => {
    const { diags } = await planWith((t) => t);
    expect(diags.filter((d) => d.code === CODE)).toEqual([]);
  });

  it('warns at the line of ingress.controller: nginx in defaults, once for every cluster it applies to', async () => {
    const { diags, text } = await planWith((t) =>
      t.replace('    controller: traefik', '    controller: nginx').replace(/clusters:\n/, 'clusters:\n  - name: lab\n    server: https://lab.example.com:6443\n'),
    );
    const found = diags.filter((d) => d.code === CODE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', file: 'cluster.yaml', pointer: '/defaults/ingress/controller', line: lineOf(text, /^ {4}controller: nginx$/) });
    expect(found[0]!.message).toContain("clusters 'lab', 'pi': ingress-nginx is retired");
    expect(found[0]!.hint).toContain('traefik');
  });

  it("warns at a cluster's own override, naming only that cluster", async () => {
    const { diags, text } = await planWith((t) => t.replace('    labels:\n      stage: home', '    settings:\n      ingress:\n        controller: nginx\n    labels:\n      stage: home'));
    const found = diags.filter((d) => d.code === CODE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', pointer: '/clusters/0/settings/ingress/controller', line: lineOf(text, /^ {8}controller: nginx$/) });
    expect(found[0]!.message).toMatch(/^cluster 'pi': /);
  });
});
