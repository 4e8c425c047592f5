import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { UpstreamRepo } from './fetch-upstream.js';
import { simFixture, type SimFixture } from './test-support/sim-fixture.js';
import { Scratch, TEST_GIT_ENV } from './test-support/repos.js';
import { parseLsTree, parseRawDiff } from './tree-entries.js';

let sim: Sim;
let scratch: Scratch;
let f: SimFixture;
const c: Record<string, string> = {};

beforeAll(async () => {
  sim = await startSim();
  scratch = await Scratch.create();
  f = await simFixture(sim, scratch, 'trees', {
    'features/a/x.txt': 'x1\n',
    'features/a/sub/y.txt': 'y\n'.repeat(20),
    'features/a/link': { link: 'x.txt' },
    'features/b/deep/z.txt': 'z\n',
    'features/file': 'a feature that is one file\n',
    'libs/big.txt': 'big\n'.repeat(100),
  }, {}, { subscriptions: ['features/a'] });
  const git = f.upstream.git;
  c.start = await f.upstream.head();
  c.bOnly = await f.upstream.commit({ 'features/b/deep/z.txt': 'z2\n' }, 'b only');
  c.aChanges = await f.upstream.commit({ 'features/a/x.txt': { exec: 'x2\n' }, 'features/a/sub/y.txt': null, 'features/a/sub/y2.txt': 'y\n'.repeat(20) + 'y\n' }, 'a changes');
  c.added = await f.upstream.commit({ 'features/new/n.txt': 'n\n', 'features/file': 'changed\n' }, 'new feature');
  // A side branch merged back: a range with a merge.
  await git.run(['checkout', '--quiet', '-b', 'side', c.bOnly]);
  c.side = await f.upstream.commit({ 'features/a/side.txt': 'side\n' }, 'side work on a');
  await git.run(['checkout', '--quiet', 'main']);
  await git.run(['merge', '--quiet', '--no-ff', '-m', 'merge side', 'side']);
  c.merged = await f.upstream.head();
  c.libs = await f.upstream.commit({ 'libs/big.txt': 'bigger\n' }, 'libs only');
  await f.publish();
});
afterAll(async () => {
  await sim.close();
  await scratch.remove();
});

async function upstreamCopy(withApi: boolean): Promise<UpstreamRepo> {
  const [owner = '', repo = ''] = f.upstreamName.split('/');
  const upstream = await UpstreamRepo.create(
    { url: `${sim.gitUrl}/${f.upstreamName}.git`, defaultBranch: 'main' },
    { token: f.token, env: { ...TEST_GIT_ENV, GIT_LITERAL_PATHSPECS: '1' }, api: withApi ? { octokit: f.freshOctokit(), owner, repo } : undefined },
  );
  await upstream.fetchHistory();
  return upstream;
}

/** What git says on the full monorepo clone, path-limited, as the sync read it before trees were named by the API. */
const truth = {
  list: async (commit: string, feature: string) => parseLsTree(await f.upstream.git.output(['ls-tree', '-r', '-z', '--full-tree', commit, '--', feature])),
  diff: async (from: string, to: string, feature: string) => parseRawDiff(await f.upstream.git.output(['diff-tree', '-r', '-z', '--raw', '-M', '--no-abbrev', from, to, '--', feature])),
  log: async (from: string | undefined, to: string, feature: string) =>
    (await f.upstream.git.output(['log', '--format=%H', ...(from ? [`${from}..${to}`] : [to]), '--', feature])).split('\n').filter(Boolean).reverse(),
};

const FEATURES = ['features/a', 'features/a/sub', 'features/new', 'features/file', 'features/none'];
const PAIRS = (): [string | undefined, string][] => [
  [c.start!, c.aChanges!],
  [c.start!, c.added!],
  [c.bOnly!, c.libs!],
  [c.aChanges!, c.merged!],
  [undefined, c.added!],
];

describe('feature trees, named by the API or found by git', () => {
  for (const withApi of [true, false]) {
    it(`${withApi ? 'through the API' : 'by git alone'}: the same files, changes and commits as path-limited git on a full clone`, async () => {
      const upstream = await upstreamCopy(withApi);
      try {
        await upstream.fetchFeatureTrees([c.start!, c.libs!], FEATURES);
        for (const feature of FEATURES) {
          for (const commit of [c.start!, c.added!, c.libs!]) expect(await upstream.listFeature(commit, feature), `${feature} at ${commit}`).toEqual(await truth.list(commit, feature));
          for (const [from, to] of PAIRS()) {
            if (from) expect(await upstream.diffFeature(from, to, feature), `${feature} ${from}..${to}`).toEqual(await truth.diff(from, to, feature));
            expect((await upstream.commitsTouching(from, to, feature)).map((x) => x.sha), `log ${feature} ${from}..${to}`).toEqual(await truth.log(from, to, feature));
          }
        }
        const touching = await upstream.commitsTouching(c.start, c.aChanges!, 'features/a');
        expect(touching).toMatchObject([{ sha: c.aChanges, subject: 'a changes', message: 'a changes', authorName: expect.any(String) }]);
      } finally {
        await upstream.remove();
      }
    });
  }

  it('by git alone, fetches a folder whole even after it was a step on the path to a deeper feature', async () => {
    const upstream = await upstreamCopy(false);
    try {
      await upstream.fetchFeatureTrees([c.libs!], ['features/a/sub']);
      await upstream.fetchFeatureTrees([c.libs!], ['features/a']);
      const tree = (await f.upstream.git.output(['rev-parse', `${c.libs}:features/a`])).trim();
      // --missing=print never fetches: anything still on the server shows with a '?'.
      const missing = (await upstream.git.output(['rev-list', '--objects', '--missing=print', tree])).split('\n').filter((l) => l.startsWith('?'));
      expect(missing).toEqual([]);
    } finally {
      await upstream.remove();
    }
  });

  it('through the API, fetches the feature alone: no root tree, no other folder', async () => {
    const upstream = await upstreamCopy(true);
    try {
      const before = sim.requests().length;
      await upstream.fetchFeatureTrees([c.libs!], ['features/a']);
      expect(sim.requests().slice(before).map((r) => r.path)).toEqual([`/repos/${f.upstreamName}/contents/features`]);
      const missing = (await upstream.git.output(['rev-list', '--objects', '--missing=print', c.libs!])).split('\n').filter((l) => l.startsWith('?')).map((l) => l.slice(1));
      const rootTree = (await f.upstream.git.output(['rev-parse', `${c.libs}^{tree}`])).trim();
      expect(missing).toContain(rootTree);
      expect(await upstream.listFeature(c.libs!, 'features/a')).toEqual(await truth.list(c.libs!, 'features/a'));
    } finally {
      await upstream.remove();
    }
  });
});
