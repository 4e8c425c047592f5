/**
 * Names within a small edit distance of what was typed, closest first: the "did you mean"
 * of git and npm. Transposed letters count as one edit (`lnit` → `lint`).
 */
export function closestNames(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = typed.toLowerCase();
  const allowed = Math.max(2, Math.floor(wanted.length / 4));
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance <= allowed) scored.push({ name, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}

/** " (did you mean lint?)" or "" when nothing is close. */
export function didYouMean(typed: string, candidates: Iterable<string>): string {
  const names = closestNames(typed, candidates);
  if (names.length === 0) return '';
  return ` (did you mean ${names.length === 1 ? names[0] : `one of ${names.join(', ')}`}?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
