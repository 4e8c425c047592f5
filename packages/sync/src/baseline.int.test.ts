import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { localFixture, UPSTREAM } from './test-support/local-sync.js';
import { type Scratch, TEST_GIT_ENV, numberedLines as lines } from './test-support/repos.js';
import { useSimAndScratch } from './test-support/sim-lifecycle.js';
import { simFixture, type SimFixture } from './test-support/sim-fixture.js';

let sim: Sim;
let scratch: Scratch;
useSimAndScratch((started, folder) => {
  sim = started;
  scratch = folder;
});

const BRANCH = 'ecosystem/sync/features-a';
const config = { subscriptions: { 'features/a': 'app/a' } };
const COUSIN_EDIT = lines(8).replace('line 2\n', 'line 2 cousin\n');

/** Sync 1, a human commit on the sync branch (NOTES.md), the cousin's own file on main. Returns the open PR's number. */
async function firstSyncWithHumanCommit(f: SimFixture): Promise<number> {
  await f.sync(await f.upstream.head());
  await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
  await f.cousin.git.run(['checkout', '--quiet', '-B', 'fix', `origin/${BRANCH}`]);
  await f.cousin.commit({ 'NOTES.md': 'human notes\n' }, 'Human: add notes');
  await f.cousin.git.run(['push', '--quiet', 'origin', `HEAD:${BRANCH}`]);
  await f.cousin.git.run(['checkout', '--quiet', 'main']);
  return sim.pulls(f.cousinName)[0]!.number;
}

/** GitHub's default squash message for several commits: the title, then every commit message as a bullet. */
async function defaultSquashMessage(f: SimFixture): Promise<string> {
  await f.cousin.git.run(['fetch', '--quiet', 'origin']);
  const messages = (await f.cousin.git.output(['log', '--reverse', '--format=%B%x00', `origin/main..origin/${BRANCH}`])).split('\0').map((m) => m.trim()).filter(Boolean);
  return messages.map((message) => `* ${message}`).join('\n\n');
}

/** After the merge: the branch deleted, the cousin edits the synced file, upstream changes another line. */
async function nextUpstreamChange(f: SimFixture): Promise<string> {
  await f.cousin.git.run(['push', '--quiet', 'origin', '--delete', BRANCH]);
  await f.cousin.git.run(['fetch', '--quiet', 'origin']);
  await f.cousin.git.run(['reset', '--quiet', '--hard', 'origin/main']);
  await f.cousin.commit({ 'app/a/main.py': COUSIN_EDIT, 'cousin.txt': 'mine\n' }, 'Cousin edit');
  await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
  await f.upstream.commit({ 'features/a/main.py': lines(8).replace('line 7\n', 'line 7 upstream\n') }, 'Upstream change');
  return f.publish();
}

async function expectThreeWay(f: SimFixture, sha: string): Promise<void> {
  const result = await f.sync(sha);
  expect(result.features[0]).toMatchObject({ status: 'proposed', firstSync: false, conflicts: [] });
  const tip = (await f.remoteTip(BRANCH))!;
  await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
  expect(await f.cousin.git.output(['show', `${tip}:app/a/main.py`])).toBe(COUSIN_EDIT.replace('line 7\n', 'line 7 upstream\n'));
  const files = await f.cousin.git.output(['ls-tree', '-r', '--name-only', tip]);
  expect(files).toContain('cousin.txt');
  expect(files).toContain('NOTES.md');
}

