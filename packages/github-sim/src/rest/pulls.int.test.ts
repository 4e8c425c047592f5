import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../index.js';
import { commitFiles, git, tempDir, tokenUrl } from '../test-support/git.js';
import { computedPull, octokit, simWithRepo } from '../test-support/sim.js';

let sim: Sim;
let close: () => Promise<void>;
let work: { path: string; remove: () => Promise<void> };
let clone: string;
let token: string;

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string; errors?: { message?: string }[] }> {
  try {
    await promise;
  } catch (error) {
    const failed = error as { status: number; message: string; response?: { data?: { errors?: { message?: string }[] } } };
    return { status: failed.status, message: failed.message, errors: failed.response?.data?.errors ?? [] };
  }
  throw new Error('expected the request to fail');
}

async function pushBranch(branch: string, files: Record<string, string>, from = 'main'): Promise<string> {
  await git(clone, 'checkout', '--quiet', '-B', branch, `origin/${from}`);
  const sha = await commitFiles(clone, files, `change on ${branch}`);
  await git(clone, 'push', '--quiet', '--force', 'origin', branch);
  return sha;
}

beforeEach(async () => {
  ({ sim, close } = await simWithRepo({ 'README.md': '# widgets\n', 'shared.txt': 'one\ntwo\nthree\n' }, { collaborators: ['maintainer'] }));
  token = sim.createToken({ login: 'sync-bot', repos: ['acme/widgets'] });
  work = await tempDir();
  clone = join(work.path, 'clone');
  await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', token), clone);
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await close();
  await work.remove();
});

