import { isPlainObject } from '../../core/merge.js';
import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { valueAt } from '../../core/value-at.js';
import { finding } from './diagnostic.js';

/** Helm's `trunc 63 | trimSuffix "-"`. */
function dnsName(s: string): string {
  const cut = s.slice(0, 63);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}

/** tempo-distributed's `tempo.fullname` for the release (the app name) and values. */
export function tempoFullname(release: string, values: Record<string, unknown>): string {
  const override = values['fullnameOverride'];
  if (typeof override === 'string' && override !== '') return dnsName(override);
  const nameOverride = values['nameOverride'];
  const name = typeof nameOverride === 'string' && nameOverride !== '' ? nameOverride : 'tempo';
  return dnsName(release.includes(name) ? release : `${release}-${name}`);
}

/** tempo-distributed's `tempo.serviceAccountName`. */
export function tempoServiceAccount(values: Record<string, unknown>, fullname: string): string {
  const sa = isPlainObject(values['serviceAccount']) ? values['serviceAccount'] : {};
  const name = typeof sa['name'] === 'string' && sa['name'] !== '' ? sa['name'] : undefined;
  return sa['create'] === false ? (name ?? 'default') : (name ?? fullname);
}

/** Receiver switch for the collector ports Linkerd uses. */
const RECEIVERS: Record<number, readonly string[]> = {
  4317: ['traces', 'otlp', 'grpc', 'enabled'],
  55678: ['traces', 'opencensus', 'enabled'],
};

/**
 * settings.tracing.collector names the distributor Service, its port and the ServiceAccount whose
 * mesh identity the proxies expect; the tempo-distributed release must produce exactly those.
 */
export const tempoCollectorNames: MeshRule = {
  id: 'tempo-collector-names',
  scope: 'instance',
  severity: 'error',
  title: 'the tempo-distributed release does not create the distributor Service, ServiceAccount or receiver that settings.tracing.collector names',
  hint: 'align settings.tracing.collector with the Tempo release',
  docs: 'meshing.md#rules',
  check({ instance, values, manifests }) {
    const { recipe } = meshFacts(instance, manifests);
    const { app } = instance;
    const tracing = instance.cluster.settings.tracing;
    const c = tracing.collector;
    if (recipe?.id !== 'tempo' || app.chart?.name !== 'tempo-distributed' || !tracing.enabled || app.namespace !== c.namespace) return [];
    const fullname = tempoFullname(app.name, values);
    const problems: string[] = [];
    const service = `${fullname}-distributor`;
    if (service !== c.service) problems.push(`the distributor Service is '${service}', not '${c.service}'`);
    const sa = tempoServiceAccount(values, fullname);
    if (sa !== c.serviceAccount) problems.push(`the ServiceAccount is '${sa}', not '${c.serviceAccount}'`);
    const receiver = RECEIVERS[c.port];
    if (receiver && valueAt(values, receiver) !== true) problems.push(`${receiver.join('.')} is not true, so nothing listens on port ${c.port}`);
    if (problems.length === 0) return [];
    return [
      finding(
        this,
        instance,
        '/chart',
        `spans go to ${c.service}.${c.namespace}:${c.port} as ServiceAccount ${c.serviceAccount} (settings.tracing.collector), but ${problems.join('; ')}`,
        `set fullnameOverride so that <fullname>-distributor is '${c.service}', serviceAccount.name: ${c.serviceAccount} and the receiver for port ${c.port} in ${app.values ?? 'the values template'}, or change settings.tracing.collector`,
      ),
    ];
  },
};
