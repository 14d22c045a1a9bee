/**
 * A plain-text summary of V8 CPU profiles (`node --cpu-prof`): where the time of the busiest
 * thread goes, by function, inclusive and self.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Folders of the generator's own code, in sources (generator/) and in the build (dist/). */
const GENERATOR_DIRS = /  (cli|core|load|plan|render|mesh|lint|validate|write|report|model|components|linkerd|charts|helm|cache)\/[^/]+\.[jt]s$|  dist\/[^/]+\.js$/;

const IDLE = new Set(['(idle)', '(program)', '(root)']);

function label(n: ProfileNode): string {
  const f = n.callFrame;
  const file = f.url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
  return `${f.functionName || '(anonymous)'}${file ? `  ${file}` : ''}`;
}

/** Self and inclusive milliseconds per function label, and the busy (non-idle) total. */
function tally(p: CpuProfile): { busy: number; self: Map<string, number>; inclusive: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const perNode = new Map<number, number>();
  p.samples.forEach((id, i) => perNode.set(id, (perNode.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of perNode) {
    const leaf = byId.get(id)!;
    if (IDLE.has(leaf.callFrame.functionName)) continue;
    busy += ms;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    // Count each function once per sample even when it recurses.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l) || IDLE.has(byId.get(cur)!.callFrame.functionName)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + ms);
    }
  }
  return { busy, self, inclusive };
}

/** Pipeline stages by the function that runs each (inclusive time). */
const STAGES: [string, RegExp][] = [
  ['load (read, parse, schema-check config)', /^loadConfig  /],
  ['plan (defaults, waves, fan-out)', /^planConfig  /],
  ['render (objects, templates)', /^render  render\/render\.[jt]s$/],
  ['serialise (YAML text)', /^serialise  /],
  ['validate (schemas, lint)', /^validateOutput  /],
  ['write (compare, stage, rename, prune)', /^writeTree  /],
];

export function summariseProfile(files: string[], top = 20): string {
  const tallies = files.map((f) => tally(JSON.parse(readFileSync(f, 'utf8')) as CpuProfile));
  const main = tallies.sort((a, b) => b.busy - a.busy)[0];
  if (!main) return '  (no profile written)';
  const rows = (m: Map<string, number>, filter: (k: string) => boolean) =>
    [...m]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => line(ms, k))
      .join('\n');
  const line = (ms: number, name: string) => `  ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / main.busy).toFixed(0).padStart(3)}%  ${name}`;
  const stageMs = STAGES.map(([name, re]) => [name, [...main.inclusive].filter(([k]) => re.test(k)).reduce((n, [, v]) => n + v, 0)] as const);
  const rest = main.busy - stageMs.reduce((n, [, ms]) => n + ms, 0);
  const stages = [...stageMs.map(([name, ms]) => line(ms, name)), line(rest, 'other (start-up, module loading, garbage collection)')];
  return [
    `  busy (non-idle) time of the main thread: ${main.busy.toFixed(0)} ms`,
    '  by stage:',
    ...stages,
    '  inclusive, generator functions:',
    rows(main.inclusive, (k) => k.includes('generator/') || k.includes('bench/') || /\.ts$/.test(k) || GENERATOR_DIRS.test(k)),
    '  self time, any function:',
    rows(main.self, () => true),
  ].join('\n');
}
