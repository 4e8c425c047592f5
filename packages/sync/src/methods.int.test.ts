import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFixture, UPSTREAM } from './test-support/local-sync.js';
import { Scratch, numberedLines as lines } from './test-support/repos.js';

let scratch: Scratch;
beforeAll(async () => (scratch = await Scratch.create()));
afterAll(() => scratch.remove());

const BRANCH = 'ecosystem/sync/features-a';
const withMethod = (method: string, to = 'app/a') => ({ upstream: UPSTREAM, subscriptions: [{ path: 'features/a', to, method }] });

describe('copy', () => {
  it('mirrors the folder: upstream content wins, files upstream lacks are deleted', async () => {
    const f = await localFixture(scratch, 'copy', { 'features/a/x.txt': 'x1\n', 'features/a/y.txt': 'y\n' }, { 'app/a/extra.txt': 'mine\n', 'README.md': 'cousin\n' }, withMethod('copy'));
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.cousin.commit({ 'app/a/x.txt': 'edited by cousin\n' });
    await f.upstream.commit({ 'features/a/y.txt': null, 'features/a/z.txt': 'z\n' });
    const result = await f.sync(await f.publish());
    expect(result.features[0]).toMatchObject({ status: 'committed-locally' });
    const files = (await f.cousin.git.output(['ls-tree', '-r', '--name-only', BRANCH])).trim().split('\n');
    expect(files.sort()).toEqual(['.github/ecosystem-sync/features-a.json', 'README.md', 'app/a/x.txt', 'app/a/z.txt', 'subscriptions.json']);
    expect(await f.cousin.git.output(['show', `${BRANCH}:app/a/x.txt`])).toBe('x1\n');
  });

  it("into the root deletes only what upstream deleted, never the cousin's own files", async () => {
    const f = await localFixture(scratch, 'copyroot', { 'features/a/x.txt': 'x\n', 'features/a/y.txt': 'y\n' }, { 'README.md': 'cousin\n' }, withMethod('copy', '.'));
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.upstream.commit({ 'features/a/y.txt': null });
    await f.sync(await f.publish());
    const files = (await f.cousin.git.output(['ls-tree', '-r', '--name-only', BRANCH])).trim().split('\n');
    expect(files.sort()).toEqual(['.github/ecosystem-sync/features-a.json', 'README.md', 'subscriptions.json', 'x.txt']);
  });
});

describe('cherry-pick', () => {
  it('replays each upstream commit that touched the feature, with its author, message and own trailer', async () => {
    const f = await localFixture(scratch, 'pick', { 'features/a/main.py': lines(6), 'features/b/x': '1' }, {}, withMethod('cherry-pick', 'features/a'));
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    const author = { GIT_AUTHOR_NAME: 'Ada Upstream', GIT_AUTHOR_EMAIL: 'ada@example.com' };
    const one = await f.upstream.commit({ 'features/a/main.py': lines(6).replace('line 1\n', 'one\n') }, 'First fix\n\nWith a body.', author);
    await f.upstream.commit({ 'features/b/x': '2' }, 'Unrelated');
    const two = await f.upstream.commit({ 'features/a/main.py': lines(6).replace('line 1\n', 'one\n').replace('line 6\n', 'six\n') }, 'Second fix', author);
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.commits).toHaveLength(2);
    const log = await f.cousin.git.output(['log', '--format=%an|%s|%(trailers:key=Upstream-Commit,valueonly,separator=)', '-2', BRANCH]);
    expect(log.trim().split('\n')).toEqual([`Ada Upstream|Second fix|${two}`, `Ada Upstream|First fix|${one}`]);
    expect(await f.cousin.git.output(['log', '-1', '--skip=1', '--format=%B', BRANCH])).toContain(`With a body.\n\n(cherry picked from ${UPSTREAM}@${one})`);
    expect(await f.cousin.git.output(['show', `${BRANCH}:features/a/main.py`])).toBe(lines(6).replace('line 1\n', 'one\n').replace('line 6\n', 'six\n'));
  });
});

describe('squash', () => {
  it('brings the change as one commit that lists the squashed upstream commits', async () => {
    const f = await localFixture(scratch, 'squash', { 'features/a/main.py': lines(4) }, {}, withMethod('squash'));
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    const before = (await f.cousin.git.output(['rev-list', '--count', BRANCH])).trim();
    await f.upstream.commit({ 'features/a/main.py': lines(5) }, 'Add line five');
    await f.upstream.commit({ 'features/a/main.py': lines(6) }, 'Add line six');
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.commits).toHaveLength(1);
    expect((await f.cousin.git.output(['rev-list', '--count', BRANCH])).trim()).toBe(String(Number(before) + 1));
    const message = await f.cousin.git.output(['log', '-1', '--format=%B', BRANCH]);
    expect(message).toMatch(/Squashed upstream commits:\n\n\* [0-9a-f]{12} Add line five\n\* [0-9a-f]{12} Add line six/);
    expect(await f.cousin.git.output(['show', `${BRANCH}:app/a/main.py`])).toBe(lines(6));
  });
});

describe('merge', () => {
  it('merges a split of the feature only, and later merges keep local edits through a real merge base', async () => {
    const f = await localFixture(scratch, 'merge', { 'features/a/main.py': lines(10), 'features/b/secret.txt': 'not for cousins\n' }, { 'README.md': 'cousin\n' }, withMethod('merge'));
    const first = await f.sync(await f.upstream.head());
    expect(first.features[0]).toMatchObject({ status: 'committed-locally', firstSync: true });
    expect((await f.cousin.git.output(['log', '-1', '--format=%P', BRANCH])).trim().split(' ')).toHaveLength(2);
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.cousin.commit({ 'app/a/main.py': lines(10).replace('line 2\n', 'line 2 cousin\n') });
    await f.upstream.commit({ 'features/a/main.py': lines(10).replace('line 9\n', 'line 9 upstream\n'), 'features/a/new.py': 'new\n' });
    const sha = await f.publish();
    const second = await f.sync(sha);
    expect(second.features[0]!.conflicts).toEqual([]);
    const text = await f.cousin.git.output(['show', `${BRANCH}:app/a/main.py`]);
    expect(text).toContain('line 2 cousin\n');
    expect(text).toContain('line 9 upstream\n');
    const files = (await f.cousin.git.output(['ls-tree', '-r', '--name-only', BRANCH])).trim().split('\n');
    expect(files.sort()).toEqual(['.github/ecosystem-sync/features-a.json', 'README.md', 'app/a/main.py', 'app/a/new.py', 'subscriptions.json']);
    // No monorepo file, in any commit the cousin now holds.
    const everything = await f.cousin.git.output(['log', '--all', '--name-only', '--format=']);
    expect(everything).not.toContain('secret.txt');
    expect(await f.cousin.git.output(['log', '-1', '--format=%(trailers:key=Upstream-Commit,valueonly)', BRANCH])).toBe(`${sha}\n\n`);
  });
});
