import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../index.js';
import { commitFiles, git, tempDir, tokenUrl } from '../test-support/git.js';
import { octokit, simWithRepo, statusOf } from '../test-support/sim.js';

let sim: Sim;
let close: () => Promise<void>;
let work: { path: string; remove: () => Promise<void> };
let initial: string;
let second: string;
let topic: string;

// One repository with history: main = initial → second; topic branches from initial.
beforeAll(async () => {
  ({ sim, close } = await simWithRepo({ 'README.md': '# widgets\n', 'features/a/x.txt': 'a\n', 'features/b/y.txt': 'b\n' }));
  await sim.createRepo('acme/secret', { private: true });
  work = await tempDir();
  const clone = join(work.path, 'clone');
  await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', sim.adminToken), clone);
  initial = (await git(clone, 'rev-parse', 'HEAD')).trim();
  second = await commitFiles(clone, { 'features/a/x.txt': 'a2\nmore\n', 'features/a/new file.txt': 'n\n' }, 'change a');
  await git(clone, 'push', '--quiet', 'origin', 'main');
  await git(clone, 'checkout', '--quiet', '-b', 'topic', initial);
  topic = await commitFiles(clone, { 'features/b/y.txt': 'b2\n' }, 'change b');
  await git(clone, 'push', '--quiet', 'origin', 'topic');
});

afterAll(async () => {
  expect(sim.contractViolations).toEqual([]);
  await close();
  await work.remove();
});

describe('GET /repos/{owner}/{repo}', () => {
  it('returns the repository with its default branch and the caller permissions', async () => {
    const token = sim.createToken({ repos: ['acme/widgets'], permissions: 'read' });
    const { data } = await octokit(sim, token).rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(data).toMatchObject({ full_name: 'acme/widgets', default_branch: 'main', private: false, clone_url: `${sim.gitUrl}/acme/widgets.git`, permissions: { push: false, pull: true } });
  });

  it('is 404 for a private repository outside the token or without a token, 401 for an unknown token', async () => {
    const token = sim.createToken({ repos: ['acme/widgets'] });
    expect(await statusOf(octokit(sim, token).rest.repos.get({ owner: 'acme', repo: 'secret' }))).toBe(404);
    expect(await statusOf(octokit(sim).rest.repos.get({ owner: 'acme', repo: 'secret' }))).toBe(404);
    expect(await statusOf(octokit(sim, 'ghp_unknown').rest.repos.get({ owner: 'acme', repo: 'widgets' }))).toBe(401);
  });

  it('always sends rate-limit headers and a request id', async () => {
    const response = await octokit(sim).rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(response.headers['x-ratelimit-limit']).toBe('60');
    expect(Number(response.headers['x-ratelimit-remaining'])).toBeLessThan(60);
    expect(response.headers['x-ratelimit-resource']).toBe('core');
    expect(response.headers['x-github-request-id']).toMatch(/^[0-9A-F:]+$/);
  });
});

describe('git refs', () => {
  it('gets one ref and lists matching refs', async () => {
    const client = octokit(sim, sim.adminToken);
    const { data: ref } = await client.rest.git.getRef({ owner: 'acme', repo: 'widgets', ref: 'heads/main' });
    expect(ref).toMatchObject({ ref: 'refs/heads/main', object: { sha: second, type: 'commit' } });
    const { data: refs } = await client.rest.git.listMatchingRefs({ owner: 'acme', repo: 'widgets', ref: 'heads/' });
    expect(refs.map((entry) => entry.ref)).toEqual(['refs/heads/main', 'refs/heads/topic']);
    expect(await statusOf(client.rest.git.getRef({ owner: 'acme', repo: 'widgets', ref: 'heads/nope' }))).toBe(404);
  });

  it('creates, moves and deletes a ref with fast-forward and existence checks', async () => {
    const client = octokit(sim, sim.adminToken);
    const pushes: unknown[] = [];
    const off = sim.onEvent('push', (event) => void pushes.push(event));
    const created = await client.rest.git.createRef({ owner: 'acme', repo: 'widgets', ref: 'refs/heads/tmp', sha: initial });
    expect(created.status).toBe(201);
    expect(await statusOf(client.rest.git.createRef({ owner: 'acme', repo: 'widgets', ref: 'refs/heads/tmp', sha: initial }))).toBe(422);
    expect(await statusOf(client.rest.git.createRef({ owner: 'acme', repo: 'widgets', ref: 'refs/heads/x', sha: 'f'.repeat(40) }))).toBe(422);
    const moved = await client.rest.git.updateRef({ owner: 'acme', repo: 'widgets', ref: 'heads/tmp', sha: second });
    expect(moved.data.object.sha).toBe(second);
    expect(await statusOf(client.rest.git.updateRef({ owner: 'acme', repo: 'widgets', ref: 'heads/tmp', sha: topic }))).toBe(422);
    await client.rest.git.updateRef({ owner: 'acme', repo: 'widgets', ref: 'heads/tmp', sha: topic, force: true });
    expect((await client.rest.git.deleteRef({ owner: 'acme', repo: 'widgets', ref: 'heads/tmp' })).status).toBe(204);
    expect(await statusOf(client.rest.git.deleteRef({ owner: 'acme', repo: 'widgets', ref: 'heads/tmp' }))).toBe(422);
    await sim.idle();
    off();
    expect(pushes).toHaveLength(4);
    expect(pushes.at(-1)).toMatchObject({ ref: 'refs/heads/tmp', before: topic, after: '0'.repeat(40) });
  });

  it('needs contents write to change refs', async () => {
    const reader = sim.createToken({ repos: ['acme/widgets'], permissions: 'read' });
    expect(await statusOf(octokit(sim, reader).rest.git.createRef({ owner: 'acme', repo: 'widgets', ref: 'refs/heads/r', sha: initial }))).toBe(403);
  });
});

