import path from 'node:path';
import { closest } from '../../core/suggest.js';
import { UsageError } from '../args.js';
import { EXIT } from '../exit.js';
import { explainApp } from '../explain/describe.js';
import { ROOT_FLAG, repoRoot } from '../flags.js';
import { failure } from '../print.js';
import { defineCommand } from '../types.js';

export const explainCommand = defineCommand({
  name: 'explain',
  summary: 'why an app has its sync wave, and what each file generated for it does, per cluster',
  usage: '<app>',
  help: `Renders the config in memory (writes nothing) and prints, for one app: the dependency chain
that gives it its wave, then per cluster its Application, values file, extra manifests and project.`,
  flags: { root: ROOT_FLAG },
  args: { min: 1, max: 1 },
  async run(ctx) {
    const name = ctx.args[0]!;
    const root = repoRoot(ctx, 'explain');
    try {
      const tree = await (await import('../../pipeline.js')).buildTree(root, { progress: ctx.progress });
      ctx.progress.clear();
      const planned = tree.plan.apps.find((p) => p.app.name === name);
      if (!planned) {
        const guess = closest(name, tree.plan.apps.map((p) => p.app.name));
        throw new UsageError(`no app '${name}' in ${path.relative(ctx.cwd, root) || '.'}/apps${guess ? `; did you mean '${guess}'?` : ''}`, 'explain');
      }
      ctx.io.out.write(explainApp(tree, planned));
      return EXIT.OK;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      return failure(e, ctx, 'text', 'explain', 'fix the errors above');
    }
  },
});
