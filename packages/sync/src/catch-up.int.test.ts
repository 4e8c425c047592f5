import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { FeaturesFailed } from './sync-run.js';
import { Scratch, numberedLines as lines } from './test-support/repos.js';
import { simFixture, type SimFixture } from './test-support/sim-fixture.js';

/*
 * The catch-up a cousin runs on a schedule: every subscribed feature to the upstream's
 * latest commit, through the same 3-way sync, baseline and rollback refusal as a dispatch.
 */

let sim: Sim;
let scratch: Scratch;
let f: SimFixture;
const CATCH_UP = { kind: 'catch-up' } as const;
const branchOf = (feature: string) => `ecosystem/sync/${feature.replace('/', '-')}`;

beforeAll(async () => {
  sim = await startSim();
  scratch = await Scratch.create();
  f = await simFixture(sim, scratch, 'catch', { 'features/a/main.py': lines(10), 'features/b/main.py': lines(3), 'other/x.txt': 'x\n' }, {}, { subscriptions: { 'features/a': 'app/a', 'features/b': 'app/b' } });
});
afterAll(async () => {
  await sim.close();
  await scratch.remove();
});

async function fileOnBranch(feature: string, path: string): Promise<string> {
  await f.cousin.git.run(['fetch', '--quiet', 'origin', branchOf(feature)]);
  return f.cousin.git.output(['show', `FETCH_HEAD:${path}`]);
}

describe('a catch-up run', () => {
  it('syncs every subscribed feature to the latest upstream commit, each in its pull request', async () => {
    const result = await f.sync(CATCH_UP);
    expect(result.target).toBe(await f.upstream.head());
    expect(result.features.map((r) => [r.feature, r.status])).toEqual([['features/a', 'proposed'], ['features/b', 'proposed']]);
    expect(sim.pulls(f.cousinName).map((p) => p.head).sort()).toEqual([branchOf('features/a'), branchOf('features/b')]);
  });

  it('with nothing new asks GitHub only conditionally: every answer a 304, no budget spent', async () => {
    // The first run opened the pull requests: the next one sees them once.
    expect((await f.sync(CATCH_UP)).features.map((r) => r.status)).toEqual(['up-to-date', 'up-to-date']);
    const from = sim.requests().length;
    const result = await f.sync(CATCH_UP);
    expect(result.features.map((r) => r.status)).toEqual(['up-to-date', 'up-to-date']);
    const asked = sim.requests().slice(from);
    // The upstream branch, each feature's open pull request, the monorepo's sync issues; the
    // features' folder at a commit already read is never asked again.
    expect(asked.map((r) => `${r.method} ${r.path}`), asked.map((r) => r.path).join('\n')).toHaveLength(4);
    expect(asked.filter((r) => r.status !== 304).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
  });

  it("merges 3-way: a person's edit on the sync branch stays, the new upstream change comes in", async () => {
    await f.cousin.git.run(['fetch', '--quiet', 'origin', branchOf('features/a')]);
    await f.cousin.git.run(['checkout', '--quiet', '-b', 'edit', 'FETCH_HEAD']);
    await f.cousin.commit({ 'app/a/main.py': lines(10).replace('line 1\n', 'line 1 by a person\n') }, 'A person edits');
    await f.cousin.git.run(['push', '--quiet', 'origin', `HEAD:${branchOf('features/a')}`]);
    await f.cousin.git.run(['checkout', '--quiet', 'main']);
    await f.upstream.commit({ 'features/a/main.py': lines(10).replace('line 10\n', 'line 10 upstream\n'), 'other/x.txt': 'y\n' }, 'Upstream change');
    const latest = await f.publish();
    const result = await f.sync(CATCH_UP);
    expect(result.target).toBe(latest);
    expect(result.features.map((r) => r.status)).toEqual(['proposed', 'no-change']);
    const text = await fileOnBranch('features/a', 'app/a/main.py');
    expect(text).toContain('line 1 by a person\n');
    expect(text).toContain('line 10 upstream\n');
  });

  it('refuses to roll a feature back when upstream history was rewritten, and writes nothing', async () => {
    const before = await f.remoteTip(branchOf('features/a'));
    await f.upstream.git.run(['reset', '--quiet', '--hard', 'HEAD~1']);
    await f.upstream.commit({ 'features/a/main.py': lines(10).replace('line 5\n', 'line 5 rewritten\n') }, 'Rewritten history');
    await f.upstream.git.run(['push', '--quiet', '--force', 'origin', 'HEAD:main']);
    const error = await f.sync(CATCH_UP).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FeaturesFailed);
    expect((error as Error).message).toMatch(/does not come after the last sync .* would roll upstream changes back/);
    expect(await f.remoteTip(branchOf('features/a'))).toBe(before);
  });
});
