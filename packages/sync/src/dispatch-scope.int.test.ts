import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectedPayload } from '@ecosystem-dispatcher/core';
import { FeaturesFailed } from './sync-run.js';
import { localFixture, UPSTREAM } from './test-support/local-sync.js';
import { repoFingerprint, Scratch } from './test-support/repos.js';

let scratch: Scratch;
beforeAll(async () => {
  scratch = await Scratch.create();
});
afterAll(() => scratch.remove());

describe('a dispatch naming more features than the cousin follows', () => {
  it('syncs the followed ones and reports the rest', async () => {
    const features = Array.from({ length: 10 }, (_, i) => `features/f${i}`);
    const files = Object.fromEntries(features.map((feature) => [`${feature}/main.txt`, `${feature}\n`]));
    const config = { upstream: UPSTREAM, subscriptions: { 'features/f2': 'app/f2', 'features/f7': 'app/f7' } };
    const f = await localFixture(scratch, 'partial', files, {}, config);
    const result = await f.sync(f.dispatch(await f.upstream.head(), features));
    expect(result.features.map((r) => [r.feature, r.status])).toEqual([
      ['features/f2', 'committed-locally'],
      ['features/f7', 'committed-locally'],
    ]);
    expect(result.notFollowed).toEqual(features.filter((feature) => !['features/f2', 'features/f7'].includes(feature)));
    expect(result.log.filter((line) => line.startsWith('not synced: '))).toHaveLength(8);
    expect(result.log.join('\n')).toMatch(/not synced: "features\/f0" is not followed by this cousin \(subscribed: features\/f2, features\/f7\)/);
  });

  it('is rejected when it names none of them', async () => {
    const f = await localFixture(scratch, 'none', { 'features/a/x': 'x\n', 'features/b/x': 'x\n' }, {}, { upstream: UPSTREAM, subscriptions: { 'features/a': 'a' } });
    const before = await repoFingerprint(f.cousin.git);
    await expect(f.sync(f.dispatch(await f.upstream.head(), ['features/b', 'features/c']))).rejects.toThrow(RejectedPayload);
    expect(await repoFingerprint(f.cousin.git)).toBe(before);
  });
});

describe('a dispatch that would roll the feature back', () => {
  const config = { upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } };

  /** main: start ─ fix (synced) ─ merge of a side branch cut from start (the side commit changes another file). */
  async function historyWithSideBranch(name: string) {
    const f = await localFixture(scratch, name, { 'features/a/auth.py': 'check = False\n', 'features/a/notes.txt': 'notes\n' }, {}, config);
    const start = await f.upstream.head();
    await f.upstream.git.run(['checkout', '--quiet', '-b', 'side']);
    const side = await f.upstream.commit({ 'features/a/notes.txt': 'notes from the side\n' }, 'side work');
    await f.upstream.git.run(['checkout', '--quiet', 'main']);
    const fix = await f.upstream.commit({ 'features/a/auth.py': 'check = True\n' }, 'security fix');
    await f.publish();
    const synced = await f.sync(fix);
    expect(synced.features[0]).toMatchObject({ status: 'committed-locally' });
    // The sync is merged: the cousin's main now carries the fix.
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', 'ecosystem/sync/features-a']);
    await f.upstream.git.run(['merge', '--quiet', '--no-edit', 'side']);
    await f.publish();
    return { f, start, side, fix };
  }

  it('is refused when the commit is beside the last sync (reachable from main, not after it)', async () => {
    const { f, side } = await historyWithSideBranch('rollback');
    const before = await repoFingerprint(f.cousin.git);
    const error = await f.sync(side).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FeaturesFailed);
    const failure = (error as FeaturesFailed).failures[0]!.error;
    expect(failure).toBeInstanceOf(RejectedPayload);
    expect((failure as Error).message).toMatch(/does not come after the last sync .*would roll upstream changes back/);
    expect(await repoFingerprint(f.cousin.git)).toBe(before);
    expect(await f.cousin.read('app/a/auth.py')).toBe('check = True\n');
  });

  it('is a stale no-op when the commit is already part of the last sync', async () => {
    const { f, start } = await historyWithSideBranch('stale');
    const result = await f.sync(start);
    expect(result.features[0]).toMatchObject({ status: 'stale' });
  });

  it('goes ahead in pull mode when asked explicitly', async () => {
    const { f, side } = await historyWithSideBranch('explicit');
    const result = await f.sync({ kind: 'pull', feature: 'features/a', to: side, allowRollback: true });
    expect(result.features[0]).toMatchObject({ status: 'committed-locally' });
    expect(await f.cousin.git.output(['show', 'ecosystem/sync/features-a:app/a/auth.py'])).toBe('check = False\n');
  });
});
