import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectChanges, parseNameStatus, parseFileList } from './changes.js';
import { EMPTY_TREE_SHA, ZERO_SHA } from './git.js';
import { readEventContext } from './github-event.js';
import { createTempRepo, type TempRepo } from './testing/temp-repo.js';

let repo: TempRepo;
let base: string;

beforeEach(async () => {
  repo = await createTempRepo();
  base = await repo.commit({ 'features/a/x.py': 'x\n', 'features/a/keep.txt': 'k\n'.repeat(20), 'README.md': 'r\n' }, 'base');
});
afterEach(() => repo.remove());

describe('changes of a push', () => {
  it('cover every commit of a multi-commit push, not just the last', async () => {
    await repo.commit({ 'features/a/one.py': '1' });
    const after = await repo.commit({ 'features/b/two.py': '2' });
    const changes = await detectChanges(repo.git, { kind: 'push', before: base, after });
    expect(changes.files.map((f) => f.path).sort()).toEqual(['features/a/one.py', 'features/b/two.py']);
  });

  it('report renames with both paths, and deletions', async () => {
    const after = await repo.commit({ 'features/a/keep.txt': null, 'features/b/kept.txt': 'k\n'.repeat(20), 'features/a/x.py': null });
    const { files } = await detectChanges(repo.git, { kind: 'push', before: base, after });
    expect(files).toContainEqual({ status: 'R', oldPath: 'features/a/keep.txt', path: 'features/b/kept.txt' });
    expect(files).toContainEqual({ status: 'D', path: 'features/a/x.py' });
  });

  it('keep names with spaces, quotes, unicode and newlines intact', async () => {
    const odd = ['features/a/with space.txt', 'features/a/"quoted".txt', 'features/a/été.txt', 'features/a/new\nline.txt', 'features/a/tab\there.txt'];
    const after = await repo.commit(Object.fromEntries(odd.map((p) => [p, 'x'])));
    const { files } = await detectChanges(repo.git, { kind: 'push', before: base, after });
    expect(files.map((f) => f.path).sort()).toEqual([...odd].sort());
  });

  it('of a new branch (before is zeros) diff from the merge-base with the default branch', async () => {
    await repo.git.run(['checkout', '--quiet', '-b', 'topic']);
    const after = await repo.commit({ 'features/a/topic.py': 't' });
    const changes = await detectChanges(repo.git, { kind: 'push', before: ZERO_SHA, after, defaultBranch: 'main' });
    expect(changes.base).toBe(base);
    expect(changes.files.map((f) => f.path)).toEqual(['features/a/topic.py']);
    expect(changes.note).toMatch(/new branch/);
  });

  it('of a force push whose before is gone diff from the merge-base', async () => {
    await repo.git.run(['checkout', '--quiet', '-b', 'topic']);
    const after = await repo.commit({ 'features/a/rewritten.py': 'r' });
    const gone = 'f'.repeat(40);
    const changes = await detectChanges(repo.git, { kind: 'push', before: gone, after, defaultBranch: 'main' });
    expect(changes.base).toBe(base);
    expect(changes.files.map((f) => f.path)).toEqual(['features/a/rewritten.py']);
    expect(changes.note).toMatch(/force push/);
  });

  it('with no common history with the default branch count every file', async () => {
    await repo.git.run(['checkout', '--quiet', '--orphan', 'lonely']);
    const after = await repo.commit({ 'features/z/only.py': 'o' });
    const changes = await detectChanges(repo.git, { kind: 'push', before: ZERO_SHA, after, defaultBranch: 'main' });
    expect(changes.base).toBe(EMPTY_TREE_SHA);
    expect(changes.files.map((f) => f.path)).toContain('features/z/only.py');
  });

  it('of a deleted branch yield nothing', async () => {
    const changes = await detectChanges(repo.git, { kind: 'push', before: base, after: ZERO_SHA });
    expect(changes.files).toEqual([]);
    expect(changes.note).toMatch(/deleted/);
  });

  it('name a missing commit with a way to fix it', async () => {
    await expect(detectChanges(repo.git, { kind: 'push', before: base, after: 'e'.repeat(40) })).rejects.toThrow(/fetch-depth: 0/);
  });
});

describe('changes of a pull request', () => {
  it('use three dots: what the PR adds, not what main gained since', async () => {
    await repo.git.run(['checkout', '--quiet', '-b', 'pr']);
    const head = await repo.commit({ 'features/a/pr.py': 'p' });
    await repo.git.run(['checkout', '--quiet', 'main']);
    const mainAhead = await repo.commit({ 'features/b/main-only.py': 'm' });
    const changes = await detectChanges(repo.git, { kind: 'pull_request', base: mainAhead, head });
    expect(changes.files.map((f) => f.path)).toEqual(['features/a/pr.py']);
  });
});

describe('changes of a merge group', () => {
  it('diff base_sha..head_sha', async () => {
    const head = await repo.commit({ 'features/a/queued.py': 'q' });
    const changes = await detectChanges(repo.git, { kind: 'merge_group', base, head });
    expect(changes.files.map((f) => f.path)).toEqual(['features/a/queued.py']);
  });
});

describe('reading events', () => {
  it('reads a push event', () => {
    const context = readEventContext({ before: 'a'.repeat(40), after: 'b'.repeat(40), ref: 'refs/heads/main', repository: { full_name: 'acme/mono', default_branch: 'trunk' } });
    expect(context).toEqual({ range: { kind: 'push', before: 'a'.repeat(40), after: 'b'.repeat(40), defaultBranch: 'trunk' }, ref: 'refs/heads/main', sourceRepo: 'acme/mono', defaultBranch: 'trunk' });
  });

  it('reads pull_request and merge_group events', () => {
    expect(readEventContext({ pull_request: { number: 7, base: { sha: 'a' }, head: { sha: 'b' } } }).range).toEqual({ kind: 'pull_request', base: 'a', head: 'b' });
    expect(readEventContext({ merge_group: { base_sha: 'a', head_sha: 'b' } }).range).toEqual({ kind: 'merge_group', base: 'a', head: 'b' });
  });

  it('refuses an event it cannot plan from', () => {
    expect(() => readEventContext({ action: 'opened' }, 'issues')).toThrow(/cannot plan from a issues event/);
    expect(() => readEventContext({}, 'push')).toThrow(/without before\/after/);
  });
});

describe('parsing', () => {
  it('reads -z name-status output with renames', () => {
    expect(parseNameStatus('M\0a b\0R100\0old\0new\0D\0gone\0')).toEqual([
      { status: 'M', path: 'a b' },
      { status: 'R', oldPath: 'old', path: 'new' },
      { status: 'D', path: 'gone' },
    ]);
  });

  it('reads file lists by line or by NUL', () => {
    expect(parseFileList('a\r\n\nb c\n', false).map((f) => f.path)).toEqual(['a', 'b c']);
    expect(parseFileList('a\nb\0c\0', true).map((f) => f.path)).toEqual(['a\nb', 'c']);
  });
});
