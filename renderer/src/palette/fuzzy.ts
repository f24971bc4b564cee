/** Where a query matched inside a label, and how well (higher is better). */
export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters, for highlighting. */
  positions: number[];
}

const WORD_SEPARATORS = new Set([' ', ':', '.', '/', '-', '_', '(', ')']);

/**
 * A subsequence match in the spirit of VS Code's quick open: every query
 * character must appear in order; matches at word starts and runs of adjacent
 * characters score higher, so `tt` ranks "Toggle theme" above "Toggle the bottom panel".
 * Spaces in the query are ignored; case is not significant.
 */
export function fuzzyMatch(query: string, label: string): FuzzyMatch | null {
  const needle = query.toLowerCase().replace(/\s+/g, '');
  if (needle.length === 0) return { score: 0, positions: [] };
  const haystack = label.toLowerCase();
  // Best score per (query index, label index) by dynamic programming over the label.
  const n = needle.length;
  const m = haystack.length;
  if (n > m) return null;
  const NONE = -Infinity;
  const score: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(NONE));
  const from: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(-1));
  for (let i = 0; i < n; i++) {
    let bestBefore = NONE;
    let bestBeforeAt = -1;
    for (let j = i; j < m; j++) {
      // Best previous match strictly left of j (for a gap).
      if (i > 0 && j - 1 >= 0 && score[i - 1]![j - 1]! > bestBefore) {
        bestBefore = score[i - 1]![j - 1]!;
        bestBeforeAt = j - 1;
      }
      if (haystack[j] !== needle[i]) continue;
      const bonus = charBonus(label, j);
      if (i === 0) {
        // Earlier first matches are slightly better.
        score[i]![j] = bonus - j * 0.01;
        continue;
      }
      const adjacent = score[i - 1]![j - 1] ?? NONE;
      const viaAdjacent = adjacent === NONE ? NONE : adjacent + bonus + 5;
      const viaGap = bestBefore === NONE ? NONE : bestBefore + bonus - 1;
      if (viaAdjacent >= viaGap && viaAdjacent !== NONE) {
        score[i]![j] = viaAdjacent;
        from[i]![j] = j - 1;
      } else if (viaGap !== NONE) {
        score[i]![j] = viaGap;
        from[i]![j] = bestBeforeAt;
      }
    }
  }
  let best = NONE;
  let end = -1;
  for (let j = 0; j < m; j++) {
    if (score[n - 1]![j]! > best) {
      best = score[n - 1]![j]!;
      end = j;
    }
  }
  if (end < 0) return null;
  const positions: number[] = [];
  for (let i = n - 1, j = end; i >= 0; i--) {
    positions.unshift(j);
    j = from[i]![j]!;
  }
  // Shorter labels win ties: "Save" before "Save all" for `save`.
  return { score: best - m * 0.001, positions };
}

function charBonus(label: string, index: number): number {
  if (index === 0) return 8;
  const before = label[index - 1]!;
  if (WORD_SEPARATORS.has(before)) return 7;
  const char = label[index]!;
  // camelCase boundary.
  if (char !== char.toLowerCase() && before === before.toLowerCase()) return 5;
  return 1;
}

/** Filters and orders items by how well `query` matches their label (stable for equal scores). */
export function fuzzyFilter<T>(items: readonly T[], query: string, labelOf: (item: T) => string): Array<{ item: T; match: FuzzyMatch }> {
  const matched: Array<{ item: T; match: FuzzyMatch; index: number }> = [];
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, labelOf(item));
    if (match) matched.push({ item, match, index });
  });
  if (query.trim().length > 0) matched.sort((a, b) => b.match.score - a.match.score || a.index - b.index);
  return matched.map(({ item, match }) => ({ item, match }));
}
