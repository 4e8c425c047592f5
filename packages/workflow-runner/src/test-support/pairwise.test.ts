import { describe, expect, it } from 'vitest';
import { pairwise } from './pairwise.js';

describe('pairwise', () => {
  it('covers every pair of values of any two factors', () => {
    const factors = { a: ['1', '2', '3'], b: ['x', 'y'], c: ['p', 'q', 'r', 's'] } as const;
    const rows = pairwise(factors);
    for (const [f, g] of [['a', 'b'], ['a', 'c'], ['b', 'c']] as const) {
      for (const vf of factors[f]) for (const vg of factors[g]) expect(rows.some((row) => row[f] === vf && row[g] === vg), `${f}=${vf} ${g}=${vg}`).toBe(true);
    }
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.length).toBeLessThan(3 * 2 * 4);
  });
});
