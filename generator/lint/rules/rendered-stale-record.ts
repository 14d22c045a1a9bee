import type { Diagnostic } from '../../model/diagnostics.js';
import { CHARTS_LOCK_FILE } from '../../model/files.js';
import { recordKey, sameRecord, type RenderRecord } from '../../model/renders.js';
import { encodePointer } from '../../model/source.js';
import { atChart, renderedTree } from '../rendered.js';
import { treeOf } from '../tree.js';
import type { LintRule } from '../types.js';
import { finding } from '../blame.js';

const COMMAND = '`gitops-generator generate --render`';

/**
 * The render records of charts.lock.yaml are what a plain `generate` builds AppProjects from; one
 * that no longer matches what the chart renders (another version, other values, new kinds or
 * namespaces) gives a project that permits too much or too little.
 */
export const renderedStaleRecord: LintRule = {
  id: 'rendered/stale-record',
  scope: 'tree',
  severity: 'error',
  title: "an app's render record in charts.lock.yaml is missing or no longer matches what its chart renders",
  hint: `run ${COMMAND} and commit charts.lock.yaml and manifests/`,
  docs: 'lint-rules.md#rules-on-rendered-objects',
  check(ctx) {
    const render = renderedTree(ctx);
    if (!render) return [];
    const out: Diagnostic[] = [];
    const atRecord = (key: string) => ({ file: CHARTS_LOCK_FILE, pointer: encodePointer(['renders', key]), ...(render.recordPositions.get(key) ?? {}) });
    for (const [key, fact] of render.facts) {
      const recorded = render.records.get(key);
      const h = render.apps.find((a) => a.key === key)!;
      if (!recorded) {
        out.push(finding(this, atChart(ctx, h.app, h.sourceIndex), `${CHARTS_LOCK_FILE} has no render record for ${key} (chart ${fact.chart} ${fact.version}), so a plain generate cannot derive its AppProject from what the chart renders`));
      } else if (!sameRecord(recorded, fact)) {
        out.push(finding(this, atRecord(key), `the render record for ${key} is stale: ${differences(recorded, fact).join('; ')}`));
      }
    }
    // Records of apps the tree no longer has (skipped and failed apps keep theirs).
    const keys = new Set(treeOf(ctx).apps.filter((a) => a.app !== undefined && a.cluster !== undefined && a.chart !== undefined).map((a) => recordKey(a.cluster!, a.app!)));
    for (const key of render.records.keys()) {
      if (!keys.has(key)) out.push(finding(this, atRecord(key), `the render record for ${key} belongs to no app of the tree with a chart`));
    }
    return out;
  },
};

function differences(was: RenderRecord, now: RenderRecord): string[] {
  const out: string[] = [];
  if (was.repoURL !== now.repoURL || was.chart !== now.chart || was.version !== now.version) out.push(`recorded for chart ${was.chart} ${was.version} (${was.repoURL}), the tree deploys ${now.chart} ${now.version} (${now.repoURL})`);
  if (was.valuesDigest !== now.valuesDigest) out.push('recorded for other values (the values, release name, namespace or Kubernetes version changed)');
  const kinds = (r: RenderRecord) => r.clusterResources.map((k) => `${k.group === '' ? 'core' : k.group}/${k.kind}`);
  const added = kinds(now).filter((k) => !kinds(was).includes(k));
  const gone = kinds(was).filter((k) => !kinds(now).includes(k));
  if (added.length) out.push(`the chart now renders cluster-scoped ${added.join(', ')}`);
  if (gone.length) out.push(`the chart no longer renders ${gone.join(', ')}`);
  const nsAdded = now.namespaces.filter((n) => !was.namespaces.includes(n));
  const nsGone = was.namespaces.filter((n) => !now.namespaces.includes(n));
  if (nsAdded.length) out.push(`the chart now renders into namespace(s) ${nsAdded.join(', ')}`);
  if (nsGone.length) out.push(`the chart no longer renders into ${nsGone.join(', ')}`);
  return out;
}
