import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectedPayload } from '@ecosystem-dispatcher/core';
import { localFixture, UPSTREAM, type LocalFixture } from './test-support/local-sync.js';
import { repoFingerprint, Scratch } from './test-support/repos.js';

let scratch: Scratch;
let f: LocalFixture;
let good: string;
let offBranch: string;
const config = { upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a', 'features/linked': 'app/linked' } };

beforeAll(async () => {
  scratch = await Scratch.create();
  f = await localFixture(scratch, 'reject', { 'features/a/main.py': 'x\n', 'features/linked/ok': { link: 'main.txt' }, 'features/linked/main.txt': 't\n' }, { 'README.md': 'cousin\n' }, config);
  good = await f.upstream.head();
  await f.upstream.git.run(['checkout', '--quiet', '-b', 'topic']);
  offBranch = await f.upstream.commit({ 'features/a/main.py': 'topic\n' });
  await f.upstream.git.run(['push', '--quiet', 'origin', 'topic']);
  await f.upstream.git.run(['checkout', '--quiet', 'main']);
});
afterAll(() => scratch.remove());

/** Runs a sync that must be rejected, and proves the cousin was not written to. */
async function expectRejected(run: () => Promise<unknown>, reason: RegExp): Promise<void> {
  const before = await repoFingerprint(f.cousin.git);
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RejectedPayload);
  expect((error as RejectedPayload).exitCode).toBe(1);
  expect((error as Error).message).toMatch(reason);
  expect(await repoFingerprint(f.cousin.git)).toBe(before);
}

describe('a dispatch is rejected, with nothing written', () => {
  it('when a feature carries shell text, which never runs', async () => {
    const marker = join(scratch.dir, 'MARKER');
    const feature = `features/a$(touch ${marker})`;
    await expectRejected(() => f.sync(f.dispatch(good, [feature])), /is not one this cousin subscribes to/);
    await expectRejected(() => f.sync(f.dispatch(good, [`features/a; touch ${marker}`])), /is not one this cousin subscribes to/);
    await expect(access(marker)).rejects.toThrow();
  });

  it('when it names a feature the cousin does not follow', async () => {
    await expectRejected(() => f.sync(f.dispatch(good, ['features/b'])), /feature "features\/b" is not one/);
  });

  it('when it comes from another repository', async () => {
    await expectRejected(() => f.sync(f.dispatch(good, ['features/a'], { source_repo: 'mallory/monorepo' })), /not this cousin's upstream/);
  });

  it('when the commit does not exist upstream', async () => {
    await expectRejected(() => f.sync('d'.repeat(40)), /does not exist in the upstream repository/);
  });

  it('when the commit is not on the default branch', async () => {
    await expectRejected(() => f.sync(offBranch), /is not on the upstream default branch main/);
  });

  it('when the commit is older than maxAgeDays', async () => {
    const later = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    await expectRejected(() => f.sync(good, { now: later }), /older than maxAgeDays 30/);
  });

  it('when a symlink of the feature points out of it', async () => {
    await f.upstream.commit({ 'features/linked/escape': { link: '../../../etc/passwd' } });
    const sha = await f.publish();
    await expectRejected(() => f.sync(f.dispatch(sha, ['features/linked'])), /symlink features\/linked\/escape points to "..\/..\/..\/etc\/passwd", which leaves the feature/);
    await f.upstream.commit({ 'features/linked/escape': null });
    await f.publish();
  });

  it('when symlinks that each stay inside lead out of the feature through each other', async () => {
    const chain = {
      'features/linked/d1/d2/d3/d4/q': { link: '..' },
      'features/linked/d1/d2/d3/q': { link: '..' },
      'features/linked/d1/d2/q': { link: '..' },
      'features/linked/d1/q': { link: '../d1' },
      'features/linked/d1/d2/d3/d4/p': { link: 'q/q/q/q/../../../../../etc/passwd' },
    };
    await f.upstream.commit(chain);
    const sha = await f.publish();
    await expectRejected(() => f.sync(f.dispatch(sha, ['features/linked'])), /symlink features\/linked\/d1\/d2\/d3\/d4\/p points to "q\/q\/q\/q\/(\.\.\/){5}etc\/passwd", which leaves the feature/);
    await f.upstream.commit(Object.fromEntries(Object.keys(chain).map((path) => [path, null])));
    await f.publish();
  });
});

describe('a tree git fsck would refuse', () => {
  it('is rejected when the feature holds a .GIT folder (crafted: git add refuses one)', async () => {
    const git = f.upstream.git;
    const blob = (await git.output(['hash-object', '-w', '--stdin'], { input: '[core]\n\thooksPath = /tmp\n' })).trim();
    const mk = async (entries: string) => (await git.output(['mktree'], { input: entries })).trim();
    const dotGit = await mk(`100644 blob ${blob}\tconfig\n`);
    const head = await f.upstream.head();
    const oldA = (await git.output(['rev-parse', `${head}:features/a`])).trim();
    const listed = await git.output(['ls-tree', oldA]);
    const featureA = await mk(`${listed}040000 tree ${dotGit}\t.GIT\n`);
    const rootList = await git.output(['ls-tree', head]);
    const featuresList = (await git.output(['ls-tree', `${head}:features`])).replace(oldA, featureA);
    const features = await mk(featuresList);
    const root = await mk(rootList.replace(/^(040000 tree )[0-9a-f]+(\tfeatures)$/m, `$1${features}$2`));
    const crafted = (await git.output(['commit-tree', root, '-p', head, '-m', 'a .GIT folder'])).trim();
    await git.run(['push', '--quiet', 'origin', `${crafted}:refs/heads/main`]);
    await expectRejected(() => f.sync(crafted), /upstream entry "features\/a\/\.GIT\/config" is refused: a \.git entry/);
    await git.run(['push', '--quiet', '--force', 'origin', `${head}:refs/heads/main`]);
  });

  it('is rejected when the feature holds a .gitmodules whose URL runs a command', async () => {
    await f.upstream.commit({ 'features/a/.gitmodules': '[submodule "x"]\n\tpath = x\n\turl = ext::sh -c touch% /tmp/pwned\n' });
    const sha = await f.publish();
    await expectRejected(() => f.sync(sha), /upstream entry "features\/a\/\.gitmodules" is refused: a \.gitmodules with the submodule URL "ext::sh -c touch% \/tmp\/pwned"/);
    await f.upstream.commit({ 'features/a/.gitmodules': null });
    await f.publish();
  });
});

describe('symlinks that stay inside the feature', () => {
  it('are synced as symlinks', async () => {
    const result = await f.sync(f.dispatch(await f.upstream.head(), ['features/linked']));
    expect(result.features[0]).toMatchObject({ status: 'committed-locally' });
    const entry = await f.cousin.git.output(['ls-tree', 'ecosystem/sync/features-linked', '--', 'app/linked/ok']);
    expect(entry).toMatch(/^120000 blob /);
    expect(await f.cousin.git.output(['cat-file', '-p', 'ecosystem/sync/features-linked:app/linked/ok'])).toBe('main.txt');
  });
});

describe('a dry run', () => {
  it('verifies and says what it would do, writing nothing', async () => {
    const before = await repoFingerprint(f.cousin.git);
    const result = await f.sync(good, { dryRun: true });
    expect(result.features[0]).toMatchObject({ status: 'dry-run' });
    expect(result.log.join('\n')).toMatch(/would copy the feature \(first sync\).*nothing written/);
    expect(await repoFingerprint(f.cousin.git)).toBe(before);
  });
});
