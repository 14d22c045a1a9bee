/**
 * The output must not depend on the order the file system lists the inputs in. Creating files in
 * another order does not change what a sorted-hash directory returns, so here the listing itself
 * is shuffled: `glob`/`globSync` (what the discover step lists with) returns its results in a seeded random order.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildTree } from '../../generator/pipeline.js';
import { makeRepo, MINIMAL_CLUSTER } from '../helpers.js';

const listing = vi.hoisted(() => ({ seed: 0, last: [] as string[] }));

vi.mock('glob', async (importOriginal) => {
  const real = await importOriginal<typeof import('glob')>();
  return {
    ...real,
    glob: async (...args: Parameters<typeof real.glob>) => {
      const found = (await real.glob(...args)) as string[];
      const out = shuffle([...found].sort(), listing.seed);
      listing.last = [...out];
      return out;
    },
    globSync: (...args: Parameters<typeof real.globSync>) => {
      const found = real.globSync(...args) as string[];
      const out = shuffle([...found].sort(), listing.seed);
      listing.last = [...out];
      return out;
    },
  };
});

/** Fisher-Yates with a small LCG: the same seed gives the same order; seed 0 keeps the order. */
function shuffle<T>(items: T[], seed: number): T[] {
  if (seed === 0) return items;
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  app: "{{app.name}}"\n`;
const chart = (name: string) => `chart:\n  repoURL: https://charts.example.com\n  name: ${name}\n  version: 1.0.0\n`;

function repo(): string {
  const files: Record<string, string> = { 'cluster.yaml': MINIMAL_CLUSTER };
  for (const [i, name] of ['zeta', 'alpha', 'mid', 'beta', 'omega', 'kappa'].entries()) {
    const dir = i % 2 ? `apps/team-${i}/` : 'apps/';
    files[`${dir}${name}.yaml`] = `${chart(name)}${i ? `dependsOn: [${i > 2 ? 'alpha, zeta' : 'zeta'}]\n` : ''}`;
    files[`values/${name}/values.yaml`] = `replicas: ${i + 1}\nhost: "${name}.{{settings.domain}}"\n`;
    for (const r of ['c', 'a', 'b']) files[`values/${name}/resources/${r}-configmap.yaml`] = cm(`${name}-${r}`);
  }
  return makeRepo(files);
}

async function render(seed: number): Promise<{ files: [string, string][]; listed: string[] }> {
  listing.seed = seed;
  const t = await buildTree(repo());
  return { files: t.files.map((f) => [f.path, f.content]), listed: listing.last };
}

describe('input listing order', () => {
  it('gives byte-identical output for any order the inputs are listed in', async () => {
    const sorted = await render(0);
    expect(sorted.files.length).toBeGreaterThan(30);
    for (const seed of [1, 7, 42]) {
      const shuffled = await render(seed);
      // The listing really came in another order, or this would prove nothing.
      expect(shuffled.listed).not.toEqual(sorted.listed);
      expect([...shuffled.listed].sort()).toEqual([...sorted.listed].sort());
      expect(shuffled.files, `seed ${seed}`).toEqual(sorted.files);
    }
  });
});
