import { Minimatch } from 'minimatch';

/**
 * Shell-style globs for Argo CD `directory.include` / `exclude` and argocd-cm customization keys:
 * `*` and `?` stay within one path segment, `**` crosses segments, `{a,b}` is an alternation and
 * `[...]` a character class. Compiled once per pattern: rules match every file of the tree.
 */
const compiled = new Map<string, Minimatch>();

export function globMatch(pattern: string, text: string): boolean {
  let m = compiled.get(pattern);
  if (!m) {
    m = new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true });
    compiled.set(pattern, m);
  }
  return m.match(text);
}
