import { describe, expect, it } from 'vitest';
import { runsPerMonth, scheduleProblem } from './schedule.js';

describe('scheduleProblem', () => {
  it("accepts GitHub's five-field cron with lists, ranges, steps and names", () => {
    for (const cron of ['17 * * * *', '*/15 * * * *', '0 6 * * MON-FRI', '30 2 1,15 * *', '0 0 * JAN,JUL SUN', '5-55/10 8-18 * * 1-5', '0 0 * * 7']) {
      expect(scheduleProblem(cron)).toBeUndefined();
    }
  });

  it('names the field and says what is wrong', () => {
    expect(scheduleProblem('0 * *')).toMatch(/^has 3 field\(s\); GitHub's cron has 5/);
    expect(scheduleProblem('@hourly')).toMatch(/has 1 field/);
    expect(scheduleProblem('0 * * * * *')).toMatch(/has 6 field/);
    expect(scheduleProblem('60 * * * *')).toBe('minute field "60" is outside 0-59');
    expect(scheduleProblem('0 24 * * *')).toBe('hour field "24" is outside 0-23');
    expect(scheduleProblem('0 0 0 * *')).toBe('day of month field "0" is outside 1-31');
    expect(scheduleProblem('0 0 * FOO *')).toMatch(/^month field "FOO" is outside 1-12 \(or JAN-DEC\)/);
    expect(scheduleProblem('*/0 * * * *')).toBe('minute field "*/0" has a step of 0');
    expect(scheduleProblem('0 5-2 * * *')).toBe('hour field "5-2" is a range that ends before it starts');
    expect(scheduleProblem('0 0 * * x;y')).toMatch(/^day of week field/);
  });
});

describe('runsPerMonth', () => {
  it('counts the runs of an average month', () => {
    expect(runsPerMonth('17 * * * *')).toBe(730);
    expect(runsPerMonth('0 6 * * *')).toBe(30);
    expect(runsPerMonth('*/15 * * * *')).toBe(2920);
    expect(runsPerMonth('0 6 * * MON-FRI')).toBe(22);
    expect(runsPerMonth('0 0 1 * *')).toBe(1);
    // Day of month OR day of week, as cron has it.
    expect(runsPerMonth('0 0 1 * SUN')).toBe(5);
  });
});
