/** Finding an external binary (Helm, kubeconform) the way a shell would, minus its risks. */
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

/** The first executable `name` in a PATH directory (`.exe` too on Windows), or undefined. */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    // An empty or relative entry would mean "the current directory": never run a binary from the repo by accident.
    if (dir === '' || !path.isAbsolute(dir)) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if ((await isRegularFile(candidate)) && (await isExecutable(candidate))) return candidate;
    }
  }
  return undefined;
}

export async function isRegularFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isExecutable(p: string): Promise<boolean> {
  try {
    await access(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}
