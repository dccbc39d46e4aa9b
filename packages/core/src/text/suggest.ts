// "Did you mean ...?": the closest known name to a misspelt one, by edit distance.

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known name closest to `name` (case-insensitive), when close enough to be a typo: at most a third of
 * its length in edits (at least 1, at most 3), or a prefix of at least 3 characters. Ties: the first in
 * code-unit order.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  let best: { name: string; d: number } | undefined;
  for (const k of [...known].sort()) {
    const kl = k.toLowerCase();
    const d = lower.length >= 3 && kl.startsWith(lower) ? 1 : editDistance(lower, kl);
    if (d <= limit && (!best || d < best.d)) best = { name: k, d };
  }
  return best?.name;
}
