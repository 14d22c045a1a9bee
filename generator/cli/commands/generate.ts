import type { GenerateResult } from '../../pipeline.js';
import { getReporter } from '../../report/index.js';
import { inputKey, lookup } from '../../write/run-cache.js';
import { EXIT } from '../exit.js';
import { CHART_MIRROR_FLAG, FORMAT_FLAG, RENDER_FLAG, renderOptions, ROOT_FLAG, repoRoot } from '../flags.js';
import { failure, listed, reportPrinter, reportStyle } from '../print.js';
import { defineCommand } from '../types.js';

export const generateCommand = defineCommand({
  name: 'generate',
  summary: 'render manifests/ from cluster.yaml, apps/ and values/ (writes only changed files)',
  usage: '',
  help: `Loads, plans, renders and validates everything in memory first; on any error nothing is
written. A second run with nothing changed answers from the run cache and writes nothing.
With --render, every chart is rendered with Helm 4 first: what each renders is recorded in
charts.lock.yaml (the AppProjects are derived from it), the rules on rendered objects run, and
with render.hydrate: true the rendered objects are written to rendered/<cluster>/<app>/.`,
  flags: { root: ROOT_FLAG, format: FORMAT_FLAG, render: RENDER_FLAG, 'chart-mirror': CHART_MIRROR_FLAG },
  args: { min: 0, max: 0 },
  async run(ctx) {
    const { format } = ctx.flags;
    const root = repoRoot(ctx, 'generate');
    const render = await renderOptions(ctx.flags, 'generate');
    try {
      // A no-change run answers from the run cache without loading the pipeline at all.
      const cacheKey = render.render ? undefined : inputKey(root);
      const previous = cacheKey === undefined ? undefined : lookup(root, cacheKey);
      const r: GenerateResult = previous
        ? { written: [], deleted: [], unchanged: 0, diagnostics: previous, cached: true }
        : await (await import('../../pipeline.js')).generate(root, { progress: ctx.progress, ...render, ...(cacheKey ? { cacheKey } : {}) });
      ctx.progress.clear();
      const notes = [
        ...(r.notes ?? []),
        r.cached
          ? 'generate: nothing changed since the last run (inputs, generator and manifests/ as they were); 0 file(s) written'
          : `generate: ${r.written.length} file(s) written, ${r.deleted.length} stale file(s) deleted, ${r.unchanged} unchanged`,
        ...listed('wrote', r.written),
        ...listed('deleted', r.deleted),
      ];
      if (format === 'text') {
        // Warnings go to stderr one by one (no summary line); the result goes to stdout.
        for (const d of r.diagnostics) ctx.io.err.write(getReporter('text').format({ diagnostics: [d] }, reportStyle(ctx.colors.err)));
        ctx.io.out.write(notes.join('\n') + '\n');
      } else reportPrinter(ctx, format)(r.diagnostics, notes);
      return EXIT.OK;
    } catch (e) {
      return failure(e, ctx, format, 'generate', 'nothing was written');
    }
  },
});
