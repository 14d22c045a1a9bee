import { EXIT } from '../exit.js';
import { CHART_MIRROR_FLAG, FORMAT_FLAG, RENDER_FLAG, renderOptions, ROOT_FLAG, repoRoot } from '../flags.js';
import { failure, reportPrinter } from '../print.js';
import { defineCommand } from '../types.js';

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'validate the config, render afresh and compare with manifests/ (writes nothing)',
  usage: '',
  help: `What CI runs: config errors, drift between manifests/ and a fresh render, the strict schema
check of every object (and kubeconform when it is on PATH or named by $KUBECONFORM), lint rules.
With --render, every chart of the committed tree is also rendered with Helm 4 as Argo CD's
repo-server renders it, and the rules on rendered objects run (project permits, convergence,
hooks, render records); rendered/ is compared when the config hydrates.`,
  flags: { root: ROOT_FLAG, format: FORMAT_FLAG, render: RENDER_FLAG, 'chart-mirror': CHART_MIRROR_FLAG },
  args: { min: 0, max: 0 },
  async run(ctx) {
    const { format } = ctx.flags;
    const root = repoRoot(ctx, 'check');
    const print = reportPrinter(ctx, format);
    const render = await renderOptions(ctx.flags, 'check');
    try {
      const r = await (await import('../../pipeline.js')).check(root, { progress: ctx.progress, ...render });
      // A warning (e.g. an unmanaged file no Application applies) is not drift.
      const drift = r.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('check/'));
      const errors = r.diagnostics.some((d) => d.severity === 'error');
      print(r.diagnostics, [...r.notes, ...(errors ? [] : [`check: ${r.tree?.files.length ?? 0} files up to date and valid${render.render ? ', every chart rendered and its objects checked' : ''}`])]);
      return drift ? EXIT.DRIFT : errors ? EXIT.INVALID : EXIT.OK;
    } catch (e) {
      return failure(e, ctx, format, 'check', 'fix the errors above');
    }
  },
});
