/**
 * Repository paths as Argo CD joins them (a source `path`, a `$values/...` file): no `./`, no
 * leading or trailing `/`, `..` folded. Both the lint tree model and hydrate's value files read
 * paths this way, so they must agree.
 */
export function normalisePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
