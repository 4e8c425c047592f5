import { describe, expect, it } from 'vitest';
import { GITHUB_WRITE_BUDGET, parseWriteBudget, WriteBudget } from './write-budget.js';

describe('parseWriteBudget', () => {
  it("reads GitHub's default and GHES-style budgets", () => {
    expect(parseWriteBudget('80/min,500/h')).toEqual(GITHUB_WRITE_BUDGET);
    expect(parseWriteBudget('10/s, 2000/hour, 100/5min')).toEqual([{ count: 10, seconds: 1 }, { count: 2000, seconds: 3600 }, { count: 100, seconds: 300 }]);
  });

  it('names the part it cannot read', () => {
    expect(() => parseWriteBudget('80/min,lots')).toThrow('--write-budget "lots" is not COUNT/UNIT (e.g. 80/min,500/h; units s, min, h)');
    expect(() => parseWriteBudget('80/day')).toThrow(/"80\/day"/);
    expect(() => parseWriteBudget('0/min')).toThrow(/"0\/min"/);
    expect(() => parseWriteBudget(' , ')).toThrow('--write-budget is empty');
  });
});

describe('WriteBudget', () => {
  function clocked(windows = GITHUB_WRITE_BUDGET) {
    let now = 0;
    const budget = new WriteBudget(windows, { now: () => now });
    return { budget, advance: (s: number) => (now += s * 1000), at: () => now };
  }

  it('lets 80 writes through in a minute, then waits for the oldest to leave the window', async () => {
    const { budget, advance } = clocked();
    for (let i = 0; i < 80; i++) {
      expect(budget.delayMs()).toBe(0);
      (await budget.take())();
      advance(0.5);
    }
    // 80 writes over 40 s: the 81st waits until the first is 60 s old.
    expect(budget.delayMs()).toBe(20_000 + 1);
  });

  it('after 500 writes waits for the hour to slide, however long ago the last minute was', async () => {
    const { budget, advance } = clocked();
    for (let i = 0; i < 500; i++) {
      (await budget.take())();
      advance(1);
    }
    // The first write was 500 s ago: the 501st may go when it is 3,600 s old.
    expect(budget.delayMs()).toBe((3600 - 500) * 1000 + 1);
    expect(budget.usedWithin(3600)).toBe(500);
  });

  it('keeps the points budget (900 per minute, 5 per write) when a GHES budget is looser', () => {
    const budget = new WriteBudget([{ count: 1000, seconds: 3600 }]);
    expect(budget.windows).toContainEqual({ count: 180, seconds: 60 });
  });

  it('holds every write during a pause', () => {
    const { budget, advance } = clocked();
    budget.pause(60);
    expect(budget.delayMs()).toBe(60_000);
    advance(60);
    expect(budget.delayMs()).toBe(0);
  });
});

describe('WriteBudget across runs', () => {
  it('a run started within the hour counts the writes an earlier run spent', async () => {
    let now = 0;
    const first = new WriteBudget(GITHUB_WRITE_BUDGET, { now: () => now });
    for (let i = 0; i < 500; i++) {
      (await first.take())();
      now += 1000;
    }
    now += 600_000;
    const second = new WriteBudget(GITHUB_WRITE_BUDGET, { now: () => now, spent: first.spent() });
    // The first run's first write is 1,100 s old: the hour holds 500 until it is 3,600 s old.
    expect(second.delayMs()).toBe((3600 - 1100) * 1000 + 1);
    expect(second.usedWithin(3600)).toBe(500);
  });

  it('forgets writes older than its longest window, and ignores what is not a time', () => {
    const now = 10_000_000;
    const budget = new WriteBudget(GITHUB_WRITE_BUDGET, { now: () => now, spent: [now - 3_600_000, Number.NaN, now - 5_000, now - 1_000] });
    expect(budget.spent()).toEqual([now - 5_000, now - 1_000]);
    expect(budget.delayMs()).toBe(0);
  });
});
