import { EXIT } from '../exit.js';
import { UsageError } from '../args.js';
import { CHART_MIRROR_FLAG, FORMAT_FLAG, ROOT_FLAG, repoRoot } from '../flags.js';
import { failure, reportPrinter } from '../print.js';
import { defineCommand } from '../types.js';

const ACTIONS = ['pull', 'list'] as const;

export const chartsCommand = defineCommand({
  name: 'charts',
  summary: 'pull: fetch every chart the tree deploys into the cache and pin it in charts.lock.yaml; list: show each and its cached state',
  usage: '<pull|list>',
  help: `charts pull runs \`helm pull\` for every (repoURL, chart, version) of the tree's Applications
and ApplicationSets into the cache (outside manifests/, git-ignored) and records each archive's
sha256 in charts.lock.yaml; an archive whose digest differs from the lock is an error. charts list
reads the cache only. Repositories may be sent to a mirror with --chart-mirror or cluster.yaml
charts.mirrors (air-gapped use).`,
  flags: {
    root: ROOT_FLAG,
    format: FORMAT_FLAG,
    'chart-mirror': CHART_MIRROR_FLAG,
    offline: { type: 'boolean', description: 'charts pull: use only the cache, download nothing' },
  },
  args: { min: 1, max: 1 },
  async run(ctx) {
    const { format } = ctx.flags;
    const action = ctx.args[0]!;
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`charts: unknown action '${action}' (valid: ${ACTIONS.join(', ')})`, 'charts');
    if (action === 'list' && (ctx.flags.offline || ctx.flags['chart-mirror'].length > 0)) {
      throw new UsageError('charts list reads the cache only; --offline and --chart-mirror are for charts pull', 'charts');
    }
    const root = repoRoot(ctx, 'charts');
    const print = reportPrinter(ctx, format);
    try {
      const pipeline = await import('../../pipeline.js');
      const r = action === 'pull' ? await pipeline.chartsPull(root, { offline: ctx.flags.offline, mirrorFlags: ctx.flags['chart-mirror'] }) : await pipeline.chartsList(root);
      const helmNote = 'helm' in r && r.helm ? [`helm ${r.helm.version} (${r.helm.binary}, found via ${r.helm.via})`] : [];
      print(r.diagnostics, [...helmNote, ...r.lines, ...(r.charts.length === 0 ? ['the tree deploys no Helm chart'] : [])]);
      return r.diagnostics.some((d) => d.severity === 'error') ? EXIT.INVALID : EXIT.OK;
    } catch (e) {
      return failure(e, ctx, format, `charts ${action}`, 'fix the errors above');
    }
  },
});
