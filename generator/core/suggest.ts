/**
 * Edit distance with adjacent transpositions (optimal string alignment): the usual typo
 * operations, so `bsae` is one edit from `base`. Inputs are short keys.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const al = a.length;
  const bl = b.length;
  if (al === 0) return bl;
  if (bl === 0) return al;
  // Rows i-2, i-1 and i of the dynamic-programming table.
  let prev2 = new Array<number>(bl + 1).fill(0);
  let prev = Array.from({ length: bl + 1 }, (_, j) => j);
  let cur = new Array<number>(bl + 1).fill(0);
  for (let i = 1; i <= al; i++) {
    cur[0] = i;
    for (let j = 1; j <= bl; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[bl]!;
}

/** How many edits a suggestion may be away from the word it is offered for. */
export type EditBudget = (word: string, suggestion: string) => number;

/** Names and config keys: up to a third of the longer word, at least one edit. */
export const NAME_TYPOS: EditBudget = (word, suggestion) => Math.max(1, Math.floor(Math.max(word.length, suggestion.length) / 3));

/**
 * Chart value keys, where a suggestion also turns an undocumented key into an error: no edit for
 * keys of up to three letters (`uid` is not a typo of `gid`), one up to five, two beyond.
 */
export const KEY_TYPOS: EditBudget = (word) => (word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2);

/**
 * The candidate a misspelt word most probably meant, or undefined when nothing is close enough.
 * Case does not count (`externalCa` -> `externalCA`); of equally close candidates the first in
 * sort order wins, so the answer never depends on the candidates' order.
 */
export function closest(word: string, candidates: Iterable<string>, budget: EditBudget = NAME_TYPOS): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lw = word.toLowerCase();
  for (const c of candidates) {
    const score = editDistance(lw, c.toLowerCase());
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  return bestScore <= budget(word, best) ? best : undefined;
}
