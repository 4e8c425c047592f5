import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '@ecosystem-dispatcher/core';
import { FeaturesFailed } from './sync-run.js';
import { localFixture, UPSTREAM } from './test-support/local-sync.js';
import { Scratch } from './test-support/repos.js';

let scratch: Scratch;
beforeAll(async () => (scratch = await Scratch.create()));
afterAll(() => scratch.remove());

const BRANCH = 'ecosystem/sync/features-a';
const lines = (n: number, tag = '') => Array.from({ length: n }, (_, i) => `line ${i + 1}${tag}`).join('\n') + '\n';
const config = { upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } };

async function trailersOf(git: Git, rev: string) {
  return git.output(['log', '-1', '--format=%(trailers)', rev]);
}

describe('patch, the default method', () => {
  it('copies the feature on the first sync, says so, and records the trailers', async () => {
    const f = await localFixture(scratch, 'first', { 'features/a/main.py': lines(3), 'features/b/other.py': 'no\n', 'README.md': 'mono\n' }, {}, config);
    const sha = await f.upstream.head();
    const result = await f.sync(sha);
    expect(result.features[0]).toMatchObject({ status: 'committed-locally', firstSync: true, branch: BRANCH });
    await f.cousin.git.run(['checkout', '--quiet', BRANCH]);
    expect(await f.cousin.read('app/a/main.py')).toBe(lines(3));
    expect(await f.cousin.read('app/b/other.py')).toBeUndefined();
    expect(await f.cousin.read('features/b/other.py')).toBeUndefined();
    const message = await f.cousin.git.output(['log', '-1', '--format=%B', BRANCH]);
    expect(message).toMatch(/No sync baseline: features\/a merged 2-way into app\/a/);
    expect(await trailersOf(f.cousin.git, BRANCH)).toBe(`Upstream-Repo: ${UPSTREAM}\nUpstream-Commit: ${sha}\nUpstream-Feature: features/a\n\n`);
  });

  it("merges upstream's next change 3-way and keeps the cousin's own edit", async () => {
    const f = await localFixture(scratch, 'second', { 'features/a/main.py': lines(10) }, {}, config);
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.cousin.commit({ 'app/a/main.py': lines(10).replace('line 2\n', 'line 2 cousin\n') }, 'local edit');
    await f.upstream.commit({ 'features/a/main.py': lines(10).replace('line 9\n', 'line 9 upstream\n') }, 'upstream edit');
    const sha = await f.publish();
    const result = await f.sync(sha);
    expect(result.features[0]).toMatchObject({ status: 'committed-locally', firstSync: false, conflicts: [] });
    const merged = await f.cousin.git.output(['show', `${BRANCH}:app/a/main.py`]);
    expect(merged).toContain('line 2 cousin\n');
    expect(merged).toContain('line 9 upstream\n');
    expect(await f.cousin.git.output(['log', '-1', '--format=%(trailers:key=Upstream-Commit,valueonly)', BRANCH])).toBe(`${sha}\n\n`);
  });

  it('writes conflicts with standard markers and lists them', async () => {
    const f = await localFixture(scratch, 'conflict', { 'features/a/main.py': lines(5) }, {}, config);
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.cousin.commit({ 'app/a/main.py': lines(5).replace('line 3\n', 'line 3 cousin\n') });
    await f.upstream.commit({ 'features/a/main.py': lines(5).replace('line 3\n', 'line 3 upstream\n') });
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts).toEqual([{ path: 'app/a/main.py', reason: expect.stringMatching(/changed on both sides: 1 conflict/) }]);
    const text = await f.cousin.git.output(['show', `${BRANCH}:app/a/main.py`]);
    expect(text).toMatch(/<<<<<<< cousin\nline 3 cousin\n=======\nline 3 upstream\n>>>>>>> upstream@[0-9a-f]{12}\n/);
    expect(await f.cousin.git.output(['log', '-1', '--format=%B', BRANCH])).toMatch(/Conflicts to resolve:\n\n\* app\/a\/main.py/);
  });

  it('brings in deletions and renames, keeping a local edit across the rename', async () => {
    const f = await localFixture(scratch, 'rename', { 'features/a/old.py': lines(20), 'features/a/gone.txt': 'bye\n', 'features/a/keep.txt': 'k\n' }, {}, config);
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.cousin.commit({ 'app/a/old.py': lines(20).replace('line 1\n', 'line 1 cousin\n') });
    await f.upstream.commit({ 'features/a/old.py': null, 'features/a/gone.txt': null, 'features/a/lib/new.py': lines(20).replace('line 20\n', 'line 20 upstream\n') }, 'move');
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts).toEqual([]);
    const files = (await f.cousin.git.output(['ls-tree', '-r', '--name-only', BRANCH, '--', 'app/a'])).trim().split('\n');
    expect(files.sort()).toEqual(['app/a/keep.txt', 'app/a/lib/new.py']);
    const moved = await f.cousin.git.output(['show', `${BRANCH}:app/a/lib/new.py`]);
    expect(moved).toContain('line 1 cousin\n');
    expect(moved).toContain('line 20 upstream\n');
  });

  it('ignores a stale dispatch and an already-synced one: no new commit', async () => {
    const f = await localFixture(scratch, 'stale', { 'features/a/main.py': lines(3) }, {}, config);
    const old = await f.upstream.head();
    await f.upstream.commit({ 'features/a/main.py': lines(4) });
    const latest = await f.publish();
    await f.sync(latest);
    const tip = await f.cousin.git.output(['rev-parse', BRANCH]);
    const stale = await f.sync(old);
    expect(stale.features[0]).toMatchObject({ status: 'stale' });
    expect(stale.log.join('\n')).toMatch(/stale dispatch/);
    const again = await f.sync(latest);
    expect(again.features[0]).toMatchObject({ status: 'up-to-date' });
    expect(await f.cousin.git.output(['rev-parse', BRANCH])).toBe(tip);
  });

  it('makes no commit when upstream changed nothing in the feature', async () => {
    const f = await localFixture(scratch, 'nochange', { 'features/a/main.py': lines(3), 'features/b/x': '1' }, {}, config);
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.upstream.commit({ 'features/b/x': '2' });
    const result = await f.sync(await f.publish());
    expect(result.features[0]).toMatchObject({ status: 'no-change', commits: [] });
  });
});

describe('a feature that cannot be synced', () => {
  it('fails alone: the other features of the dispatch are still synced, and nothing is written through a cousin symlink', async () => {
    const both = { upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a', 'features/b': 'web/b' } };
    const f = await localFixture(scratch, 'partial', { 'features/a/x.txt': 'a\n', 'features/b/y.txt': 'b\n' }, { web: { link: 'outside' }, 'outside/keep.txt': 'k\n' }, both);
    const error = await f.sync(f.dispatch(await f.upstream.head(), ['features/a', 'features/b'])).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FeaturesFailed);
    const failed = error as FeaturesFailed;
    expect(failed.exitCode).toBe(1);
    expect(failed.message).toMatch(/^features\/b: web\/b\/y.txt: the cousin's web is a symlink; a sync does not write through it/);
    expect(failed.result.features.map((r) => [r.feature, r.status])).toEqual([['features/a', 'committed-locally']]);
    expect((await f.cousin.git.output(['ls-tree', '-r', '--name-only', BRANCH])).trim().split('\n')).toContain('app/a/x.txt');
    expect(await f.cousin.git.resolveCommit('refs/heads/ecosystem/sync/features-b')).toBeUndefined();
    expect(await readdir(join(f.cousin.dir, 'outside'))).toEqual(['keep.txt']);
  });
});
