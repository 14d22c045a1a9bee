import { statSync } from 'node:fs';

/**
 * Why `root` cannot be a repository root (it does not exist, or is not a directory), or undefined
 * when it can. A usage error, found before anything reads or locks the root.
 */
export function rootProblem(root: string, given: string | undefined): string | undefined {
  const shown = given === undefined ? root : `${given}${given === root ? '' : ` (${root})`}`;
  let st;
  try {
    st = statSync(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `--root ${shown} does not exist; give the folder that holds cluster.yaml, apps/ and values/`;
    return `--root ${shown} cannot be read: ${(e as Error).message}`;
  }
  return st.isDirectory() ? undefined : `--root ${shown} is not a directory; give the folder that holds cluster.yaml, apps/ and values/`;
}
