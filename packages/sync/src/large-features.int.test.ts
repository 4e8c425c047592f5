import { describe, expect, it } from 'vitest';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { type Scratch, type FileSpec } from './test-support/repos.js';
import { useSimAndScratch } from './test-support/sim-lifecycle.js';
import { simFixture } from './test-support/sim-fixture.js';

let sim: Sim;
let scratch: Scratch;
useSimAndScratch((started, folder) => {
  sim = started;
  scratch = folder;
});

const BRANCH = 'ecosystem/sync/features-big';
const MANY = 1_001;
// 1.5 MB of numbered lines: over the 1 MB the contents API serves inline, text so that git merges it line by line.
const bigText = (edit: (line: number) => string | undefined = () => undefined) =>
  Array.from({ length: 49_152 }, (_, i) => edit(i) ?? `line ${String(i).padStart(6, '0')} of a large generated file.\n`).join('');
const manyFiles = (count: number): FileSpec => Object.fromEntries(Array.from({ length: count }, (_, i) => [`features/big/many/file-${String(i).padStart(4, '0')}.txt`, `file ${i}\n`]));
// 1,000 siblings sort before the feature: the parent's contents listing (1,000 entries at most) never reaches it.
const siblings: FileSpec = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`features/aaa-${String(i).padStart(4, '0')}.txt`, `${i}\n`]));

describe('a feature beyond what the contents API serves', () => {
  it('syncs a folder of 1,001 files and a 1.5 MB file through git, and merges the next change 3-way', async () => {
    const f = await simFixture(sim, scratch, 'large', { ...siblings, ...manyFiles(MANY), 'features/big/data.txt': bigText() }, {}, { subscriptions: { 'features/big': 'vendor/big' } });
    expect(bigText().length).toBeGreaterThan(1_500_000);
    const first = await f.sync(f.dispatch(await f.upstream.head(), ['features/big']));
    expect(first.features[0]).toMatchObject({ status: 'proposed', conflicts: [] });
    await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
    const listed = (await f.cousin.git.output(['ls-tree', '-r', '--name-only', `origin/${BRANCH}`, '--', 'vendor/big/many'])).trim().split('\n');
    expect(listed).toHaveLength(MANY);
    expect(await f.cousin.git.output(['show', `origin/${BRANCH}:vendor/big/data.txt`])).toBe(bigText());
    expect(sim.pulls(f.cousinName)[0]!.body).toMatch(/### Files changed \(1003\)[\s\S]*- … and \d+ more/);

    // The cousin squash-merges the PR and edits the big file; upstream edits other lines of it and adds a 1,002nd file.
    const [owner = '', repo = ''] = f.cousinName.split('/');
    await f.octokit.rest.pulls.merge({ owner, repo, pull_number: sim.pulls(f.cousinName)[0]!.number, merge_method: 'squash' });
    await f.cousin.git.run(['pull', '--quiet', '--ff-only', 'origin', 'main']);
    await f.cousin.commit({ 'vendor/big/data.txt': bigText((i) => (i === 10 ? 'the cousin\'s own line\n' : undefined)) }, 'Cousin edit');
    await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
    await f.upstream.commit({ 'features/big/data.txt': bigText((i) => (i === 40_000 ? 'upstream\'s new line\n' : undefined)), 'features/big/many/file-1001.txt': 'file 1001\n' }, 'Grow the feature');
    const second = await f.sync(f.dispatch(await f.publish(), ['features/big']));
    expect(second.features[0]).toMatchObject({ status: 'proposed', conflicts: [] });
    await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
    const merged = bigText((i) => (i === 10 ? 'the cousin\'s own line\n' : i === 40_000 ? 'upstream\'s new line\n' : undefined));
    expect(await f.cousin.git.output(['show', `origin/${BRANCH}:vendor/big/data.txt`])).toBe(merged);
    expect(await f.cousin.git.output(['show', `origin/${BRANCH}:vendor/big/many/file-1001.txt`])).toBe('file 1001\n');

    // The parent's listing was asked for and stopped at 1,000 entries; no file of the feature went through the contents API: git brought them.
    const contents = sim.requests().filter((r) => r.method === 'GET' && r.path.startsWith(`/repos/${f.upstreamName}/contents/`));
    expect(contents.length).toBeGreaterThan(0);
    expect(contents.filter((r) => r.path !== `/repos/${f.upstreamName}/contents/features`)).toEqual([]);
  });
});
