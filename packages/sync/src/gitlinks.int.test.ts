import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFixture, UPSTREAM, type LocalFixture } from './test-support/local-sync.js';
import { Scratch } from './test-support/repos.js';

let scratch: Scratch;
beforeAll(async () => (scratch = await Scratch.create()));
afterAll(() => scratch.remove());

const BRANCH = 'ecosystem/sync/features-a';
const ONE = '1'.repeat(40);
const TWO = '2'.repeat(40);
const THREE = '3'.repeat(40);

/** A stray submodule entry, as a real project's history has them: a gitlink with no .gitmodules. */
async function pointGitlink(f: LocalFixture, oid: string): Promise<string> {
  await f.upstream.git.run(['update-index', '--add', '--cacheinfo', `160000,${oid},features/a/vendor/lib`]);
  await f.upstream.git.run(['commit', '--quiet', '-m', `vendor/lib at ${oid.slice(0, 7)}`]);
  return f.publish();
}

const entryOf = async (f: LocalFixture, path: string) => (await f.cousin.git.output(['ls-tree', BRANCH, '--', path])).trim();

describe('a submodule entry (gitlink) in the feature', () => {
  for (const method of ['patch', 'copy', 'cherry-pick', 'squash', 'merge']) {
    it(`is carried over as a gitlink on the first sync and on later ones (${method})`, async () => {
      const f = await localFixture(scratch, `gitlink-${method}`, { 'features/a/x.txt': 'x\n' }, {}, { upstream: UPSTREAM, subscriptions: [{ path: 'features/a', to: 'app/a', method }] });
      const first = await pointGitlink(f, ONE);
      await f.sync(first);
      expect(await entryOf(f, 'app/a/vendor/lib')).toBe(`160000 commit ${ONE}\tapp/a/vendor/lib`);
      await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
      const second = await pointGitlink(f, TWO);
      const result = await f.sync(second);
      expect(result.features[0]).toMatchObject({ status: 'committed-locally', conflicts: [] });
      expect(await entryOf(f, 'app/a/vendor/lib')).toBe(`160000 commit ${TWO}\tapp/a/vendor/lib`);
      expect(await entryOf(f, 'app/a/x.txt')).toMatch(/^100644 blob /);
    });
  }

  it('moved by both sides is a conflict that keeps the cousin\'s entry', async () => {
    const f = await localFixture(scratch, 'gitlink-both', { 'features/a/x.txt': 'x\n' }, {}, { upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } });
    await f.sync(await pointGitlink(f, ONE));
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.cousin.git.run(['update-index', '--cacheinfo', `160000,${THREE},app/a/vendor/lib`]);
    await f.cousin.git.run(['commit', '--quiet', '-m', 'cousin moves vendor/lib']);
    const result = await f.sync(await pointGitlink(f, TWO));
    expect(result.features[0]!.conflicts).toEqual([{ path: 'app/a/vendor/lib', reason: expect.stringMatching(/changed on both sides/) }]);
    expect(await entryOf(f, 'app/a/vendor/lib')).toBe(`160000 commit ${THREE}\tapp/a/vendor/lib`);
  });

  for (const method of ['patch', 'copy']) {
    it(`replacing a file at the same path stays a gitlink in the commit (${method})`, async () => {
      const f = await localFixture(scratch, `file2gitlink-${method}`, { 'features/a/x.txt': 'x\n', 'features/a/vendor/lib': 'a plain file first\n' }, {}, { upstream: UPSTREAM, subscriptions: [{ path: 'features/a', to: 'app/a', method }] });
      await f.sync(await f.upstream.head());
      await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
      await f.upstream.git.run(['rm', '--quiet', '--cached', 'features/a/vendor/lib']);
      await pointGitlink(f, ONE);
      const result = await f.sync(await f.upstream.head());
      expect(result.features[0]).toMatchObject({ status: 'committed-locally', conflicts: [] });
      expect(await entryOf(f, 'app/a/vendor/lib')).toBe(`160000 commit ${ONE}\tapp/a/vendor/lib`);
    });
  }
});
