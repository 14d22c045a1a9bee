import { tempoCollector, tempoFullname, tempoServiceAccount } from '../recipes/tempo.js';
import { meshFacts } from '../resolve.js';
import type { MeshRule } from '../types.js';
import { finding } from './diagnostic.js';

/**
 * settings.tracing.collector names the Service, port and ServiceAccount whose mesh identity the
 * proxies expect; the Tempo release (single binary or tempo-distributed) must produce exactly those.
 */
export const tempoCollectorNames: MeshRule = {
  id: 'tempo-collector-names',
  scope: 'instance',
  severity: 'error',
  title: 'the Tempo release does not create the receiving Service, ServiceAccount or receiver that settings.tracing.collector names',
  hint: 'align settings.tracing.collector with the Tempo release',
  docs: 'meshing.md#rules',
  check({ instance, values, manifests }) {
    const { recipe } = meshFacts(instance, manifests);
    const { app } = instance;
    const tracing = instance.cluster.settings.tracing;
    const c = tracing.collector;
    const collector = tempoCollector(app.chart?.name);
    if (recipe?.id !== 'tempo' || !collector || !tracing.enabled || app.namespace !== c.namespace) return [];
    const fullname = tempoFullname(app.name, values);
    const problems: string[] = [];
    const service = collector.service(fullname);
    if (service !== c.service) problems.push(`the Service of ${collector.pod} is '${service}', not '${c.service}'`);
    const sa = tempoServiceAccount(values, fullname);
    if (sa !== c.serviceAccount) problems.push(`the ServiceAccount is '${sa}', not '${c.serviceAccount}'`);
    problems.push(...collector.receiverProblems(values, c.port));
    if (problems.length === 0) return [];
    return [
      finding(
        this,
        instance,
        '/chart',
        `spans go to ${c.service}.${c.namespace}:${c.port} as ServiceAccount ${c.serviceAccount} (settings.tracing.collector), but ${problems.join('; ')}`,
        `set fullnameOverride so that ${collector.serviceNaming} is '${c.service}', serviceAccount.name: ${c.serviceAccount} and the receiver for port ${c.port} in ${app.values ?? 'the values template'}, or change settings.tracing.collector`,
      ),
    ];
  },
};
