import { isPlainObject } from '../core/merge.js';
import { valueAt } from '../core/value-at.js';

/** A path into Helm values, one key per element. */
export type ValuesKeyPath = readonly string[];

/**
 * Secrets a chart's pods read, named in its values (`existingSecret`-style keys): what the
 * secret-needs analysis sees of a chart without rendering it, and what the tree produces for it
 * with External Secrets. One entry per chart key; data only.
 */
export interface ChartSecretRef {
  /** Chart names the entry applies to. */
  charts: readonly string[];
  /** Values path whose string value is the Secret's name (unset or empty: the chart does not read one). */
  name: ValuesKeyPath;
  /** The entry applies only while this values path is not false (a missing key means its chart default, true). */
  enabledBy?: ValuesKeyPath;
  /** Keys the pods read: fixed, or named by a values path (with the chart's default). */
  keys: readonly { key: string; path?: ValuesKeyPath }[];
  /** The workloads that read it, for messages; `<release>` is the Helm release name. */
  readBy: string;
  /**
   * How the tree makes the Secret when External Secrets runs on the cluster: a generated password
   * (each key a literal, or `password` for the generated value), or a copy from the secrets inbox
   * (the inbox keys are the Secret's own key names).
   */
  produce: { kind: 'generated'; values: Readonly<Record<string, { literal: string } | 'password'>> } | { kind: 'inbox' };
}

/** Charts whose pods read a container `env` list from values (secretKeyRef entries in it are needs). */
export interface ChartEnvRef {
  charts: readonly string[];
  env: ValuesKeyPath;
  readBy: string;
}

export const CHART_SECRETS: readonly ChartSecretRef[] = [
  // Since chart 79 Grafana has no default password: without this Secret the chart renders a random
  // one on every render. Both keys must be present.
  {
    charts: ['kube-prometheus-stack'],
    name: ['grafana', 'admin', 'existingSecret'],
    keys: [
      { key: 'admin-user', path: ['grafana', 'admin', 'userKey'] },
      { key: 'admin-password', path: ['grafana', 'admin', 'passwordKey'] },
    ],
    readBy: 'Deployment <release>-grafana (container grafana)',
    produce: { kind: 'generated', values: { 'admin-user': { literal: 'admin' }, 'admin-password': 'password' } },
  },
  // The object-store credentials (an AWS credentials file) of the server and the node agent.
  {
    charts: ['velero'],
    name: ['credentials', 'existingSecret'],
    enabledBy: ['credentials', 'useSecret'],
    keys: [{ key: 'cloud' }],
    readBy: 'Deployment <release> and DaemonSet node-agent (volume cloud-credentials)',
    produce: { kind: 'inbox' },
  },
];

export const CHART_ENV: readonly ChartEnvRef[] = [
  { charts: ['fluent-bit'], env: ['env'], readBy: 'DaemonSet <release> (container fluent-bit)' },
];

/** One Secret a chart's values make its pods read. */
export interface ChartSecretUse {
  ref: ChartSecretRef;
  name: string;
  /** Values path of the name, for messages. */
  at: ValuesKeyPath;
  /** The keys, as the values name them. */
  keys: string[];
}

/** The Secrets the chart's values name (entries of `CHART_SECRETS` that apply). */
export function chartSecretUses(chart: string, values: Record<string, unknown>): ChartSecretUse[] {
  const out: ChartSecretUse[] = [];
  for (const ref of CHART_SECRETS) {
    if (!ref.charts.includes(chart)) continue;
    if (ref.enabledBy && valueAt(values, ref.enabledBy) === false) continue;
    const name = valueAt(values, ref.name);
    if (typeof name !== 'string' || name === '') continue;
    const keys = ref.keys.map((k) => {
      const v = k.path ? valueAt(values, k.path) : undefined;
      return typeof v === 'string' && v !== '' ? v : k.key;
    });
    out.push({ ref, name, at: ref.name, keys });
  }
  return out;
}

/** One `secretKeyRef` of an env list in values. */
export interface ChartEnvUse {
  ref: ChartEnvRef;
  name: string;
  key: string;
  /** Values path of the secretKeyRef. */
  at: (string | number)[];
}

export function chartEnvUses(chart: string, values: Record<string, unknown>): ChartEnvUse[] {
  const out: ChartEnvUse[] = [];
  for (const ref of CHART_ENV) {
    if (!ref.charts.includes(chart)) continue;
    const env = valueAt(values, ref.env);
    if (!Array.isArray(env)) continue;
    env.forEach((e, i) => {
      const sel = isPlainObject(e) && isPlainObject(e['valueFrom']) ? e['valueFrom']['secretKeyRef'] : undefined;
      if (!isPlainObject(sel) || sel['optional'] === true || typeof sel['name'] !== 'string' || typeof sel['key'] !== 'string') return;
      out.push({ ref, name: sel['name'], key: sel['key'], at: [...ref.env, i, 'valueFrom', 'secretKeyRef'] });
    });
  }
  return out;
}