describe('pull requests', () => {
  it('lists a pull whose label has no description, as GitHub does (null), within the contract', async () => {
    await pushBranch('sync/labels', { 'l.txt': 'l\n' });
    const client = octokit(sim, token);
    const created = await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/labels', base: 'main', title: 'labels' });
    await client.rest.issues.addLabels({ owner: 'acme', repo: 'widgets', issue_number: created.data.number, labels: ['automated'] });
    const listed = await client.rest.pulls.list({ owner: 'acme', repo: 'widgets', state: 'open' });
    expect(listed.data[0]?.labels).toEqual([expect.objectContaining({ name: 'automated', description: null })]);
  });

  it('creates a pull with the head sha from the bare repository and finds it by head', async () => {
    const headSha = await pushBranch('sync/a', { 'a.txt': 'a\n' });
    const client = octokit(sim, token);
    const created = await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/a', base: 'main', title: 'Sync a', body: 'from upstream' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, state: 'open', head: { ref: 'sync/a', sha: headSha }, base: { ref: 'main' }, mergeable: null, commits: 1, changed_files: 1, user: { login: 'sync-bot' } });
    const computed = await computedPull(() => client.rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: 1 }));
    expect(computed.data.mergeable).toBe(true);
    const byHead = await client.rest.pulls.list({ owner: 'acme', repo: 'widgets', head: 'acme:sync/a', state: 'open' });
    expect(byHead.data.map((pull) => pull.number)).toEqual([1]);
    expect((await client.rest.pulls.list({ owner: 'acme', repo: 'widgets', head: 'acme:other' })).data).toEqual([]);
    expect(sim.pulls('acme/widgets')).toMatchObject([{ number: 1, head: 'sync/a', base: 'main', headSha, state: 'open', merged: false }]);
  });

  it('refuses a second open pull for the same head and base, and a pull without commits', async () => {
    await pushBranch('sync/a', { 'a.txt': 'a\n' });
    const client = octokit(sim, token);
    await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/a', base: 'main', title: 'one' });
    const duplicate = await failure(client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'acme:sync/a', base: 'main', title: 'two' }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.errors?.[0]?.message).toBe('A pull request already exists for acme:sync/a.');
    await git(clone, 'push', '--quiet', 'origin', 'origin/main:refs/heads/empty');
    const empty = await failure(client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'empty', base: 'main', title: 'nothing' }));
    expect(empty.status).toBe(422);
    expect(empty.errors?.[0]?.message).toBe('No commits between main and empty');
  });

  it('follows pushes to the head branch and reports conflicts as not mergeable', async () => {
    await pushBranch('left', { 'shared.txt': 'one\nLEFT\nthree\n' });
    await pushBranch('right', { 'shared.txt': 'one\nRIGHT\nthree\n' });
    const client = octokit(sim, token);
    await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'left', base: 'main', title: 'left' });
    const right = await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'right', base: 'main', title: 'right' });
    await client.rest.pulls.merge({ owner: 'acme', repo: 'widgets', pull_number: 1 });
    const after = await computedPull(() => client.rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: right.data.number }));
    expect(after.data).toMatchObject({ mergeable: false, mergeable_state: 'dirty' });
    const synchronized: { number: number; after: string; pull_request: { head: { sha: string } } }[] = [];
    sim.onEvent('pull_request', (payload) => void (payload.action === 'synchronize' && synchronized.push(payload)));
    const moved = await commitFiles(clone, { 'more.txt': 'm\n' }, 'more');
    await git(clone, 'push', '--quiet', 'origin', 'right');
    expect(sim.pulls('acme/widgets').find((pull) => pull.number === 2)?.headSha).toBe(moved);
    await sim.idle();
    expect(synchronized.map((event) => [event.number, event.after, event.pull_request.head.sha])).toEqual([[2, moved, moved]]);
    expect((await failure(client.rest.pulls.merge({ owner: 'acme', repo: 'widgets', pull_number: 2 }))).status).toBe(405);
  });

  it('merges with a real merge commit, closes the pull and tells listeners', async () => {
    const headSha = await pushBranch('sync/a', { 'a.txt': 'a\n' });
    const client = octokit(sim, token);
    const events: { action: string; pull_request: { merged: boolean } }[] = [];
    sim.onEvent('pull_request', (payload) => void events.push(payload));
    await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/a', base: 'main', title: 'Sync a' });
    expect((await failure(client.rest.pulls.merge({ owner: 'acme', repo: 'widgets', pull_number: 1, sha: 'f'.repeat(40) }))).status).toBe(409);
    const merged = await client.rest.pulls.merge({ owner: 'acme', repo: 'widgets', pull_number: 1, sha: headSha });
    expect(merged.data.merged).toBe(true);
    await git(clone, 'fetch', '--quiet', 'origin');
    expect((await git(clone, 'rev-parse', 'origin/main^2')).trim()).toBe(headSha);
    expect((await git(clone, 'log', '-1', '--format=%s', 'origin/main')).trim()).toBe('Merge pull request #1 from acme/sync/a');
    const pull = await client.rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: 1 });
    expect(pull.data).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merged.data.sha, merged_by: { login: 'sync-bot' } });
    await sim.idle();
    expect(events.map((event) => [event.action, event.pull_request.merged])).toEqual([
      ['opened', false],
      ['closed', true],
    ]);
  });

  it('squash-merges into a single-parent commit', async () => {
    await pushBranch('sync/b', { 'b.txt': 'b\n' });
    const client = octokit(sim, token);
    await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/b', base: 'main', title: 'Sync b' });
    const merged = await client.rest.pulls.merge({ owner: 'acme', repo: 'widgets', pull_number: 1, merge_method: 'squash' });
    await git(clone, 'fetch', '--quiet', 'origin');
    expect((await git(clone, 'rev-list', '--parents', '-1', 'origin/main')).trim().split(' ')).toHaveLength(2);
    expect((await git(clone, 'log', '-1', '--format=%s', merged.data.sha)).trim()).toBe('Sync b (#1)');
  });

  it('updates title, body and state, changes base, and lists by state', async () => {
    await pushBranch('sync/c', { 'c.txt': 'c\n' });
    await git(clone, 'push', '--quiet', 'origin', 'origin/main:refs/heads/release');
    const client = octokit(sim, token);
    await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/c', base: 'main', title: 'old' });
    const updated = await client.rest.pulls.update({ owner: 'acme', repo: 'widgets', pull_number: 1, title: 'new', body: 'text', base: 'release' });
    expect(updated.data).toMatchObject({ title: 'new', body: 'text', base: { ref: 'release' } });
    await client.rest.pulls.update({ owner: 'acme', repo: 'widgets', pull_number: 1, state: 'closed' });
    expect((await client.rest.pulls.list({ owner: 'acme', repo: 'widgets' })).data).toEqual([]);
    expect((await client.rest.pulls.list({ owner: 'acme', repo: 'widgets', state: 'closed' })).data.map((pull) => pull.title)).toEqual(['new']);
    const reopened = await client.rest.pulls.update({ owner: 'acme', repo: 'widgets', pull_number: 1, state: 'open' });
    expect(reopened.data.state).toBe('open');
  });

  it('requests reviewers and lists the changed files', async () => {
    await pushBranch('sync/d', { 'd.txt': 'd\n', 'shared.txt': 'one\n' });
    const client = octokit(sim, token);
    await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/d', base: 'main', title: 'd' });
    const requested = await client.rest.pulls.requestReviewers({ owner: 'acme', repo: 'widgets', pull_number: 1, reviewers: ['maintainer'] });
    expect(requested.status).toBe(201);
    expect(requested.data.requested_reviewers?.map((user) => user.login)).toEqual(['maintainer']);
    const files = await client.rest.pulls.listFiles({ owner: 'acme', repo: 'widgets', pull_number: 1 });
    expect(files.data.map((file) => [file.filename, file.status, file.additions, file.deletions])).toEqual([
      ['d.txt', 'added', 1, 0],
      ['shared.txt', 'modified', 0, 2],
    ]);
  });

  it('needs pull_requests write to open a pull and is 404 for a missing number', async () => {
    await pushBranch('sync/e', { 'e.txt': 'e\n' });
    const reader = sim.createToken({ repos: ['acme/widgets'], permissions: { contents: 'write', pull_requests: 'read' } });
    expect((await failure(octokit(sim, reader).rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/e', base: 'main', title: 'e' }))).status).toBe(403);
    expect((await failure(octokit(sim, reader).rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: 99 }))).status).toBe(404);
  });
});
