/**
 * A small vocabulary for "which value keys does this chart read": maps of keys, each key optionally gated
 * on the Linkerd minor line it appeared or disappeared in. One tree per chart covers every release.
 */
import { isAtLeast, type LinkerdRelease, type LinkerdSeries } from '../versions.js';

export interface Gate {
  /** First Linkerd line that has the key. */
  readonly since?: LinkerdSeries;
  /** First Linkerd line that no longer has the key. */
  readonly until?: LinkerdSeries;
  /** Valid in no supported release; kept in the tree only for its hint. */
  readonly never?: true;
  /** Why, or what to use instead, shown when the key is rejected. */
  readonly hint?: string;
}

/** Any value; nothing below it is checked (scalars, lists, and maps whose keys are not listed). */
export interface OpenNode {
  readonly kind: 'open';
  readonly gate?: Gate;
}

/**
 * A map with known keys. `closed`: every key is listed, so any other key is an error. `partial`: only
 * some of its keys are listed, so another key is an error only when it looks like a misspelling
 * of a documented one (a real but undocumented key must not fail the build).
 */
export interface MapNode {
  readonly kind: 'map';
  readonly mode: 'closed' | 'partial';
  readonly keys: Readonly<Record<string, KeyNode>>;
  readonly gate?: Gate;
}

export type KeyNode = OpenNode | MapNode;

export const ANY: OpenNode = Object.freeze({ kind: 'open' });

export function closed(keys: Record<string, KeyNode>): MapNode {
  return { kind: 'map', mode: 'closed', keys };
}

export function partial(keys: Record<string, KeyNode>): MapNode {
  return { kind: 'map', mode: 'partial', keys };
}

/** A record of open leaves, for lists of plain keys. */
export function leaves(...names: string[]): Record<string, KeyNode> {
  return Object.fromEntries(names.map((n) => [n, ANY]));
}

export function since(series: LinkerdSeries, node: KeyNode = ANY, hint?: string): KeyNode {
  return withGate(node, { since: series }, hint);
}

export function until(series: LinkerdSeries, node: KeyNode = ANY, hint?: string): KeyNode {
  return withGate(node, { until: series }, hint);
}

export function never(hint: string): KeyNode {
  return { kind: 'open', gate: { never: true, hint } };
}

function withGate(node: KeyNode, gate: Gate, hint: string | undefined): KeyNode {
  const merged: Gate = { ...node.gate, ...gate, ...(hint !== undefined ? { hint } : {}) };
  return { ...node, gate: merged };
}

export type GateVerdict = 'ok' | 'too-old' | 'removed' | 'never';

export function gateVerdict(node: KeyNode, release: LinkerdRelease): GateVerdict {
  const g = node.gate;
  if (!g) return 'ok';
  if (g.never) return 'never';
  if (g.since !== undefined && !isAtLeast(release, g.since)) return 'too-old';
  if (g.until !== undefined && isAtLeast(release, g.until)) return 'removed';
  return 'ok';
}

/** Own-property lookup, so values keys such as `constructor` never hit Object.prototype. */
export function childOf(node: MapNode, key: string): KeyNode | undefined {
  return Object.hasOwn(node.keys, key) ? node.keys[key] : undefined;
}

/** Keys of `node` that are valid in `release`, in declaration order. */
export function validKeys(node: MapNode, release: LinkerdRelease): string[] {
  return Object.entries(node.keys)
    .filter(([, child]) => gateVerdict(child, release) === 'ok')
    .map(([k]) => k);
}

/**
 * The node at `path` as seen by `release` (the open node itself for a path below one), or undefined when
 * the path is not a known key in that release. Below a partial map, undefined means "not documented".
 */
export function nodeAt(root: MapNode, release: LinkerdRelease, path: readonly string[]): KeyNode | undefined {
  let node: KeyNode = root;
  for (const seg of path) {
    if (node.kind === 'open') return node;
    const child = childOf(node, seg);
    if (!child || gateVerdict(child, release) !== 'ok') return undefined;
    node = child;
  }
  return node;
}
