/**
 * The Helm renders of a run in one pool of `limit` processes. Each job renders twice (the
 * convergence rule compares the two). A render's command line is built when it starts, with the
 * API versions known at that moment; when a render brings new CRDs (rendered by templates), the
 * renders of charts that read `.Capabilities.APIVersions` on that cluster made with the older set
 * are queued again, behind the work already waiting, so the pool stays busy and what is checked is
 * the steady state Argo CD reaches once the CRDs are installed.
 */
import type { HelmRun } from '../helm/index.js';
import { parseHelmOutput, type ParsedOutput } from './helm-output.js';

export interface QueuedJob {
  cluster: string;
  /** Its output can depend on the API versions (templates read them, the source does not pin them). */
  sensitive: boolean;
  argvFor(apiVersions: readonly string[]): string[];
}

export interface RenderOutcome {
  /** The API versions this render was given. */
  apiVersions: string[];
  run: HelmRun;
  /** Parsed stdout, when Helm succeeded. */
  parsed?: ParsedOutput;
}

export interface QueueOptions<J extends QueuedJob> {
  limit: number;
  /** The cluster's API versions now (they grow as renders bring CRDs). */
  apiVersionsOf(cluster: string): string[];
  /** A finished render's objects; true when they grew the cluster's API versions. */
  learn(job: J, parsed: ParsedOutput): boolean;
  run(argv: string[]): Promise<HelmRun>;
  /** Renders of one job again at most this often. */
  maxRedo: number;
}

interface Slot<J> {
  job: J;
  queued: boolean;
  redo: number;
  outcome?: RenderOutcome;
}

/** Both renders of every job, in job order. */
export async function renderQueue<J extends QueuedJob>(jobs: readonly J[], opts: QueueOptions<J>): Promise<[RenderOutcome, RenderOutcome][]> {
  const slots = jobs.map((job) => [0, 1].map((): Slot<J> => ({ job, queued: true, redo: 0 }))) as [Slot<J>, Slot<J>][];
  // Charts that read the API versions go first: their first renders tell soonest whether they must go again.
  const queue: Slot<J>[] = [...slots.filter(([s]) => s.job.sensitive).flat(), ...slots.filter(([s]) => !s.job.sensitive).flat()];
  const stale = (s: Slot<J>) => s.job.sensitive && s.outcome !== undefined && !same(s.outcome.apiVersions, opts.apiVersionsOf(s.job.cluster));
  const requeue = (s: Slot<J>) => {
    if (s.queued || s.redo >= opts.maxRedo) return;
    s.queued = true;
    s.redo++;
    queue.push(s);
  };

  const renderOne = async (s: Slot<J>) => {
    s.queued = false;
    const apiVersions = opts.apiVersionsOf(s.job.cluster);
    const run = await opts.run(s.job.argvFor(apiVersions));
    const parsed = run.ok ? parseHelmOutput(run.stdout) : undefined;
    s.outcome = { apiVersions, run, ...(parsed ? { parsed } : {}) };
    if (parsed && opts.learn(s.job, parsed)) {
      for (const pair of slots) for (const other of pair) if (other.job.cluster === s.job.cluster && stale(other)) requeue(other);
    }
    // The set grew while this one ran.
    if (stale(s)) requeue(s);
  };

  await new Promise<void>((resolve, reject) => {
    let active = 0;
    const pump = () => {
      if (queue.length === 0 && active === 0) return resolve();
      while (active < opts.limit && queue.length > 0) {
        const s = queue.shift()!;
        active++;
        renderOne(s).then(() => {
          active--;
          pump();
        }, reject);
      }
    };
    pump();
  });
  return slots.map(([a, b]) => [a.outcome!, b.outcome!]);
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
