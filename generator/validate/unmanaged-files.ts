import type { Diagnostic } from '../model/diagnostics.js';
import { isGeneratedText, VALUES_DIR } from '../model/files.js';
import type { OutputFile } from '../model/output.js';
import type { RenderResult } from '../render/types.js';
import { argoAppsOf, pickedByDirectorySources } from '../lint/argocd-apps.js';
import { asObject, describeApp, type ArgoApp, type TreeObject } from '../lint/tree-model.js';

/**
 * Files under manifests/ the generator did not write (no generated header, not a path the fresh
 * render gives). Argo CD applies whatever a directory source picks, header or not, so such a file
 * is an error where one of the generated Applications picks it up, and a warning elsewhere (it
 * does nothing yet, but is one include glob away from being applied).
 */
export function unmanagedFiles(onDisk: readonly OutputFile[], fresh: readonly OutputFile[], rendered: RenderResult, repoURL: string): Diagnostic[] {
  const ours = new Set(fresh.map((f) => f.path));
  const foreign = onDisk.filter((f) => !ours.has(f.path) && !isGeneratedText(f.content)).map((f) => f.path).sort();
  if (foreign.length === 0) return [];
  const pickedBy = new Map<string, ArgoApp[]>();
  for (const a of generatedApps(rendered)) {
    for (const file of pickedByDirectorySources(a, foreign, repoURL, (f) => f)) pickedBy.set(file, [...(pickedBy.get(file) ?? []), a]);
  }
  return foreign.map((file): Diagnostic => {
    const apps = pickedBy.get(file);
    if (!apps) {
      return {
        severity: 'warning',
        code: 'check/unmanaged-file',
        file,
        message: 'was not written by the generator (no generated header); no Application applies it today, but a directory source that grows to include it would',
        hint: 'keep only generated files in manifests/: move it into the config (an app\'s resources template), or delete it',
      };
    }
    const names = apps.map(describeApp).join(', ');
    return {
      severity: 'error',
      code: 'check/unmanaged-file',
      file,
      message: `was not written by the generator (no generated header), yet ${names} applies it (${sourceOf(apps[0]!)}); it would reach the cluster without any of the generator's checks`,
      hint: `move it into the config as a resources template (${templateFor(apps, file)}, listed in the app's \`resources:\`) and run \`npm run generate\`, or delete it`,
    };
  });
}

/** The Applications of the fresh render (Application objects and ApplicationSet elements). */
function generatedApps(rendered: RenderResult): ArgoApp[] {
  const objects: TreeObject[] = [];
  for (const f of rendered.files) {
    (f.documents ?? []).forEach((data, i) => {
      const o = data === null || data === undefined ? undefined : asObject({ file: f.path, index: i + 1, data });
      if (o && o.group === 'argoproj.io') objects.push(o);
    });
  }
  return argoAppsOf(objects);
}

function sourceOf(a: ArgoApp): string {
  const dirs = a.sources.map((s) => s.source).filter((s) => typeof s['path'] === 'string' && s['chart'] === undefined);
  const described = dirs.map((s) => {
    const d = (s['directory'] ?? {}) as Record<string, unknown>;
    const include = typeof d['include'] === 'string' ? ` include ${d['include']}` : '';
    return `directory source ${String(s['path'])}${d['recurse'] === true ? ' (recurse)' : ''}${include}`;
  });
  return described.join('; ');
}

/** Where the file would live as a template of the app that applies it (any app's, for the root app). */
function templateFor(apps: ArgoApp[], file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.(yml|json)$/, '.yaml');
  const app = apps.find((a) => a.app !== undefined)?.app;
  return app ? `${VALUES_DIR}/${app}/resources/${base}` : `${VALUES_DIR}/<app>/resources/${base}`;
}
