import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFixture, UPSTREAM, type LocalFixture } from './test-support/local-sync.js';
import { Scratch, numberedLines as lines, type FileSpec } from './test-support/repos.js';

let scratch: Scratch;
beforeAll(async () => (scratch = await Scratch.create()));
afterAll(() => scratch.remove());

const BRANCH = 'ecosystem/sync/features-a';
const METHODS = ['patch', 'copy', 'cherry-pick', 'squash', 'merge'];
const withMethod = (method: string) => ({ upstream: UPSTREAM, subscriptions: [{ path: 'features/a', to: 'app/a', method }] });

/** First sync merged into the cousin's main, so the next one is a 3-way sync. */
async function synced(name: string, upstream: FileSpec, method: string, ignoreCase = false): Promise<LocalFixture> {
  const f = await localFixture(scratch, name, upstream, {}, withMethod(method));
  // Left on by a checkout copied from a Mac, or set by a tool: git then treats names as equal in any case.
  if (ignoreCase) await f.cousin.git.run(['config', 'core.ignorecase', 'true']);
  await f.sync(await f.upstream.head());
  await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
  return f;
}

const filesOf = async (f: LocalFixture) => (await f.cousin.git.output(['ls-tree', '-r', '--name-only', BRANCH, '--', 'app/a'])).trim().split('\n').sort();
const show = (f: LocalFixture, path: string) => f.cousin.git.output(['show', `${BRANCH}:${path}`]);

const BEFORE = { 'features/a/Readme.md': lines(5), 'features/a/Docs/one.md': '1\n', 'features/a/Docs/two.md': '2\n' };
const RENAMED = { 'features/a/Readme.md': null, 'features/a/README.md': lines(5), 'features/a/Docs': null, 'features/a/docs/one.md': '1\n', 'features/a/docs/two.md': '2\n' };

describe('a case-only rename upstream (a file and a folder)', () => {
  for (const method of METHODS) {
    for (const ignoreCase of [false, true]) {
      it(`is the same rename in the cousin, nothing deleted or doubled (${method}${ignoreCase ? ', core.ignorecase on' : ''})`, async () => {
        const f = await synced(`case-${method}-${ignoreCase}`, BEFORE, method, ignoreCase);
        await f.upstream.commit(RENAMED, 'Rename to conventional case');
        const result = await f.sync(await f.publish());
        expect(result.features[0]).toMatchObject({ status: 'committed-locally', conflicts: [] });
        expect(await filesOf(f)).toEqual(['app/a/README.md', 'app/a/docs/one.md', 'app/a/docs/two.md']);
        expect(await show(f, 'app/a/README.md')).toBe(lines(5));
      });
    }
  }
});

describe('a case-only rename upstream of a file the cousin edited', () => {
  const cousinEdit = lines(5).replace('line 3', 'cousin 3');
  const upstreamEdit = lines(5).replace('line 3', 'upstream 3');

  for (const method of ['patch', 'cherry-pick', 'squash', 'merge']) {
    it(`carries the cousin's edit into the new name, a conflict where upstream changed the same lines (${method})`, async () => {
      const f = await synced(`case-edit-${method}`, { 'features/a/Readme.md': lines(5) }, method);
      await f.cousin.commit({ 'app/a/Readme.md': cousinEdit });
      await f.upstream.commit({ 'features/a/Readme.md': null, 'features/a/README.md': upstreamEdit }, 'Rename and edit');
      const result = await f.sync(await f.publish());
      expect(result.features[0]!.conflicts.map((c) => c.path)).toEqual(['app/a/README.md']);
      expect(await filesOf(f)).toEqual(['app/a/README.md']);
      const merged = await show(f, 'app/a/README.md');
      expect(merged).toMatch(/<<<<<<< .*\ncousin 3\n=======\nupstream 3\n>>>>>>> /);
    });
  }

  it('with patch, an edit on other lines merges cleanly into the renamed file', async () => {
    const f = await synced('case-edit-clean', { 'features/a/Readme.md': lines(5) }, 'patch');
    await f.cousin.commit({ 'app/a/Readme.md': cousinEdit });
    await f.upstream.commit({ 'features/a/Readme.md': null, 'features/a/README.md': lines(5).replace('line 5', 'upstream 5') }, 'Rename and edit');
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts).toEqual([]);
    expect(await filesOf(f)).toEqual(['app/a/README.md']);
    expect(await show(f, 'app/a/README.md')).toBe(cousinEdit.replace('line 5', 'upstream 5'));
  });

  it('with copy, the destination mirrors upstream: the new name with upstream content (copy never keeps edits)', async () => {
    const f = await synced('case-edit-copy', { 'features/a/Readme.md': lines(5) }, 'copy');
    await f.cousin.commit({ 'app/a/Readme.md': cousinEdit });
    await f.upstream.commit({ 'features/a/Readme.md': null, 'features/a/README.md': upstreamEdit }, 'Rename and edit');
    await f.sync(await f.publish());
    expect(await filesOf(f)).toEqual(['app/a/README.md']);
    expect(await show(f, 'app/a/README.md')).toBe(upstreamEdit);
  });

  it('the cousin renamed it to yet another case: both names kept and listed as a conflict, never a silent duplicate', async () => {
    const f = await synced('case-both', { 'features/a/Readme.md': lines(5) }, 'patch');
    await f.cousin.commit({ 'app/a/Readme.md': null, 'app/a/readme.md': lines(5) });
    await f.upstream.commit({ 'features/a/Readme.md': null, 'features/a/README.md': lines(5) }, 'Rename');
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts).toEqual([{ path: 'app/a/README.md', reason: expect.stringContaining('renamed upstream from app/a/Readme.md, which the cousin had deleted') }]);
    expect(await filesOf(f)).toEqual(['app/a/README.md', 'app/a/readme.md']);
  });
});