describe('commits and compare', () => {
  it('lists commits newest first, filtered by path, paginated with a Link header', async () => {
    const client = octokit(sim, sim.adminToken);
    const { data } = await client.rest.repos.listCommits({ owner: 'acme', repo: 'widgets' });
    expect(data.map((commit) => commit.sha)).toEqual([second, initial]);
    const byPath = await client.rest.repos.listCommits({ owner: 'acme', repo: 'widgets', sha: 'topic', path: 'features/b' });
    expect(byPath.data.map((commit) => commit.sha)).toEqual([topic, initial]);
    const paged = await client.rest.repos.listCommits({ owner: 'acme', repo: 'widgets', per_page: 1 });
    expect(paged.data).toHaveLength(1);
    expect(paged.headers.link).toContain('rel="next"');
    const all = await client.paginate(client.rest.repos.listCommits, { owner: 'acme', repo: 'widgets', per_page: 1 });
    expect(all.map((commit) => commit.sha)).toEqual([second, initial]);
  });

  it('gets one commit with its files and stats', async () => {
    const { data } = await octokit(sim, sim.adminToken).rest.repos.getCommit({ owner: 'acme', repo: 'widgets', ref: second });
    expect(data.commit.message).toBe('change a');
    expect(data.commit.author?.name).toBe('Test Author');
    expect(data.parents.map((parent) => parent.sha)).toEqual([initial]);
    expect(data.files?.map((file) => [file.filename, file.status])).toEqual([
      ['features/a/new file.txt', 'added'],
      ['features/a/x.txt', 'modified'],
    ]);
    expect(data.stats).toEqual({ additions: 3, deletions: 1, total: 4 });
  });

  it('reports a rename with its previous name', async () => {
    const clone = join(work.path, 'clone');
    await git(clone, 'checkout', '--quiet', '-b', 'renames', second);
    await git(clone, 'mv', 'features/a/x.txt', 'features/a/renamed.txt');
    await git(clone, 'commit', '--quiet', '-m', 'rename');
    await git(clone, 'push', '--quiet', 'origin', 'renames');
    const { data } = await octokit(sim, sim.adminToken).rest.repos.getCommit({ owner: 'acme', repo: 'widgets', ref: 'renames' });
    expect(data.files?.map((file) => [file.status, file.previous_filename, file.filename])).toEqual([['renamed', 'features/a/x.txt', 'features/a/renamed.txt']]);
  });

  it('compares diverged branches with ahead/behind counts and the merge base', async () => {
    const client = octokit(sim, sim.adminToken);
    const { data } = await client.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'widgets', basehead: 'main...topic' });
    expect(data).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1, total_commits: 1 });
    expect(data.merge_base_commit.sha).toBe(initial);
    expect(data.commits.map((commit) => commit.sha)).toEqual([topic]);
    expect(data.files?.map((file) => file.filename)).toEqual(['features/b/y.txt']);
    const ahead = await client.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'widgets', basehead: `${initial}...main` });
    expect(ahead.data).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0 });
    const behind = await client.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'widgets', basehead: `acme:main...${initial}` });
    expect(behind.data).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 1 });
    const same = await client.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'widgets', basehead: 'main...main' });
    expect(same.data.status).toBe('identical');
  });
});

describe('contents and branches', () => {
  it('returns a file base64-encoded at a ref, and a directory listing', async () => {
    const client = octokit(sim, sim.adminToken);
    const { data } = await client.rest.repos.getContent({ owner: 'acme', repo: 'widgets', path: 'features/a/x.txt', ref: initial });
    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe('a\n');
    const dir = await client.rest.repos.getContent({ owner: 'acme', repo: 'widgets', path: 'features/a' });
    expect(Array.isArray(dir.data) && dir.data.map((entry) => [entry.name, entry.type])).toEqual([
      ['new file.txt', 'file'],
      ['x.txt', 'file'],
    ]);
    const root = await client.rest.repos.getContent({ owner: 'acme', repo: 'widgets', path: '' });
    expect(Array.isArray(root.data) && root.data.map((entry) => entry.name)).toEqual(['README.md', 'features']);
    expect(await statusOf(client.rest.repos.getContent({ owner: 'acme', repo: 'widgets', path: 'nope.txt' }))).toBe(404);
  });

  it('gets a branch and lists branches', async () => {
    const client = octokit(sim, sim.adminToken);
    const { data } = await client.rest.repos.getBranch({ owner: 'acme', repo: 'widgets', branch: 'topic' });
    expect(data).toMatchObject({ name: 'topic', protected: false, commit: { sha: topic } });
    const list = await client.rest.repos.listBranches({ owner: 'acme', repo: 'widgets' });
    expect(list.data.map((branch) => branch.name)).toEqual(expect.arrayContaining(['main', 'topic']));
    expect(list.data.map((branch) => branch.name)).toEqual([...list.data.map((branch) => branch.name)].sort());
    expect(await statusOf(client.rest.repos.getBranch({ owner: 'acme', repo: 'widgets', branch: 'gone' }))).toBe(404);
  });

  it('answers 409 for commits of an empty repository', async () => {
    await sim.createRepo('acme/empty');
    expect(await statusOf(octokit(sim, sim.adminToken).rest.repos.listCommits({ owner: 'acme', repo: 'empty' }))).toBe(409);
  });
});
