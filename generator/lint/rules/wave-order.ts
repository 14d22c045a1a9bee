import type { Diagnostic } from '../../model/diagnostics.js';
import { at, finding } from '../blame.js';
import { describeApp, planInstance, treeOf, wavePointer } from '../tree.js';
import type { LintRule } from '../types.js';

/**
 * Argo CD orders Applications only by their sync-wave annotations; `dependsOn` lives in config.
 * The waves are read from the emitted objects, so a hand-edited annotation is caught as well as a
 * generator bug.
 */
export const waveOrder: LintRule = {
  id: 'wave-order',
  scope: 'tree',
  severity: 'error',
  title: "an Application's sync wave is not above the waves of the apps it depends on",
  hint: 'run `npm run generate` (waves are computed from dependsOn); do not edit argocd.argoproj.io/sync-wave by hand',
  docs: 'lint-rules.md#wave-order',
  check(ctx) {
    const t = treeOf(ctx);
    const out: Diagnostic[] = [];
    const seenBad = new Set<string>();
    for (const a of t.apps) {
      if (a.badWave !== undefined && !seenBad.has(`${a.object.file}#${a.object.index}`)) {
        seenBad.add(`${a.object.file}#${a.object.index}`);
        out.push(finding(this, at(ctx, a.object, wavePointer()), `${describeApp(a)} has sync-wave "${a.badWave}", which is not an integer`));
      }
      const inst = planInstance(ctx, a.app, a.cluster);
      if (!inst) continue;
      for (const dep of inst.deps) {
        const d = t.apps.find((x) => x.app === dep && x.cluster === a.cluster);
        if (!d) {
          out.push(
            finding(this, at(ctx, a.object, wavePointer()), `${describeApp(a)} depends on '${dep}', but the tree has no Application for '${dep}' on cluster ${a.cluster}`, 'run `npm run generate` and commit manifests/'),
          );
        } else if (a.wave <= d.wave) {
          out.push(
            finding(
              this,
              at(ctx, a.object, wavePointer()),
              `${describeApp(a)} is in sync wave ${a.wave} but depends on '${dep}' (${describeApp(d)}, wave ${d.wave}); Argo CD would not wait for '${dep}' to be healthy first`,
            ),
          );
        }
      }
    }
    return out;
  },
};