describe('the baseline survives every way of merging the sync pull request', () => {
  it("squash with GitHub's default message, a human commit last, the branch deleted", async () => {
    const f = await simFixture(sim, scratch, 'squash-default', { 'features/a/main.py': lines(8) }, {}, config);
    const number = await firstSyncWithHumanCommit(f);
    const message = await defaultSquashMessage(f);
    expect(message.trimEnd().endsWith('Human: add notes')).toBe(true);
    await f.octokit.rest.pulls.merge({ owner: 'acme', repo: 'squash-default-cousin', pull_number: number, merge_method: 'squash', commit_message: message });
    await expectThreeWay(f, await nextUpstreamChange(f));
  });

  it('squash with a message that keeps no trailer at all (the tracked state file carries it)', async () => {
    const f = await simFixture(sim, scratch, 'squash-bare', { 'features/a/main.py': lines(8) }, {}, config);
    const number = await firstSyncWithHumanCommit(f);
    await f.octokit.rest.pulls.merge({ owner: 'acme', repo: 'squash-bare-cousin', pull_number: number, merge_method: 'squash', commit_title: 'Bring feature a', commit_message: 'Done.' });
    await expectThreeWay(f, await nextUpstreamChange(f));
  });

  it('a merge commit', async () => {
    const f = await simFixture(sim, scratch, 'merge-commit', { 'features/a/main.py': lines(8) }, {}, config);
    const number = await firstSyncWithHumanCommit(f);
    await f.octokit.rest.pulls.merge({ owner: 'acme', repo: 'merge-commit-cousin', pull_number: number, merge_method: 'merge' });
    await expectThreeWay(f, await nextUpstreamChange(f));
  });

  it('a rebase merge (every commit rewritten onto main)', async () => {
    const f = await simFixture(sim, scratch, 'rebase', { 'features/a/main.py': lines(8) }, {}, config);
    const number = await firstSyncWithHumanCommit(f);
    // GitHub's rebase merge replays the commits with new SHAs (the sim does not serve it: done with git).
    await f.cousin.git.run(['fetch', '--quiet', 'origin']);
    await f.cousin.git.run(['checkout', '--quiet', '-B', 'rebased', `origin/${BRANCH}`]);
    await f.cousin.git.run(['rebase', '--quiet', '--force-rebase', 'origin/main']);
    await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
    await f.cousin.git.run(['checkout', '--quiet', 'main']);
    await f.octokit.rest.pulls.update({ owner: 'acme', repo: 'rebase-cousin', pull_number: number, state: 'closed' });
    await expectThreeWay(f, await nextUpstreamChange(f));
  });
});

describe('a lost or missing baseline', () => {
  it('after a force push and gc upstream: a 2-way merge with conflicts, never an error or an overwrite', async () => {
    const f = await simFixture(sim, scratch, 'gc', { 'features/a/main.py': lines(8) }, {}, config);
    const number = await firstSyncWithHumanCommit(f);
    await f.octokit.rest.pulls.merge({ owner: 'acme', repo: 'gc-cousin', pull_number: number, merge_method: 'merge' });
    await f.cousin.git.run(['push', '--quiet', 'origin', '--delete', BRANCH]);
    await f.cousin.git.run(['fetch', '--quiet', 'origin']);
    await f.cousin.git.run(['reset', '--quiet', '--hard', 'origin/main']);
    await f.cousin.commit({ 'app/a/main.py': COUSIN_EDIT }, 'Cousin edit');
    await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
    // Upstream history rewritten: the synced commit is gone for good.
    await f.upstream.git.run(['commit', '--quiet', '--amend', '-m', 'rewritten']);
    const sha = await f.upstream.commit({ 'features/a/main.py': lines(8).replace('line 7\n', 'line 7 upstream\n') }, 'Upstream change');
    await f.upstream.git.run(['push', '--quiet', '--force', 'origin', 'HEAD:main']);
    const bare = join(sim.dataDir, `${f.upstreamName}.git`);
    const git = (args: string[]) => promisify(execFile)('git', args, { cwd: bare, env: { ...process.env, ...TEST_GIT_ENV } });
    await git(['reflog', 'expire', '--expire=now', '--all']);
    await git(['gc', '--quiet', '--prune=now']);
    const result = await f.sync(sha);
    expect(result.features[0]).toMatchObject({ status: 'proposed', firstSync: true });
    expect(result.log.join('\n')).toMatch(/no longer exists upstream .*proposing a 2-way merge/);
    const tip = (await f.remoteTip(BRANCH))!;
    await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
    const text = await f.cousin.git.output(['show', `${tip}:app/a/main.py`]);
    expect(text).toContain('line 2 cousin\n');
    expect(text).toMatch(/<<<<<<< cousin\n[\s\S]*=======\n[\s\S]*>>>>>>> upstream@/);
    expect(await f.cousin.git.output(['ls-tree', '-r', '--name-only', tip])).toContain('NOTES.md');
    const pull = sim.pulls(f.cousinName).find((p) => p.state === 'open')!;
    expect(pull.labels).toContain('conflict');
    expect(pull.body).toMatch(/no longer exists upstream/);
    expect(pull.body).toMatch(/2-way merge/);
  });

  it("with no record and a destination that is not empty: the cousin's files are neither overwritten nor deleted", async () => {
    const cousinFiles = { 'app/a/main.py': 'cousin version\nshared\n', 'app/a/cousin-only.txt': 'mine\n', 'app/a/same.txt': 'same\n' };
    const f = await localFixture(scratch, 'nobaseline', { 'features/a/main.py': 'upstream version\nshared\n', 'features/a/same.txt': 'same\n', 'features/a/new.txt': 'new\n' }, cousinFiles, { upstream: UPSTREAM, ...config });
    const result = await f.sync(await f.upstream.head());
    expect(result.features[0]).toMatchObject({ status: 'committed-locally', firstSync: true });
    expect(result.features[0]!.conflicts).toEqual([{ path: 'app/a/main.py', reason: expect.stringMatching(/no sync baseline .*both kept, between conflict markers/) }]);
    const show = (path: string) => f.cousin.git.output(['show', `${BRANCH}:${path}`]);
    expect(await show('app/a/main.py')).toBe('<<<<<<< cousin\ncousin version\n=======\nupstream version\n>>>>>>> upstream@' + (await f.upstream.head()).slice(0, 12) + '\nshared\n');
    expect(await show('app/a/cousin-only.txt')).toBe('mine\n');
    expect(await show('app/a/new.txt')).toBe('new\n');
    expect(await f.cousin.git.output(['log', '-1', '--format=%B', BRANCH])).toMatch(/No sync baseline: .*merged 2-way/);
  });
});

