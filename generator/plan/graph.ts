import type { Diagnostic } from '../model/diagnostics.js';
import { closest } from '../core/suggest.js';

export interface GraphNode {
  name: string;
  dependsOn: readonly string[];
  file: string;
}

export interface WaveResult {
  /** name -> wave; a node's wave is one more than its highest dependency (roots are 0). */
  waves: Map<string, number>;
  diagnostics: Diagnostic[];
}

/**
 * Sync waves from `dependsOn` by longest-path layering (Kahn's algorithm, linear in nodes + edges):
 * every app lands in the earliest wave after all its dependencies, so apps with no path between
 * them are not serialised needlessly. Unknown dependencies and cycles are errors; a cycle is
 * printed as `a -> b -> a`.
 */
export function computeWaves(nodes: readonly GraphNode[]): WaveResult {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const dependents = new Map<string, string[]>();
  const indegree = new Map<string, number>();
  for (const n of nodes) {
    indegree.set(n.name, 0);
    dependents.set(n.name, []);
  }
  for (const n of nodes) {
    n.dependsOn.forEach((d, i) => {
      if (!byName.has(d)) {
        const guess = closest(d, byName.keys());
        diagnostics.push({
          severity: 'error',
          code: 'graph/unknown-dependency',
          file: n.file,
          pointer: `/dependsOn/${i}`,
          message: `app '${n.name}' depends on '${d}', which is not an app${guess ? `; did you mean '${guess}'?` : ''}`,
          hint: `known apps are the files in apps/; add apps/${d}.yaml or remove the dependency`,
        });
        return;
      }
      dependents.get(d)!.push(n.name);
      indegree.set(n.name, indegree.get(n.name)! + 1);
    });
  }
  const waves = new Map<string, number>();
  // Process in name order so the result never depends on input discovery order.
  const queue = [...nodes.filter((n) => indegree.get(n.name) === 0).map((n) => n.name)].sort();
  for (const name of queue) waves.set(name, 0);
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    const w = waves.get(name)!;
    for (const dep of dependents.get(name)!) {
      waves.set(dep, Math.max(waves.get(dep) ?? 0, w + 1));
      const left = indegree.get(dep)! - 1;
      indegree.set(dep, left);
      if (left === 0) queue.push(dep);
    }
  }
  if (queue.length < nodes.length) {
    const stuck = new Set(nodes.filter((n) => indegree.get(n.name)! > 0).map((n) => n.name));
    for (const cycle of findCycles(stuck, byName)) {
      const first = byName.get(cycle[0]!)!;
      diagnostics.push({
        severity: 'error',
        code: 'graph/cycle',
        file: first.file,
        pointer: '/dependsOn',
        message: `dependency cycle: ${[...cycle, cycle[0]].join(' -> ')}`,
        hint: 'Argo CD cannot order apps that wait for each other; remove one dependsOn entry of the cycle',
      });
    }
    for (const n of stuck) waves.delete(n);
  }
  return { waves, diagnostics };
}

/** One cycle per strongly connected group of stuck nodes, each starting at its smallest name. */
function findCycles(stuck: Set<string>, byName: Map<string, GraphNode>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of [...stuck].sort()) {
    if (done.has(start)) continue;
    // Walk dependencies inside the stuck set until a node repeats; every stuck node has one.
    const pathIndex = new Map<string, number>();
    const path: string[] = [];
    let cur: string | undefined = start;
    while (cur !== undefined && !pathIndex.has(cur) && !done.has(cur)) {
      pathIndex.set(cur, path.length);
      path.push(cur);
      cur = [...byName.get(cur)!.dependsOn].sort().find((d) => stuck.has(d));
    }
    path.forEach((p) => done.add(p));
    if (cur === undefined || !pathIndex.has(cur)) continue;
    const cycle = path.slice(pathIndex.get(cur)!);
    // Start at the smallest name so the message is stable; `a -> b` reads "a depends on b".
    const min = cycle.indexOf([...cycle].sort()[0]!);
    cycles.push([...cycle.slice(min), ...cycle.slice(0, min)]);
  }
  return cycles;
}

/**
 * The dependency chain that gives an app its wave, root first: from the app, keep following the
 * dependency one wave lower (the first in name order when several are). Its length is wave + 1.
 */
export function wavePath(name: string, dependsOn: (app: string) => readonly string[], waves: ReadonlyMap<string, number>): string[] {
  const path = [name];
  for (let cur = name; (waves.get(cur) ?? 0) > 0; ) {
    const want = waves.get(cur)! - 1;
    const next = [...dependsOn(cur)].sort().find((d) => waves.get(d) === want);
    if (next === undefined) break;
    path.push(next);
    cur = next;
  }
  return path.reverse();
}
