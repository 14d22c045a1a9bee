/**
 * What a chart says about its values, for judging the keys an app sets: its defaults merged with
 * its subcharts' (each under its alias or name, as Helm merges them), the keys its values.yaml files
 * leave commented out, each schema under the key its chart's values sit at, and those keys.
 */
import { mergedDefaults } from '../hydrate/chart-archive.js';
import type { ChartArchive } from '../hydrate/types.js';
import { encodePointer } from '../model/source.js';
import { commentedKeys } from './values-comments.js';
import type { PlacedSchema } from './values-schema.js';

export interface ChartValues {
  defaults: Record<string, unknown>;
  /** JSON pointers of commented-out keys. */
  commented: ReadonlySet<string>;
  schemas: PlacedSchema[];
  /** The chart's own values ('') and each subchart's (`/<alias>`, nested): pointer -> chart name. */
  roots: ReadonlyMap<string, string>;
}

const cache = new WeakMap<ChartArchive, ChartValues>();

export function chartValuesOf(archive: ChartArchive): ChartValues {
  let cv = cache.get(archive);
  if (!cv) {
    const into: Collected = { commented: new Set(), schemas: [], roots: new Map() };
    collect(archive, [], into);
    cv = { defaults: mergedDefaults(archive), ...into };
    cache.set(archive, cv);
  }
  return cv;
}

interface Collected {
  commented: Set<string>;
  schemas: PlacedSchema[];
  roots: Map<string, string>;
}

function collect(archive: ChartArchive, prefix: string[], into: Collected): void {
  const at = encodePointer(prefix);
  into.roots.set(at, archive.name);
  for (const p of commentedKeys(archive.valuesText)) into.commented.add(at + p);
  if (archive.schema !== undefined) into.schemas.push({ prefix, schema: archive.schema });
  for (const sub of archive.subcharts) collect(sub, [...prefix, sub.as], into);
}
