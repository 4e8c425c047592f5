import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFixture, UPSTREAM, type LocalFixture } from './test-support/local-sync.js';
import { Scratch, type FileSpec } from './test-support/repos.js';

let scratch: Scratch;
beforeAll(async () => (scratch = await Scratch.create()));
afterAll(() => scratch.remove());

const BRANCH = 'ecosystem/sync/features-a';
const withMethod = (method: string, to = 'app/a') => ({ upstream: UPSTREAM, subscriptions: [{ path: 'features/a', to, method }] });

/** A fixture whose first sync is merged into the cousin's main, so the next sync has a baseline. */
async function synced(name: string, upstream: FileSpec, method = 'patch', to = 'app/a'): Promise<LocalFixture> {
  const f = await localFixture(scratch, name, upstream, {}, withMethod(method, to));
  await f.sync(await f.upstream.head());
  await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
  return f;
}

const filesOf = async (f: LocalFixture, under = 'app/a') => (await f.cousin.git.output(['ls-tree', '-r', '--name-only', BRANCH, '--', under])).trim().split('\n').sort();
const modeOf = async (f: LocalFixture, path: string) => (await f.cousin.git.output(['ls-tree', BRANCH, '--', path])).split(' ')[0];

describe('an executable bit changed upstream, alone', () => {
  for (const method of ['patch', 'copy', 'cherry-pick', 'squash', 'merge']) {
    it(`is brought in by ${method}`, async () => {
      const f = await synced(`chmod-${method}`, { 'features/a/run.sh': 'echo hi\n' }, method);
      await f.upstream.git.run(['update-index', '--chmod=+x', 'features/a/run.sh']);
      await f.upstream.git.run(['commit', '--quiet', '-m', 'make run.sh executable']);
      const result = await f.sync(await f.publish());
      expect(result.features[0]).toMatchObject({ status: 'committed-locally', conflicts: [] });
      expect(await modeOf(f, 'app/a/run.sh')).toBe('100755');
    });
  }

  it("keeps the cousin's own chmod when upstream changes the content", async () => {
    const f = await synced('chmod-cousin', { 'features/a/run.sh': 'echo 1\n' });
    await f.cousin.git.run(['update-index', '--chmod=+x', 'app/a/run.sh']);
    await f.cousin.git.run(['commit', '--quiet', '-m', 'cousin: executable']);
    await f.cousin.git.run(['reset', '--quiet', '--hard']);
    await f.upstream.commit({ 'features/a/run.sh': 'echo 2\n' });
    await f.sync(await f.publish());
    expect(await modeOf(f, 'app/a/run.sh')).toBe('100755');
    expect(await f.cousin.git.output(['show', `${BRANCH}:app/a/run.sh`])).toBe('echo 2\n');
  });
});

describe('a folder upstream turns into a file', () => {
  it("keeps the cousin's own files in the folder and puts upstream's file beside it, as a conflict", async () => {
    const f = await synced('dir2file', { 'features/a/d/x.txt': 'x\n' });
    await f.cousin.commit({ 'app/a/d/cousin-notes.md': 'mine\n' });
    await f.upstream.commit({ 'features/a/d/x.txt': null, 'features/a/d': 'now a file\n' });
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts).toEqual([{ path: 'app/a/d', reason: expect.stringMatching(/the cousin's folder app\/a\/d still holds its own files: the folder is kept, upstream's file is written to app\/a\/d~upstream/) }]);
    expect(await filesOf(f)).toEqual(['app/a/d/cousin-notes.md', 'app/a/d~upstream']);
    expect(await f.cousin.git.output(['show', `${BRANCH}:app/a/d~upstream`])).toBe('now a file\n');
  });

  it('replaces the folder when it held only upstream files', async () => {
    const f = await synced('dir2file-clean', { 'features/a/d/x.txt': 'x\n' });
    await f.upstream.commit({ 'features/a/d/x.txt': null, 'features/a/d': 'now a file\n' });
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts).toEqual([]);
    expect(await filesOf(f)).toEqual(['app/a/d']);
  });

  it('at a root copy, never deletes the cousin files in it', async () => {
    const f = await synced('dir2file-copy', { 'features/a/d/x.txt': 'x\n' }, 'copy', '.');
    await f.cousin.commit({ 'd/cousin-notes.md': 'mine\n' });
    await f.upstream.commit({ 'features/a/d/x.txt': null, 'features/a/d': 'now a file\n' });
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts.map((c) => c.path)).toEqual(['d']);
    expect(await filesOf(f, 'd')).toEqual(['d/cousin-notes.md']);
    expect(await f.cousin.git.output(['show', `${BRANCH}:d~upstream`])).toBe('now a file\n');
  });
});

