import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../index.js';
import { commitFiles, git, tempDir, tokenUrl } from '../test-support/git.js';
import { octokit, simWithRepo, statusOf } from '../test-support/sim.js';

let sim: Sim;
let close: () => Promise<void>;
let token: string;

beforeEach(async () => {
  ({ sim, close } = await simWithRepo());
  token = sim.createToken({ login: 'reporter', repos: ['acme/widgets'] });
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await close();
});

describe('issues', () => {
  it('creates an issue with labels it creates on the fly, and gets it back', async () => {
    const client = octokit(sim, token);
    const events: { action: string }[] = [];
    sim.onEvent('issues', (payload) => void events.push(payload));
    const created = await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'Sync failed', body: 'details', labels: ['sync-failure', 'feature:a'] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, state: 'open', title: 'Sync failed', user: { login: 'reporter' } });
    expect(created.data.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['sync-failure', 'feature:a']);
    const fetched = await client.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 1 });
    expect(fetched.data.body).toBe('details');
    expect((await client.rest.issues.getLabel({ owner: 'acme', repo: 'widgets', name: 'sync-failure' })).data.color).toBe('ededed');
    await sim.idle();
    expect(events.map((event) => event.action)).toEqual(['opened']);
  });

  it('lists by state, all given labels and creator, with pagination', async () => {
    const client = octokit(sim, token);
    const other = octokit(sim, sim.createToken({ login: 'someone', repos: ['acme/widgets'] }));
    await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'one', labels: ['sync-failure', 'feature:a'] });
    await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'two', labels: ['sync-failure'] });
    await other.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'three', labels: ['sync-failure', 'feature:a'] });
    await client.rest.issues.update({ owner: 'acme', repo: 'widgets', issue_number: 2, state: 'closed', state_reason: 'not_planned' });
    const titles = async (query: Record<string, string | number>) => (await client.rest.issues.listForRepo({ owner: 'acme', repo: 'widgets', ...query })).data.map((issue) => issue.title);
    expect(await titles({})).toEqual(['three', 'one']);
    expect(await titles({ state: 'all', labels: 'sync-failure' })).toEqual(['three', 'two', 'one']);
    expect(await titles({ state: 'all', labels: 'sync-failure,feature:a', creator: 'reporter' })).toEqual(['one']);
    expect(await titles({ state: 'closed' })).toEqual(['two']);
    const pages = await client.paginate(client.rest.issues.listForRepo, { owner: 'acme', repo: 'widgets', state: 'all', per_page: 2 });
    expect(pages.map((issue) => issue.number)).toEqual([3, 2, 1]);
    expect(sim.issues('acme/widgets').find((issue) => issue.number === 2)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
  });

  it('updates title, body, labels and reopens', async () => {
    const client = octokit(sim, token);
    await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'old' });
    await client.rest.issues.update({ owner: 'acme', repo: 'widgets', issue_number: 1, state: 'closed' });
    const updated = await client.rest.issues.update({ owner: 'acme', repo: 'widgets', issue_number: 1, title: 'new', body: 'b', labels: ['x'], state: 'open' });
    expect(updated.data).toMatchObject({ title: 'new', body: 'b', state: 'open', state_reason: 'reopened', closed_at: null });
    expect(sim.issues('acme/widgets')[0]?.labels).toEqual(['x']);
  });

  it('adds and lists comments', async () => {
    const client = octokit(sim, token);
    await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'with comments' });
    const comment = await client.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 1, body: 'failed again' });
    expect(comment.status).toBe(201);
    await client.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 1, body: 'and again' });
    const comments = await client.rest.issues.listComments({ owner: 'acme', repo: 'widgets', issue_number: 1 });
    expect(comments.data.map((entry) => [entry.body, entry.user?.login])).toEqual([
      ['failed again', 'reporter'],
      ['and again', 'reporter'],
    ]);
    expect((await client.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 1 })).data.comments).toBe(2);
  });

  it('adds and replaces labels on an issue', async () => {
    const client = octokit(sim, token);
    await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'labels', labels: ['a'] });
    const added = await client.rest.issues.addLabels({ owner: 'acme', repo: 'widgets', issue_number: 1, labels: ['b', 'A'] });
    expect(added.data.map((label) => label.name)).toEqual(['a', 'b']);
    const replaced = await client.rest.issues.setLabels({ owner: 'acme', repo: 'widgets', issue_number: 1, labels: ['c'] });
    expect(replaced.data.map((label) => label.name)).toEqual(['c']);
    const removed = await client.rest.issues.removeLabel({ owner: 'acme', repo: 'widgets', issue_number: 1, name: 'c' });
    expect(removed.data).toEqual([]);
  });

  it('needs issues write to open an issue, and is 404 for a missing one', async () => {
    const reader = sim.createToken({ repos: ['acme/widgets'], permissions: { issues: 'read' } });
    expect(await statusOf(octokit(sim, reader).rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'x' }))).toBe(403);
    expect(await statusOf(octokit(sim, reader).rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 7 }))).toBe(404);
  });
});

describe('labels', () => {
  it('is 404 for a missing label, creates one, and refuses a duplicate with already_exists', async () => {
    const client = octokit(sim, token);
    expect(await statusOf(client.rest.issues.getLabel({ owner: 'acme', repo: 'widgets', name: 'sync failure' }))).toBe(404);
    const created = await client.rest.issues.createLabel({ owner: 'acme', repo: 'widgets', name: 'sync failure', color: 'B60205', description: 'A sync could not complete' });
    expect(created.status).toBe(201);
    expect((await client.rest.issues.getLabel({ owner: 'acme', repo: 'widgets', name: 'sync failure' })).data).toMatchObject({ name: 'sync failure', color: 'b60205', description: 'A sync could not complete' });
    const duplicate = await client.rest.issues.createLabel({ owner: 'acme', repo: 'widgets', name: 'Sync Failure' }).catch((error: { status: number; response: { data: { errors: { code: string }[] } } }) => error);
    expect('status' in duplicate && duplicate.status).toBe(422);
    expect('response' in duplicate && duplicate.response.data.errors[0]?.code).toBe('already_exists');
    expect((await client.rest.issues.listLabelsForRepo({ owner: 'acme', repo: 'widgets' })).data.map((label) => label.name)).toEqual(['sync failure']);
  });
});

describe('pull requests through the issues API', () => {
  it('share the numbering and show up in issue lists with a pull_request field', async () => {
    const work = await tempDir();
    try {
      await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', token), 'clone');
      const clone = join(work.path, 'clone');
      await git(clone, 'checkout', '--quiet', '-b', 'side');
      await commitFiles(clone, { 'side.txt': 's\n' }, 'side');
      await git(clone, 'push', '--quiet', 'origin', 'side');
      const client = octokit(sim, token);
      await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'an issue' });
      const pull = await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'side', base: 'main', title: 'a pull' });
      expect(pull.data.number).toBe(2);
      const issues = await client.rest.issues.listForRepo({ owner: 'acme', repo: 'widgets' });
      expect(issues.data.map((issue) => [issue.number, issue.pull_request !== undefined])).toEqual([
        [2, true],
        [1, false],
      ]);
      await client.rest.issues.addLabels({ owner: 'acme', repo: 'widgets', issue_number: 2, labels: ['upstream-sync'] });
      expect((await client.rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: 2 })).data.labels.map((label) => label.name)).toEqual(['upstream-sync']);
      expect(sim.issues('acme/widgets').map((issue) => issue.isPullRequest)).toEqual([false, true]);
    } finally {
      await work.remove();
    }
  });
});
