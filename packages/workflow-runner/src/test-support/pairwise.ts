/**
 * A small covering array: rows that hold every pair of values of any two factors at least
 * once. Greedy (the AETG idea): each new row is the full-product candidate covering the
 * most pairs not yet covered; ties go to the earliest candidate, so the result is the
 * same on every run.
 */
export function pairwise<T extends Record<string, readonly string[]>>(factors: T): { [K in keyof T]: T[K][number] }[] {
  const names = Object.keys(factors) as (keyof T & string)[];
  const product = cartesian(names.map((name) => factors[name]!.length));
  const key = (a: number, va: number, b: number, vb: number) => `${a}:${va}|${b}:${vb}`;
  const uncovered = new Set<string>();
  for (let a = 0; a < names.length; a++) {
    for (let b = a + 1; b < names.length; b++) {
      for (let va = 0; va < factors[names[a]!]!.length; va++) for (let vb = 0; vb < factors[names[b]!]!.length; vb++) uncovered.add(key(a, va, b, vb));
    }
  }
  const pairsOf = (row: number[]) => row.flatMap((va, a) => row.slice(a + 1).map((vb, i) => key(a, va, a + 1 + i, vb)));
  const rows: number[][] = [];
  while (uncovered.size > 0) {
    let best = product[0]!;
    let bestGain = -1;
    for (const candidate of product) {
      const gain = pairsOf(candidate).filter((pair) => uncovered.has(pair)).length;
      if (gain > bestGain) [best, bestGain] = [candidate, gain];
    }
    for (const pair of pairsOf(best)) uncovered.delete(pair);
    rows.push(best);
  }
  return rows.map((row) => Object.fromEntries(row.map((value, i) => [names[i]!, factors[names[i]!]![value]!])) as { [K in keyof T]: T[K][number] });
}

function cartesian(sizes: number[]): number[][] {
  return sizes.reduce<number[][]>((rows, size) => rows.flatMap((row) => Array.from({ length: size }, (_, value) => [...row, value])), [[]]);
}
