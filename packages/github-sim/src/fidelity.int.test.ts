import { describe, expect, it } from 'vitest';
import { computedPull, failure, octokit, statusOf, useSimPerTest } from './test-support/sim.js';
import { commitFiles, git, tempDir, tokenUrl } from './test-support/git.js';
import type { Sim } from './index.js';

/*
 * GitHub's rules on content, one per test, each naming the page or OpenAPI operation
 * (@octokit/openapi, generated/api.github.com.json) it follows.
 */

const startSim = useSimPerTest();

async function pushBranch(sim: Sim, token: string, branch: string, files: Record<string, string>): Promise<void> {
  const work = await tempDir();
  try {
    await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', token), 'c');
    await git(`${work.path}/c`, 'checkout', '--quiet', '-b', branch);
    await commitFiles(`${work.path}/c`, files, branch);
    await git(`${work.path}/c`, 'push', '--quiet', 'origin', branch);
  } finally {
    await work.remove();
  }
}

describe('issues, pull requests and comments (operations issues/create, pulls/create, issues/create-comment)', () => {
  it('refuses a body over 65,536 characters with 422 "body is too long (maximum is 65536 characters)"', async () => {
    const sim = await startSim({});
    const client = octokit(sim, sim.createToken({ repos: ['acme/widgets'] }));
    const refused = await failure(client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 't', body: 'x'.repeat(65_537) }));
    expect(refused.status).toBe(422);
    expect(refused.response.data.errors?.[0]).toMatchObject({ field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' });
    const issue = await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 't', body: 'x'.repeat(65_536) });
    expect((await failure(client.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: issue.data.number, body: 'y'.repeat(70_000) }))).status).toBe(422);
    expect((await failure(client.rest.issues.update({ owner: 'acme', repo: 'widgets', issue_number: issue.data.number, body: 'y'.repeat(70_000) }))).status).toBe(422);
  });
});

describe('review requests (operation pulls/request-reviewers)', () => {
  it('refuses the pull request author and non-collaborators with 422', async () => {
    const sim = await startSim({ collaborators: ['maintainer'] });
    const token = sim.createToken({ login: 'sync-bot', repos: ['acme/widgets'] });
    await pushBranch(sim, token, 'sync/a', { 'a.txt': 'a\n' });
    const client = octokit(sim, token);
    const pull = await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/a', base: 'main', title: 'a' });
    const author = await failure(client.rest.pulls.requestReviewers({ owner: 'acme', repo: 'widgets', pull_number: pull.data.number, reviewers: ['sync-bot'] }));
    expect([author.status, author.response.data.message]).toEqual([422, 'Review cannot be requested from pull request author.']);
    const stranger = await failure(client.rest.pulls.requestReviewers({ owner: 'acme', repo: 'widgets', pull_number: pull.data.number, reviewers: ['stranger'] }));
    // Wording as quoted in denog/routing-guide#118.
    expect([stranger.status, stranger.response.data.message]).toEqual([422, 'Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the acme/widgets repository.']);
    expect((await client.rest.pulls.requestReviewers({ owner: 'acme', repo: 'widgets', pull_number: pull.data.number, reviewers: ['maintainer'] })).status).toBe(201);
  });
});

describe('draft pull requests (operation pulls/create: "Draft pull requests are available in public repositories with GitHub Free…")', () => {
  it('refuses a draft with 422 on a private repository of a plan without drafts, and allows it where the plan has them', async () => {
    const sim = await startSim({ private: true });
    const token = sim.createToken({ login: 'sync-bot', repos: '*' });
    await pushBranch(sim, token, 'sync/d', { 'd.txt': 'd\n' });
    const client = octokit(sim, token);
    const refused = await failure(client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/d', base: 'main', title: 'd', draft: true }));
    expect(refused.status).toBe(422);
    expect(refused.response.data.errors?.[0]?.message).toBe('Draft pull requests are not supported in this repository.');
    const team = await startSim({ private: true, draftPullRequests: true });
    const teamToken = team.createToken({ login: 'sync-bot', repos: '*' });
    await pushBranch(team, teamToken, 'sync/d', { 'd.txt': 'd\n' });
    const draft = await octokit(team, teamToken).rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/d', base: 'main', title: 'd', draft: true });
    expect([draft.status, draft.data.draft]).toEqual([201, true]);
  });
});

describe('mergeable (guide "Checking mergeability of pull requests")', () => {
  it('is null until GitHub has computed it in the background', async () => {
    // A job of 3 GitHub seconds: long enough that even a busy machine reads before it ends.
    const sim = await startSim({ rules: { mergeableAfterSeconds: 3 } });
    const token = sim.createToken({ repos: ['acme/widgets'] });
    await pushBranch(sim, token, 'sync/m', { 'm.txt': 'm\n' });
    const client = octokit(sim, token);
    const created = await client.rest.pulls.create({ owner: 'acme', repo: 'widgets', head: 'sync/m', base: 'main', title: 'm' });
    expect(created.data.mergeable).toBeNull();
    expect((await client.rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: created.data.number })).data.mergeable).toBeNull();
    const computed = await computedPull(() => client.rest.pulls.get({ owner: 'acme', repo: 'widgets', pull_number: created.data.number }));
    expect(computed.data.mergeable).toBe(true);
  });
});

