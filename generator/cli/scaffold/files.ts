import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A file the scaffolding commands create, by path relative to the target folder. */
export interface NewFile {
  path: string;
  content: string;
}

/** Every file under `dir/rel` (a file or a folder), sorted, as paths relative to `dir`. */
export function readTree(dir: string, rel: string): NewFile[] {
  const abs = path.join(dir, rel);
  if (!existsSync(abs)) return [];
  const out: NewFile[] = [];
  const walk = (r: string) => {
    const a = path.join(dir, r);
    const entries = readdirSync(a, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1));
    for (const e of entries) {
      const child = `${r}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push({ path: child, content: readFileSync(path.join(dir, child), 'utf8') });
    }
  };
  if (statSync(abs).isDirectory()) walk(rel);
  else out.push({ path: rel, content: readFileSync(abs, 'utf8') });
  return out;
}

/**
 * Create the files, never replacing one: each is opened with O_EXCL, so a file that exists (or
 * appears meanwhile) is kept as it is and listed in `kept`.
 */
export function writeNewFiles(root: string, files: readonly NewFile[]): { written: string[]; kept: string[] } {
  const written: string[] = [];
  const kept: string[] = [];
  for (const f of files) {
    const abs = path.join(root, f.path);
    mkdirSync(path.dirname(abs), { recursive: true });
    try {
      writeFileSync(abs, f.content, { flag: 'wx' });
      written.push(f.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      kept.push(f.path);
    }
  }
  return { written, kept };
}