describe('a file upstream turns into a folder', () => {
  it("while the cousin edited the file: no crash, the cousin's file kept and upstream's folder put beside it", async () => {
    const f = await synced('file2dir', { 'features/a/d': 'file\n' });
    await f.cousin.commit({ 'app/a/d': 'file, edited by the cousin\n' });
    await f.upstream.commit({ 'features/a/d': null, 'features/a/d/x.txt': 'x\n' });
    const sha = await f.publish();
    for (let run = 0; run < 2; run++) {
      const result = await f.sync(sha);
      expect(result.features[0]!.conflicts.map((c) => c.path).sort()).toEqual(['app/a/d', 'app/a/d/x.txt']);
      expect(await filesOf(f)).toEqual(['app/a/d', 'app/a/d~upstream/x.txt']);
      await f.cousin.git.run(['branch', '--quiet', '-D', BRANCH]);
    }
  });

  it('when the cousin did not edit it: the folder replaces the file', async () => {
    const f = await synced('file2dir-clean', { 'features/a/d': 'file\n' });
    await f.upstream.commit({ 'features/a/d': null, 'features/a/d/x.txt': 'x\n' });
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts).toEqual([]);
    expect(await filesOf(f)).toEqual(['app/a/d/x.txt']);
  });
});

describe('a folder upstream deletes', () => {
  it("leaves the cousin's own files in it, and deletes only upstream's", async () => {
    const f = await synced('rmdir', { 'features/a/d/x.txt': 'x\n', 'features/a/d/e/y.txt': 'y\n', 'features/a/keep.txt': 'k\n' });
    await f.cousin.commit({ 'app/a/d/e/cousin.txt': 'mine\n' });
    await f.upstream.commit({ 'features/a/d/x.txt': null, 'features/a/d/e/y.txt': null });
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts).toEqual([]);
    expect(await filesOf(f)).toEqual(['app/a/d/e/cousin.txt', 'app/a/keep.txt']);
  });
});

describe('symlinks and files trading places', () => {
  it('a file upstream turns into a link (and back) is brought in when the cousin left it alone', async () => {
    const f = await synced('file2link', { 'features/a/main.txt': 'm\n', 'features/a/alias': 'plain\n' });
    await f.upstream.commit({ 'features/a/alias': { link: 'main.txt' } });
    await f.sync(await f.publish());
    expect(await modeOf(f, 'app/a/alias')).toBe('120000');
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.upstream.commit({ 'features/a/alias': 'plain again\n' });
    await f.sync(await f.publish());
    expect(await modeOf(f, 'app/a/alias')).toBe('100644');
  });

  it('a link the cousin replaced by a file, changed upstream too, is a conflict that keeps the file', async () => {
    const f = await synced('link-both', { 'features/a/main.txt': 'm\n', 'features/a/other.txt': 'o\n', 'features/a/alias': { link: 'main.txt' } });
    await f.cousin.commit({ 'app/a/alias': 'the cousin wants a file\n' });
    await f.upstream.commit({ 'features/a/alias': { link: 'other.txt' } });
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts.map((c) => c.path)).toEqual(['app/a/alias']);
    expect(await f.cousin.git.output(['show', `${BRANCH}:app/a/alias`])).toBe('the cousin wants a file\n');
  });
});
