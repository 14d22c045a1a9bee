/**
 * A chart's published default passwords, and the rendered Secrets that still carry them. A key
 * named like a password whose default in the chart's values.yaml (or a subchart's) is a non-empty
 * string is such a default while the app's values leave it as it is.
 */
import { isPlainObject } from '../core/merge.js';
import { valueAt } from '../core/value-at.js';
import type { RenderedObject } from '../hydrate/types.js';

const PASSWORD_KEY = /pass(word|wd)?$/i;

export interface DefaultPassword {
  /** Key path in the values, e.g. `['grafana', 'adminPassword']`. */
  path: string[];
  value: string;
}

/** Password defaults of the chart the app's values do not change. */
export function defaultPasswords(defaults: Record<string, unknown>, values: Record<string, unknown>): DefaultPassword[] {
  const out: DefaultPassword[] = [];
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, d] of Object.entries(node)) {
      const p = [...path, key];
      if (isPlainObject(d)) walk(d, p);
      else if (typeof d === 'string' && d !== '' && PASSWORD_KEY.test(key)) {
        const set = valueAt(values, p);
        if (set === undefined || set === d) out.push({ path: p, value: d });
      }
    }
  };
  walk(defaults, []);
  return out;
}

/** The entries of a rendered Secret: `data` decoded from base64, then `stringData`. */
export function secretEntries(o: RenderedObject): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  const data = o.data['data'];
  if (isPlainObject(data)) for (const [key, v] of Object.entries(data)) if (typeof v === 'string') out.push({ key, value: Buffer.from(v, 'base64').toString('utf8') });
  const stringData = o.data['stringData'];
  if (isPlainObject(stringData)) for (const [key, v] of Object.entries(stringData)) if (typeof v === 'string') out.push({ key, value: v });
  return out;
}