describe('trailers anywhere in a squash message, in any order', () => {
  it('the newest upstream commit named wins, whatever its place in the message', async () => {
    const f = await localFixture(scratch, 'order', { 'features/a/main.py': lines(8) }, {}, { upstream: UPSTREAM, ...config });
    await f.sync(await f.upstream.head());
    await f.upstream.commit({ 'features/a/main.py': lines(8).replace('line 3\n', 'line 3 upstream\n') }, 'Second');
    await f.sync(await f.publish());
    // Both sync commits squashed by hand, the newest message first and the record file dropped: only the trailers are left.
    const messages = (await f.cousin.git.output(['log', '--format=%B%x00', `main..${BRANCH}`])).split('\0').map((m) => m.trim()).filter(Boolean);
    await f.cousin.git.run(['merge', '--quiet', '--squash', BRANCH]);
    await f.cousin.git.run(['rm', '--quiet', '-r', '-f', '--', '.github']);
    await f.cousin.git.run(['commit', '--quiet', '-m', `Squashed sync\n\n${messages.map((m) => `* ${m.replace(/\n/g, '\n  ')}`).join('\n\n')}\n\nCo-authored-by: Someone <s@example.com>`]);
    await f.cousin.git.run(['branch', '--quiet', '-D', BRANCH]);
    await f.cousin.commit({ 'app/a/main.py': lines(8).replace('line 3\n', 'line 3 upstream\n').replace('line 1\n', 'line 1 cousin\n') }, 'Cousin edit');
    await f.upstream.commit({ 'features/a/main.py': lines(8).replace('line 3\n', 'line 3 upstream\n').replace('line 8\n', 'line 8 upstream\n') }, 'Third');
    const result = await f.sync(await f.publish());
    expect(result.features[0]).toMatchObject({ status: 'committed-locally', firstSync: false, conflicts: [] });
    expect(await f.cousin.git.output(['show', `${BRANCH}:app/a/main.py`])).toBe(
      lines(8).replace('line 1\n', 'line 1 cousin\n').replace('line 3\n', 'line 3 upstream\n').replace('line 8\n', 'line 8 upstream\n'),
    );
  });
});
