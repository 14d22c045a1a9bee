/** Which sources of the tree's Applications are Helm charts Argo CD renders, and their chart references. */
import type { ChartRef } from '../model/config.js';
import type { HydrateSubject } from './types.js';

export interface Target<A extends HydrateSubject = HydrateSubject> {
  subject: A;
  sourceIndex: number;
  chart: ChartRef;
}

export interface Targets<A extends HydrateSubject = HydrateSubject> {
  targets: Target<A>[];
  /** Helm sources that cannot be rendered offline, with the reason. */
  unrenderable: { subject: A; sourceIndex: number; chart?: ChartRef; reason: string }[];
}

/** Every Helm chart source (a source with `chart`), one target each, in tree order. */
export function helmTargets<A extends HydrateSubject>(subjects: readonly A[]): Targets<A> {
  const targets: Target<A>[] = [];
  const unrenderable: Targets<A>['unrenderable'] = [];
  for (const subject of subjects) {
    subject.sources.forEach(({ source }, sourceIndex) => {
      const name = source['chart'];
      if (typeof name !== 'string') return;
      const repoURL = typeof source['repoURL'] === 'string' ? source['repoURL'] : '';
      const version = typeof source['targetRevision'] === 'string' ? source['targetRevision'] : '';
      const chart: ChartRef = { repoURL, name, version };
      const templated = [name, repoURL, version].some((v) => v.includes('{{')) || subject.unresolved.length > 0;
      if (templated) {
        unrenderable.push({ subject, sourceIndex, chart, reason: 'its chart or values come from ApplicationSet parameters this tree does not define' });
        return;
      }
      targets.push({ subject, sourceIndex, chart });
    });
  }
  return { targets, unrenderable };
}

/** Distinct chart references of the targets (the order of first use). */
export function chartRefsOf(targets: readonly Target[]): ChartRef[] {
  const seen = new Map<string, ChartRef>();
  for (const t of targets) {
    const key = JSON.stringify([t.chart.repoURL.replace(/\/+$/, ''), t.chart.name, t.chart.version]);
    if (!seen.has(key)) seen.set(key, t.chart);
  }
  return [...seen.values()];
}
