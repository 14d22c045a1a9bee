/**
 * The items of a list sorted by `key` whose key starts with `prefix`, found by binary search: with
 * thousands of apps each looking up its own folder, a scan per lookup would make the run quadratic.
 */
export function withPrefix<T>(sorted: readonly T[], prefix: string, key: (item: T) => string): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(sorted[mid]!) < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && key(sorted[end]!).startsWith(prefix)) end++;
  return sorted.slice(lo, end);
}
