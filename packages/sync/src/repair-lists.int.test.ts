import { describe, expect, it } from 'vitest';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { type Scratch, numberedLines as lines } from './test-support/repos.js';
import { useSimAndScratch } from './test-support/sim-lifecycle.js';
import { simFixture, type SimFixture } from './test-support/sim-fixture.js';

let sim: Sim;
let scratch: Scratch;
useSimAndScratch((started, folder) => {
  sim = started;
  scratch = folder;
});

const config = { subscriptions: { 'features/a': 'app/a' } };
const openPull = (f: SimFixture) => sim.pulls(f.cousinName).find((p) => p.state === 'open')!;
const KEPT = /`app\/a\/other\.py`: deleted upstream, changed in the cousin: the cousin's version is kept/;
const NOT_SYNCED = /### Not synced \(2\)\n\n.*\n\n- `features\/b`\n- `features\/c`/;

/** A cousin whose main synced `features/a` at upstream's first commit, then edited other.py itself. */
async function syncedCousin(name: string): Promise<SimFixture> {
  const f = await simFixture(sim, scratch, name, { 'features/a/main.py': lines(6), 'features/a/other.py': 'other\n' }, { 'app/a/main.py': lines(6), 'app/a/other.py': 'other, edited here\n' }, config);
  const base = await f.upstream.head();
  await f.cousin.git.run(['commit', '--quiet', '--allow-empty', '-m', 'Earlier sync', '--trailer', `Upstream-Repo: ${f.upstreamName}`, '--trailer', `Upstream-Commit: ${base}`, '--trailer', 'Upstream-Feature: features/a']);
  await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
  return f;
}

describe('a run that only repairs the pull request keeps every list of the run it repairs', () => {
  it('the kept conflict and the features not synced survive an update that answered 500, a rerun, and a later clean sync', async () => {
    const f = await syncedCousin('repair-lists');
    await f.upstream.commit({ 'features/a/main.py': lines(7) }, 'First change');
    await f.sync(await f.publish());
    // Upstream deletes the file the cousin edited (a conflict that keeps the cousin's version, no markers), in a batched dispatch.
    const sha = await f.upstream.commit({ 'features/a/other.py': null, 'features/a/main.py': lines(8) }, 'Second change');
    await f.publish();
    const batched = f.dispatch(sha, ['features/a', 'features/b', 'features/c']);
    sim.setFaults({ rate: 1, kinds: [500], method: 'PATCH', path: /\/pulls\/\d+$/ });
    try {
      await expect(f.sync(batched)).rejects.toThrow(/update the sync pull request/);
    } finally {
      sim.setFaults(null);
    }
    expect(openPull(f).body).not.toMatch(KEPT);

    const rerun = await f.sync(batched);
    expect(rerun.features[0]!.summary).toMatch(/brought pull request #\d+ in line with its branch/);
    let pull = openPull(f);
    expect(pull.title).toContain(sha.slice(0, 7));
    expect(pull.body).toMatch(KEPT);
    expect(pull.body).toMatch(NOT_SYNCED);
    expect(pull.labels).toContain('conflict');

    // A clean commit on top (only features/a named this time) lists them still: they describe the branch, not one run.
    await f.upstream.commit({ 'features/a/main.py': lines(9) }, 'Third change');
    const later = await f.sync(await f.publish());
    expect(later.features[0]!.status).toBe('proposed');
    pull = openPull(f);
    expect(pull.body).toMatch(KEPT);
    expect(pull.body).toMatch(NOT_SYNCED);
    expect(pull.labels).toContain('conflict');
  });
});
