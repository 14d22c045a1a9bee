/**
 * Keys an app's Helm values set that its chart does not have. Helm ignores such a key without a
 * word, so a misspelt or misplaced setting silently does nothing. A key counts as the chart's when
 * its merged defaults have it, its values.yaml documents it in a comment, or its schema declares
 * it; keys under a free-form map are not judged.
 */
import { isPlainObject } from '../core/merge.js';
import { closest, KEY_TYPOS } from '../core/suggest.js';
import { encodePointer, unescapePointerSegment } from '../model/source.js';
import type { ChartValues } from './chart-values.js';
import { schemaKeys, schemaOpenAt, schemaVerdict } from './values-schema.js';

/**
 * Keys whose maps charts pass through to Kubernetes objects as they are (metadata, pod spec
 * fields, container env): any key may sit under them, whatever the chart's default shows (often
 * one example entry, as in `resources: { limits: { cpu: 100m } }`). One list, so every chart is
 * judged alike; a chart's own empty (`{}`) or null default marks its other free-form maps.
 */
export const FREE_FORM_KEYS: ReadonlySet<string> = new Set([
  'annotations',
  'labels',
  'podAnnotations',
  'podLabels',
  'commonAnnotations',
  'commonLabels',
  'serviceAnnotations',
  'serviceLabels',
  'nodeSelector',
  'tolerations',
  'affinity',
  'topologySpreadConstraints',
  'resources',
  'env',
  'extraEnv',
  'extraArgs',
  'securityContext',
  'podSecurityContext',
  'containerSecurityContext',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'extraVolumes',
  'extraVolumeMounts',
]);

/** Helm hands `global` to the chart and every subchart; any key may be set there. */
const GLOBAL = 'global';

export interface UnknownKey {
  path: string[];
  /** The key of the same map the operator probably meant. */
  suggestion?: string;
  /** Keys the chart has in that map (defaults, documented in comments, declared by its schema). */
  known: string[];
}

export function unknownValueKeys(values: Record<string, unknown>, chart: ChartValues): UnknownKey[] {
  const out: UnknownKey[] = [];
  walk(values, chart.defaults, [], chart, out);
  return out;
}

function walk(values: Record<string, unknown>, defaults: Record<string, unknown>, path: string[], chart: ChartValues, out: UnknownKey[]): void {
  for (const [key, value] of Object.entries(values)) {
    const keyPath = [...path, key];
    if (key === GLOBAL && chart.roots.has(encodePointer(path))) continue;
    const has = Object.hasOwn(defaults, key);
    const verdict = schemaVerdict(chart.schemas, path, key);
    if (!has && verdict === undefined && !chart.commented.has(encodePointer(keyPath))) {
      const known = knownKeys(defaults, path, chart);
      const suggestion = closest(key, known, KEY_TYPOS);
      out.push({ path: keyPath, ...(suggestion !== undefined ? { suggestion } : {}), known });
      continue;
    }
    const d = defaults[key];
    // Below a key known only from a comment or the schema, or a non-map default, nothing is judged.
    if (!isPlainObject(value) || !isPlainObject(d) || freeForm(key, d) || schemaOpenAt(chart.schemas, keyPath)) continue;
    walk(value, d, keyPath, chart, out);
  }
}

function freeForm(key: string, d: Record<string, unknown>): boolean {
  const keys = Object.keys(d);
  // A template reads a named key as .Values.a.b; a key with a dot in it can only be reached by
  // ranging over the map or dumping it (toYaml), so a map whose defaults have one is passed through
  // as it is: argo-cd's configs.cm ("exec.enabled", "timeout.reconciliation") becomes argocd-cm.
  return FREE_FORM_KEYS.has(key) || keys.length === 0 || keys.some((k) => k.includes('.'));
}

function knownKeys(defaults: Record<string, unknown>, path: string[], chart: ChartValues): string[] {
  const prefix = `${encodePointer(path)}/`;
  const commented = [...chart.commented].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map((p) => unescapePointerSegment(p.slice(prefix.length)));
  return [...new Set([...Object.keys(defaults), ...commented, ...schemaKeys(chart.schemas, path)])].sort();
}