describe('compare (operation repos/compare-commits-with-basehead)', () => {
  it('pages commits with per_page/page and a Link header, files on page 1 only', async () => {
    const sim = await startSim({});
    const token = sim.createToken({ repos: ['acme/widgets'] });
    const work = await tempDir();
    await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', token), 'c');
    for (let i = 1; i <= 5; i += 1) await commitFiles(`${work.path}/c`, { [`f${i}.txt`]: `${i}\n` }, `c${i}`);
    await git(`${work.path}/c`, 'push', '--quiet', 'origin', 'HEAD:refs/heads/topic');
    await work.remove();
    const client = octokit(sim, token);
    const first = await client.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'widgets', basehead: 'main...topic', per_page: 2, page: 1 });
    const third = await client.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'widgets', basehead: 'main...topic', per_page: 2, page: 3 });
    expect(first.data.commits.map((commit) => commit.commit.message)).toEqual(['c1', 'c2']);
    expect(third.data.commits.map((commit) => commit.commit.message)).toEqual(['c5']);
    expect([first.data.total_commits, first.data.files?.length, third.data.files?.length ?? 0]).toEqual([5, 5, 0]);
    expect(first.headers.link).toMatch(/page=2>; rel="next"/);
    expect(first.headers.link).toMatch(/page=3>; rel="last"/);
  });
});

describe('authentication (page "Troubleshooting the REST API": 404 for an existing resource)', () => {
  it('answers 404, not 401, for a private repository when no token is sent', async () => {
    const sim = await startSim({ private: true });
    expect(await statusOf(octokit(sim).rest.repos.get({ owner: 'acme', repo: 'widgets' }))).toBe(404);
    expect(await statusOf(octokit(sim).rest.issues.create({ owner: 'acme', repo: 'widgets', title: 't' }))).toBe(404);
  });
});

describe('repository_dispatch (operation repos/create-dispatch-event)', () => {
  it('refuses 11 client_payload keys with "No more than 10 properties are allowed; 11 were supplied."', async () => {
    const sim = await startSim({});
    const client = octokit(sim, sim.createToken({ repos: ['acme/widgets'] }));
    const client_payload = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
    const refused = await failure(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'e', client_payload }));
    // Wording as quoted in prowler-cloud/prowler#12370.
    expect([refused.status, refused.response.data.message]).toEqual([422, 'No more than 10 properties are allowed; 11 were supplied.']);
    expect(sim.dispatches()).toEqual([]);
  });
});

describe('token kinds (page "Automatic token authentication": GITHUB_TOKEN)', () => {
  it('scopes a GITHUB_TOKEN-like token to one repository, 1,000 requests per hour, refusing "by integration"', async () => {
    const sim = await startSim({});
    await sim.createRepo('acme/other');
    const token = sim.createToken({ kind: 'actions', repos: ['acme/widgets'], permissions: { contents: 'read' } });
    const client = octokit(sim, token);
    const seen = await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(seen.headers['x-ratelimit-limit']).toBe('1000');
    const refused = await failure(client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 't' }));
    expect([refused.status, refused.response.data.message]).toEqual([403, 'Resource not accessible by integration']);
    expect((await failure(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'other', event_type: 'e' }))).status).toBe(403);
  });
});
