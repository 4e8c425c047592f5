import { describe, expect, it } from 'vitest';
import { DASHBOARD_MARKER, renderDashboard, tickedRows, untick } from './dashboard-issue.js';
import { totalsOf, type FeatureRow, type FleetStatus } from './model.js';

function fleet(rows: FeatureRow[]): FleetStatus {
  return { monorepo: 'acme/mono', monorepoUrl: 'https://github.com/acme/mono', defaultBranch: 'main', head: 'a'.repeat(40), generatedAt: '2026-01-01T00:00:00.000Z', rows, totals: totalsOf(rows) };
}

const ROWS: FeatureRow[] = [
  { cousin: 'acme/ok', feature: 'features/a', state: 'up-to-date', behind: 0, synced: { upstreamCommit: 'a'.repeat(40), cousinCommit: 'b'.repeat(40), date: undefined } },
  { cousin: 'acme/late', feature: 'features/a', state: 'behind', behind: 3, synced: { upstreamCommit: 'c'.repeat(40), cousinCommit: 'd'.repeat(40), date: undefined }, pull: { number: 4, url: 'https://github.com/acme/late/pull/4', draft: false, conflict: false, upstreamCommit: undefined, checks: 'failing' } },
  { cousin: 'acme/gone', feature: 'features/b', state: 'unreachable', problem: 'acme/gone: the repository does not exist' },
  { cousin: 'acme/broken', feature: 'features/b', state: 'failing', failure: { number: 9, url: 'https://github.com/acme/mono/issues/9', title: 'Sync failed', updatedAt: '' } },
];

describe('renderDashboard', () => {
  const body = renderDashboard(fleet(ROWS));

  it('starts with the marker that finds the issue again', () => {
    expect(body.startsWith(`${DASHBOARD_MARKER}\n`)).toBe(true);
  });

  it('lists the rows most urgent first, with links, behind count and the checks of the sync PR', () => {
    const table = body.split('\n').filter((line) => line.startsWith('| **'));
    expect(table.map((line) => line.split(' | ')[0])).toEqual(['| **unreachable**', '| **failing**', '| **behind**', '| **up-to-date**']);
    expect(table[2]).toBe('| **behind** | [acme/late](https://github.com/acme/late) | `features/a` | 3 | [#4](https://github.com/acme/late/pull/4) | failing | - |');
    expect(table[1]).toContain('[#9](https://github.com/acme/mono/issues/9)');
  });

  it('gives a checkbox to the rows a dispatch can retry, and only to them', () => {
    expect(body).toContain('- [ ] `acme/broken` `features/b` (failing) <!-- retry acme%2Fbroken features%2Fb -->');
    expect(body).toContain('- [ ] `acme/late` `features/a` (behind)');
    expect(body).not.toMatch(/- \[ \] `acme\/(gone|ok)`/);
  });

  it('keeps the rows that were ticked ticked', () => {
    expect(renderDashboard(fleet(ROWS), { ticked: [{ cousin: 'acme/late', feature: 'features/a' }] })).toContain('- [x] `acme/late` `features/a` (behind)');
  });

  it('stays within the body limit, leaving the least urgent rows out with a link to the full report', () => {
    const many = Array.from({ length: 2000 }, (_, i): FeatureRow => ({ cousin: `acme/c${i}`, feature: 'features/a', state: i % 2 ? 'behind' : 'up-to-date', behind: i % 2, synced: { upstreamCommit: 'c'.repeat(40), cousinCommit: 'd'.repeat(40), date: undefined } }));
    const long = renderDashboard(fleet(many), { reportUrl: 'https://acme.github.io/fleet.html' });
    expect(long.length).toBeLessThanOrEqual(65_536);
    expect(long).toMatch(/\d+ more row\(s\), less urgent, are left out .*: see \[the full report\]\(https:\/\/acme\.github\.io\/fleet\.html\)\./);
    const shownStates = long.split('\n').filter((line) => line.startsWith('| **')).map((line) => line.split(' | ')[0]);
    expect(shownStates[0]).toBe('| **behind**');
    expect(shownStates.length).toBeLessThan(2000);
  });
});

describe('fitting rows into the body limit', () => {
  const states: FeatureRow['state'][] = ['unreachable', 'conflict', 'failing', 'behind', 'never-synced', 'up-to-date'];
  const varied = Array.from({ length: 24 }, (_, i): FeatureRow => ({
    cousin: `acme/cousin-${'x'.repeat(i % 7)}${i}`,
    feature: `features/f${i}`,
    state: states[i % states.length]!,
    behind: i % 5,
    ...(i % 6 === 0 ? { problem: `acme/cousin-${i}: the repository does not exist` } : {}),
  }));
  const shown = (body: string) => body.split('\n').filter((line) => line.startsWith('| **')).length;

  it('gives, at every limit, the body with the most rows that fits: each body first appears at a limit equal to its own length', () => {
    const smallest = renderDashboard(fleet(varied), { maxBody: 0 }).length;
    const everything = renderDashboard(fleet(varied), { maxBody: Number.MAX_SAFE_INTEGER });
    let previous = '';
    let checked = 0;
    for (let limit = smallest; limit <= everything.length; limit++) {
      const body = renderDashboard(fleet(varied), { maxBody: limit });
      expect(body.length).toBeLessThanOrEqual(limit);
      if (body !== previous) {
        // A longer body is taken as soon as it fits, never later: the fitting is tight.
        expect(body.length).toBe(limit);
        // One more row each time, except that all rows (no "left out" line) may fit before all but one do.
        if (previous !== '' && shown(body) < varied.length) expect(shown(body)).toBe(shown(previous) + 1);
        checked++;
      }
      previous = body;
    }
    expect(previous).toBe(everything);
    expect(shown(everything)).toBe(varied.length);
    expect(checked).toBeGreaterThan(varied.length - 2);
  });
});

describe('tickedRows and untick', () => {
  it('reads the ticked rows and unticks only the ones named, leaving every other byte', () => {
    const body = renderDashboard(fleet(ROWS)).replace('- [ ] `acme/broken`', '- [x] `acme/broken`').replace('- [ ] `acme/late`', '- [X] `acme/late`');
    expect(tickedRows(body)).toEqual([
      { cousin: 'acme/broken', feature: 'features/b' },
      { cousin: 'acme/late', feature: 'features/a' },
    ]);
    const after = untick(body, [{ cousin: 'acme/broken', feature: 'features/b' }]);
    expect(tickedRows(after)).toEqual([{ cousin: 'acme/late', feature: 'features/a' }]);
    expect(untick(after, [{ cousin: 'acme/late', feature: 'features/a' }])).toBe(renderDashboard(fleet(ROWS)));
  });
});
