import { isPlainObject } from '../../core/merge.js';
import { valueAt } from '../../core/value-at.js';

/**
 * Grafana Tempo's naming and receivers, for the tracing rules: the single-binary `tempo` chart
 * (shipped) and `tempo-distributed`. The recipe itself is data (`simple.ts`).
 */

/** Helm's `trunc 63 | trimSuffix "-"`. */
function dnsName(s: string): string {
  const cut = s.slice(0, 63);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}

/** `tempo.fullname` of both charts (chart name `tempo` in the template) for the release and values. */
export function tempoFullname(release: string, values: Record<string, unknown>): string {
  const override = values['fullnameOverride'];
  if (typeof override === 'string' && override !== '') return dnsName(override);
  const nameOverride = values['nameOverride'];
  const name = typeof nameOverride === 'string' && nameOverride !== '' ? nameOverride : 'tempo';
  return dnsName(release.includes(name) ? release : `${release}-${name}`);
}

/** `tempo.serviceAccountName` of both charts. */
export function tempoServiceAccount(values: Record<string, unknown>, fullname: string): string {
  const sa = isPlainObject(values['serviceAccount']) ? values['serviceAccount'] : {};
  const name = typeof sa['name'] === 'string' && sa['name'] !== '' ? sa['name'] : undefined;
  return sa['create'] === false ? (name ?? 'default') : (name ?? fullname);
}

/** Where a Tempo chart receives the spans Linkerd sends, and what it calls that pod. */
export interface TempoCollector {
  /** The pod that receives, for messages. */
  pod: string;
  /** The receiving Service for the chart's fullname, and that rule in words (for hints). */
  service(fullname: string): string;
  serviceNaming: string;
  /** Values path of that pod's annotations (an opt-out there takes it out of the mesh). */
  podAnnotationsPath: readonly string[];
  /** Why nothing would receive on `port`, or nothing when it does. */
  receiverProblems(values: Record<string, unknown>, port: number): string[];
}

const SINGLE_OTLP_GRPC = ['tempo', 'receivers', 'otlp', 'protocols', 'grpc'];
/** The single-binary chart's Service always forwards its OTLP gRPC port to this container port. */
const SINGLE_OTLP_TARGET_PORT = 4317;

/** Whether some key along `path` is set to null (Helm then drops the chart's default below it). */
function nullOnPath(values: Record<string, unknown>, path: readonly string[]): boolean {
  let cur: unknown = values;
  for (const key of path) {
    if (!isPlainObject(cur)) return false;
    cur = cur[key];
    if (cur === null) return true;
  }
  return false;
}

/** Receiver switches of tempo-distributed for the collector ports Linkerd uses. */
const DISTRIBUTED_RECEIVERS: Record<number, readonly string[]> = {
  4317: ['traces', 'otlp', 'grpc', 'enabled'],
  55678: ['traces', 'opencensus', 'enabled'],
};

const COLLECTORS: Record<string, TempoCollector> = {
  tempo: {
    pod: 'the tempo pod',
    service: (fullname) => fullname,
    serviceNaming: 'the fullname',
    podAnnotationsPath: ['podAnnotations'],
    receiverProblems(values, port) {
      // Unset keeps the chart's default endpoint 0.0.0.0:4317; null on the way switches it off.
      if (nullOnPath(values, SINGLE_OTLP_GRPC)) return [`${SINGLE_OTLP_GRPC.join('.')} is null, so no OTLP gRPC receiver runs`];
      const endpoint = valueAt(values, [...SINGLE_OTLP_GRPC, 'endpoint']) ?? `0.0.0.0:${SINGLE_OTLP_TARGET_PORT}`;
      const servicePort = Number(String(endpoint).split(':').pop());
      const problems: string[] = [];
      if (servicePort !== SINGLE_OTLP_TARGET_PORT) {
        problems.push(`the OTLP gRPC receiver listens on ${String(endpoint)}, but the chart's Service forwards to container port ${SINGLE_OTLP_TARGET_PORT}`);
      } else if (port !== servicePort) {
        problems.push(`the Service receives OTLP gRPC on port ${servicePort}, not ${port}`);
      }
      return problems;
    },
  },
  'tempo-distributed': {
    pod: 'the distributor',
    service: (fullname) => `${fullname}-distributor`,
    serviceNaming: '<fullname>-distributor',
    podAnnotationsPath: ['distributor', 'podAnnotations'],
    receiverProblems(values, port) {
      const receiver = DISTRIBUTED_RECEIVERS[port];
      return receiver && valueAt(values, receiver) !== true ? [`${receiver.join('.')} is not true, so nothing listens on port ${port}`] : [];
    },
  },
};

/** The collector facts of a Tempo chart, or undefined for any other chart. */
export function tempoCollector(chartName: string | undefined): TempoCollector | undefined {
  return chartName !== undefined && Object.hasOwn(COLLECTORS, chartName) ? COLLECTORS[chartName] : undefined;
}
