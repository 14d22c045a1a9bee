import type { Diagnostic } from '../../model/diagnostics.js';
import { at, finding } from '../blame.js';
import { describeApp, list, normalisePath, obj, refValueFile, sameRepo, str, treeOf } from '../tree.js';
import type { LintRule } from '../types.js';

/**
 * A `$values/...` file or directory `path` that is not in the tree makes Argo CD fail the render
 * (or, with ignoreMissingValueFiles, silently drop the values). Checked per generated Application,
 * so every element of an ApplicationSet has its templated paths resolved.
 */
export const sourcePath: LintRule = {
  id: 'source-path',
  scope: 'tree',
  severity: 'error',
  title: 'an Application source points at a `$values` file or directory that is not in the tree',
  hint: 'run `npm run generate` and commit manifests/; paths in Applications are relative to the repository root',
  docs: 'lint-rules.md#source-path',
  check(ctx) {
    const t = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const a of t.apps) {
      if (a.unresolved.length) {
        out.push(
          finding(
            this,
            at(ctx, a.object, '/spec/template'),
            `${describeApp(a)}: the template uses ${a.unresolved.map((f) => `{{.${f}}}`).join(', ')}, which the list element does not define (missingkey=error fails the whole set)`,
            'add the field to every list element, or remove it from the template',
          ),
        );
        continue;
      }
      for (const { source, pointer } of a.sources) {
        const p = str(source['path']);
        if (p !== undefined && source['chart'] === undefined && sameRepo(source['repoURL'], t.repoURL) && !p.includes('{{')) {
          const dir = normalisePath(p);
          if (dir !== '' && !t.dirs.has(dir)) {
            out.push(finding(this, at(ctx, a.object, `${pointer}/path`), `${describeApp(a)} deploys directory ${dir}, which has no files in the tree`));
          }
        }
        list(obj(source['helm'])['valueFiles']).forEach((vf, i) => {
          if (typeof vf !== 'string' || vf.includes('{{')) return;
          const r = refValueFile(a, vf, t.repoURL);
          if (!r) return;
          // Positions cost a parse of the file: compute them only for a finding.
          const where = () => at(ctx, a.object, `${pointer}/helm/valueFiles/${i}`);
          if (!r.refSource) {
            out.push(finding(this, where(), `${describeApp(a)} reads ${vf}, but no source has ref: ${r.ref}`, `add a git source with \`ref: ${r.ref}\` or fix the prefix`));
          } else if (r.ours && (r.path === undefined || !t.paths.has(r.path))) {
            out.push(finding(this, where(), `${describeApp(a)} reads values file ${r.path ?? vf}, which is not in the tree`));
          }
        });
      }
    }
    return out;
  },
};
