import type { Diagnostic } from '../model/diagnostics.js';
import type { AppConfig } from '../model/config.js';
import { VALUES_DIR } from '../model/files.js';
import { closest } from '../core/suggest.js';

/**
 * A folder under values/ that no app is named after and no app reads a file from is never used:
 * a typo of an app name, or left behind after an app was deleted. Warn, naming the nearest app.
 */
export function unusedValueFolders(valueFiles: readonly string[], apps: readonly AppConfig[]): Diagnostic[] {
  const names = new Set(apps.map((a) => a.name));
  const read = new Set<string>();
  for (const a of apps) for (const f of [...(a.values ? [a.values] : []), ...a.resources]) read.add(folderOf(f));
  const folders = [...new Set(valueFiles.map(folderOf).filter((f) => f !== ''))].sort();
  const out: Diagnostic[] = [];
  for (const folder of folders) {
    if (names.has(folder) || read.has(folder)) continue;
    const guess = closest(folder, names);
    out.push({
      severity: 'warning',
      code: 'config/unused-values-folder',
      file: `${VALUES_DIR}/${folder}/`,
      message: `${VALUES_DIR}/${folder}/ belongs to no app (there is no apps/${folder}.yaml) and no app reads a file in it${guess ? `; did you mean '${guess}'?` : ''}`,
      hint: guess
        ? `rename it to ${VALUES_DIR}/${guess}/, add apps/${folder}.yaml, or delete it`
        : `add apps/${folder}.yaml, point an app's values: or resources: at it, or delete it`,
    });
  }
  return out;
}

/** The first folder under values/ of a repository path, '' for a file directly in values/. */
function folderOf(file: string): string {
  const parts = file.split('/');
  return parts[0] === VALUES_DIR && parts.length > 2 ? parts[1]! : '';
}
