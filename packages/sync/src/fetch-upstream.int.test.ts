import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamRepo } from './fetch-upstream.js';
import { Scratch, TEST_GIT_ENV, type WorkRepo } from './test-support/repos.js';

let scratch: Scratch;
let work: WorkRepo;
let bare: string;
let first: string;
let last: string;

beforeAll(async () => {
  scratch = await Scratch.create();
  work = await scratch.repo('mono', { 'features/a/x.txt': 'x1\n', 'features/a/sub/y.txt': 'y\n', 'features/b/deep/z.txt': 'z\n', 'libs/big.txt': 'big\n'.repeat(100) });
  first = await work.head();
  await work.commit({ 'features/b/deep/z.txt': 'z2\n' }, 'b only');
  await work.commit({ 'features/a/x.txt': 'x2\n', 'features/a/sub/y.txt': null, 'features/a/sub/y2.txt': 'y\n' }, 'a changes');
  last = await work.commit({ 'libs/big.txt': 'bigger\n' }, 'libs only');
  bare = await scratch.bare('mono', work);
});
afterAll(() => scratch.remove());

/** Objects of `rev` the partial copy does not hold (rev-list --missing=print never fetches). */
async function missingPaths(upstream: UpstreamRepo, rev: string): Promise<Set<string>> {
  const missing = (await upstream.git.output(['rev-list', '--objects', '--missing=print', rev])).split('\n').filter((l) => l.startsWith('?')).map((l) => l.slice(1));
  const named = new Map((await work.git.output(['rev-list', '--objects', rev])).split('\n').map((l) => [l.slice(0, 40), l.slice(41)] as const));
  return new Set(missing.map((oid) => named.get(oid) ?? oid));
}

describe('the partial upstream copy', () => {
  it('holds the history, the feature trees and nothing of other features', async () => {
    const upstream = await UpstreamRepo.create({ url: `file://${bare}` }, { env: TEST_GIT_ENV });
    try {
      expect(upstream.defaultBranch).toBe('main');
      expect(await upstream.fetchHistory()).toBe(last);
      expect(await upstream.reachability(first)).toBe('reachable');
      await upstream.fetchFeatureTrees([first, last], ['features/a']);
      expect((await upstream.listFeature(last, 'features/a')).map((e) => e.path)).toEqual(['features/a/sub/y2.txt', 'features/a/x.txt']);
      const changes = await upstream.diffFeature(first, last, 'features/a');
      expect(changes.map((c) => [c.status, c.oldPath ?? '', c.path])).toEqual([
        ['R', 'features/a/sub/y.txt', 'features/a/sub/y2.txt'],
        ['M', '', 'features/a/x.txt'],
      ]);
      expect((await upstream.commitsTouching(first, last, 'features/a')).map((c) => c.subject)).toEqual(['a changes']);
      const missing = await missingPaths(upstream, last);
      // Other folders' trees were never fetched, so nothing below them either.
      for (const path of ['features/b', 'libs']) expect(missing, path).toContain(path);
      const blobs = await upstream.readBlobs([changes[1]!.newOid]);
      expect(blobs.get(changes[1]!.newOid)!.toString()).toBe('x2\n');
      expect(await missingPaths(upstream, last)).toContain('libs');
    } finally {
      await upstream.remove();
    }
  });
});
