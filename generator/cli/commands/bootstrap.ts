import path from 'node:path';
import { closest } from '../../core/suggest.js';
import { UsageError } from '../args.js';
import { EXIT } from '../exit.js';
import { ROOT_FLAG, repoRoot } from '../flags.js';
import { failure } from '../print.js';
import { defineCommand } from '../types.js';

export const bootstrapCommand = defineCommand({
  name: 'bootstrap',
  summary: 'print the commands that take a bare cluster to the whole platform (inputs, Argo CD, root app)',
  usage: '',
  help: `Renders the config in memory (writes nothing) and prints, as a shell script, what one cluster
needs once: the declared inputs (cluster.yaml settings.inputs: the Secrets nothing in the tree can
produce, with placeholders for what only you know), helm install of Argo CD from the chart and
values file of its own Application (which then adopts the release), and the root app-of-apps.
Everything else arrives by sync, wave by wave. manifests/README.md shows the same per cluster.`,
  flags: {
    root: ROOT_FLAG,
    cluster: { type: 'string', values: ['<name>'], description: 'the cluster to bootstrap (may be left out when there is one)' },
  },
  args: { min: 0, max: 0 },
  async run(ctx) {
    const root = repoRoot(ctx, 'bootstrap');
    try {
      const [pipeline, { bootstrapScript }] = await Promise.all([import('../../pipeline.js'), import('../../render/bootstrap-steps.js')]);
      const tree = await pipeline.buildTree(root, { progress: ctx.progress });
      ctx.progress.clear();
      const names = tree.plan.clusters.map((c) => c.name);
      const name = ctx.flags.cluster ?? (names.length === 1 ? names[0]! : undefined);
      if (name === undefined) throw new UsageError(`bootstrap: give --cluster <name>; the config has ${names.join(', ')}`, 'bootstrap');
      if (!names.includes(name)) {
        const guess = closest(name, names);
        throw new UsageError(`no cluster '${name}' in ${path.relative(ctx.cwd, root) || '.'}/cluster.yaml${guess ? `; did you mean '${guess}'?` : ''} (clusters: ${names.join(', ')})`, 'bootstrap');
      }
      ctx.io.out.write(bootstrapScript(tree.plan, tree.rendered.instances, name));
      return EXIT.OK;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      return failure(e, ctx, 'text', 'bootstrap', 'fix the errors above');
    }
  },
});
