import { GeneratorError, type Diagnostic } from '../model/diagnostics.js';
import { CLUSTER_FILE } from '../model/files.js';
import type { SourceDocument } from '../model/source.js';
import type { AppConfig } from '../model/config.js';
import { locate } from '../core/yaml-source.js';
import { readLockFile } from '../charts/lock-file.js';
import { appFilesOf, checkTemplateNames, listInputs } from './discover.js';
import { toAppConfig, toRootConfig } from './normalise.js';
import { parseYamlConfig, readConfigText } from './parse.js';
import { readInput } from './read-input.js';
import { unusedValueFolders } from './unused-values.js';
import type { LoadedConfig } from './types.js';

/**
 * Read `cluster.yaml`, `apps/**\/*.yaml` and every referenced template; validate each against its
 * schema. Collects all problems before failing so one run shows everything to fix.
 */
export async function loadConfig(root: string): Promise<LoadedConfig> {
  const diags: Diagnostic[] = [];
  const sources = new Map<string, SourceDocument>();
  const inputs: string[] = [];
  const ctx = await listInputs(root);
  checkTemplateNames(ctx, diags);
  const clusterText = readConfigText(ctx, CLUSTER_FILE, diags);
  const clusterRaw = clusterText === undefined ? undefined : parseYamlConfig(CLUSTER_FILE, clusterText, 'cluster', diags, sources);
  if (clusterRaw !== undefined) inputs.push(CLUSTER_FILE);

  const wanted = appFilesOf(ctx, diags);
  const texts = wanted.map((w) => readConfigText(ctx, w.file, diags));
  const apps: AppConfig[] = [];
  wanted.forEach(({ file, name }, i) => {
    const text = texts[i];
    if (text === undefined) return;
    const raw = parseYamlConfig(file, text, 'app', diags, sources);
    if (raw === undefined) return;
    inputs.push(file);
    apps.push(toAppConfig(ctx, name, file, raw, diags));
  });

  if (clusterRaw === undefined || diags.some((d) => d.severity === 'error')) throw new GeneratorError(sortByFile(locate(diags, sources)));
  const rootConfig = toRootConfig(clusterRaw, diags, sources.get(CLUSTER_FILE)!);
  // The render records shape the AppProjects, so the lock is an input of every run.
  const lock = await readLockFile(root);
  diags.push(...lock.diagnostics);
  if (diags.some((d) => d.severity === 'error')) throw new GeneratorError(locate(diags, sources));

  const templates = new Map<string, string>();
  const templateFiles = [...new Set(apps.flatMap((a) => [...(a.values ? [a.values] : []), ...a.resources]))];
  const read = templateFiles.map((t) => readInput(root, t, ctx.realRoot));
  templateFiles.forEach((t, i) => {
    const r = read[i]!;
    if (!r.ok) diags.push(r.diagnostic);
    else {
      templates.set(t, r.text);
      inputs.push(t);
    }
  });
  if (diags.some((d) => d.severity === 'error')) throw new GeneratorError(diags);
  diags.push(...unusedValueFolders(ctx.valueFiles, apps));
  return { root, rootConfig, apps, inputs: [...new Set(inputs)].sort(), templates, sources, diagnostics: diags, renders: lock.renders };
}

/** Diagnostics from concurrent reads arrive in completion order; report them in file order. */
function sortByFile(diags: Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0));
}
