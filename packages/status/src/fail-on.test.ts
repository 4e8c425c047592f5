import { describe, expect, it } from 'vitest';
import { failedConditions, parseFailOn } from './fail-on.js';
import type { FeatureRow } from './model.js';

const synced = { upstreamCommit: 'a'.repeat(40), cousinCommit: 'b'.repeat(40), date: undefined };
const rows: FeatureRow[] = [
  { cousin: 'acme/one', feature: 'features/a', state: 'behind', synced, behind: 3 },
  { cousin: 'acme/two', feature: 'features/a', state: 'up-to-date', synced, behind: 0 },
  { cousin: 'acme/gone', feature: 'features/a', state: 'unreachable', problem: 'not found' },
];

describe('--fail-on', () => {
  it('is empty by default: status only reports', () => {
    expect(parseFailOn(undefined)).toEqual([]);
    expect(failedConditions(rows, [])).toEqual([]);
  });

  it('names each condition that holds and how often', () => {
    expect(failedConditions(rows, parseFailOn('behind, conflict,unreachable'))).toEqual(['behind: 1 of 3 cousin feature(s)', 'unreachable: 1 of 3 cousin feature(s)']);
  });

  it('refuses an unknown condition with the list of known ones', () => {
    expect(() => parseFailOn('behind,late')).toThrow(/--fail-on takes behind, conflict, failure, unreachable .*"late"/);
  });
});
