import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFixture, UPSTREAM, type LocalFixture } from './test-support/local-sync.js';
import { Scratch } from './test-support/repos.js';

let scratch: Scratch;
beforeAll(async () => (scratch = await Scratch.create()));
afterAll(() => scratch.remove());

const BRANCH = 'ecosystem/sync/features-a';
const atRoot = (method: string, extra: object = {}) => ({ upstream: UPSTREAM, subscriptions: [{ path: 'features/a', to: '.', method }], ...extra });
const show = (f: LocalFixture, path: string) => f.cousin.git.output(['show', `${BRANCH}:${path}`]).catch(() => undefined);
const paths = (result: { features: { conflicts: { path: string }[] }[] }) => result.features[0]!.conflicts.map((c) => c.path).sort();

const COUSIN_OWN = {
  'README.md': 'the cousin README\n',
  LICENSE: 'the cousin licence\n',
  '.github/workflows/ci.yml': 'name: cousin ci\n',
  '.gitattributes': '*.txt text\n',
};
const UPSTREAM_CONTROL = {
  'features/a/app.py': 'print(1)\n',
  'features/a/README.md': 'upstream README\n',
  'features/a/subscriptions.json': '{"upstream":"mallory/elsewhere","subscriptions":["x"]}\n',
  'features/a/.github/workflows/ci.yml': 'name: upstream ci\n',
  'features/a/.GitAttributes': '*.py -diff\n',
};

describe("a feature synced into the cousin's root", () => {
  for (const method of ['patch', 'copy', 'merge']) {
    it(`never rewrites the cousin's README, subscriptions.json, workflows or .git* files on the first sync (${method})`, async () => {
      const f = await localFixture(scratch, `root-first-${method}`, UPSTREAM_CONTROL, COUSIN_OWN, atRoot(method));
      const config = await f.cousin.read('subscriptions.json');
      const result = await f.sync(await f.upstream.head());
      expect(await show(f, 'app.py')).toBe('print(1)\n');
      expect(await show(f, 'README.md')).toBe('the cousin README\n');
      expect(await show(f, 'subscriptions.json')).toBe(config);
      expect(await show(f, '.github/workflows/ci.yml')).toBe('name: cousin ci\n');
      expect(await show(f, '.GitAttributes')).toBeUndefined();
      expect(paths(result)).toEqual(['.GitAttributes', '.github/workflows/ci.yml', 'README.md', 'subscriptions.json']);
      expect(result.features[0]!.conflicts.every((c) => /^protected \(/.test(c.reason))).toBe(true);
    });
  }

  for (const method of ['patch', 'copy', 'cherry-pick', 'squash', 'merge']) {
    it(`does not push a new upstream workflow to the sync branch, and says so (${method})`, async () => {
      const f = await localFixture(scratch, `root-evil-${method}`, { 'features/a/app.py': 'print(1)\n' }, {}, atRoot(method));
      await f.sync(await f.upstream.head());
      await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
      await f.upstream.commit({ 'features/a/.github/workflows/evil.yml': 'on: push\njobs: {}\n' }, 'add a workflow');
      const result = await f.sync(await f.publish());
      expect(result.features[0]).toMatchObject({ status: 'committed-locally' });
      expect(paths(result)).toEqual(['.github/workflows/evil.yml']);
      expect(result.features[0]!.conflicts[0]!.reason).toMatch(/^protected \(\.github\/\*\*\): upstream (changed it|has another version), and a sync never writes here/);
      expect(await f.cousin.git.output(['ls-tree', '-r', '--name-only', BRANCH, '--', '.github/workflows'])).toBe('');
    });
  }

  it("copy keeps the cousin's own LICENSE when upstream adds one, and when upstream deletes it later", async () => {
    const f = await localFixture(scratch, 'root-license', { 'features/a/app.py': '1\n' }, { LICENSE: 'the cousin licence\n' }, atRoot('copy'));
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.upstream.commit({ 'features/a/LICENSE': 'upstream licence\n' });
    const added = await f.sync(await f.publish());
    expect(paths(added)).toEqual(['LICENSE']);
    expect(await show(f, 'LICENSE')).toBe('the cousin licence\n');
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.upstream.commit({ 'features/a/LICENSE': null, 'features/a/app.py': '2\n' });
    const deleted = await f.sync(await f.publish());
    expect(paths(deleted)).toEqual(['LICENSE']);
    expect(await show(f, 'LICENSE')).toBe('the cousin licence\n');
    expect(await show(f, 'app.py')).toBe('2\n');
  });
});

describe('the protect setting', () => {
  it('protects the paths the cousin lists, anywhere, in any case; and replaces the README/LICENSE default', async () => {
    const config = { upstream: UPSTREAM, subscriptions: { 'features/a': '.' }, protect: ['config/**', 'Makefile'] };
    const f = await localFixture(scratch, 'protect-list', { 'features/a/x.txt': '1\n', 'features/a/config/db.yml': 'u\n' }, {}, config);
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.upstream.commit({ 'features/a/Config/db.yml': 'upstream\n', 'features/a/config/db.yml': 'changed\n', 'features/a/makefile': 'all:\n', 'features/a/README.md': 'readme\n' });
    const result = await f.sync(await f.publish());
    expect(paths(result)).toEqual(['Config/db.yml', 'config/db.yml', 'makefile']);
    // Protected from the first sync on: upstream's file was never added.
    expect(await show(f, 'config/db.yml')).toBeUndefined();
    expect(await show(f, 'README.md')).toBe('readme\n');
  });

  it('also guards a destination folder: a .gitattributes upstream adds there is not written', async () => {
    const f = await localFixture(scratch, 'protect-nested', { 'features/a/x.txt': '1\n' }, {}, { upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } });
    await f.sync(await f.upstream.head());
    await f.cousin.git.run(['merge', '--quiet', '--ff-only', BRANCH]);
    await f.upstream.commit({ 'features/a/.gitattributes': '*.txt -diff\n', 'features/a/x.txt': '2\n' });
    const result = await f.sync(await f.publish());
    expect(paths(result)).toEqual(['app/a/.gitattributes']);
    expect(await show(f, 'app/a/.gitattributes')).toBeUndefined();
    expect(await show(f, 'app/a/x.txt')).toBe('2\n');
  });
});
