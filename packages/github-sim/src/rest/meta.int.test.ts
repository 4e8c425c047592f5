import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../index.js';
import { octokit, simWithRepo } from '../test-support/sim.js';

let sim: Sim;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ sim, close } = await simWithRepo(undefined, { rateLimit: { limit: 10 }, collaborators: ['maintainer'] }));
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await close();
});

describe('GET /user and GET /rate_limit', () => {
  it('returns the token login, and 401 without a token', async () => {
    const token = sim.createToken({ login: 'octo-dev', repos: '*' });
    expect((await octokit(sim, token).rest.users.getAuthenticated()).data.login).toBe('octo-dev');
    expect(await octokit(sim).rest.users.getAuthenticated().catch((error: { status: number }) => error.status)).toBe(401);
  });

  it('reports the remaining budget without spending it', async () => {
    const client = octokit(sim, sim.adminToken);
    await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    const first = await client.rest.rateLimit.get();
    const second = await client.rest.rateLimit.get();
    expect(first.data.rate).toMatchObject({ limit: 10, remaining: 9, used: 1 });
    expect(second.data.resources.core.remaining).toBe(9);
  });

  it('answers 404 with GitHub body for an unknown path', async () => {
    const response = await fetch(`${sim.url}/repos/acme/widgets/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.stringContaining('docs.github.com') });
  });
});

describe('issue assignees', () => {
  it('adds and removes assignees', async () => {
    const client = octokit(sim, sim.adminToken);
    await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'assign me' });
    const added = await client.rest.issues.addAssignees({ owner: 'acme', repo: 'widgets', issue_number: 1, assignees: ['maintainer'] });
    expect(added.status).toBe(201);
    expect(added.data.assignees?.map((user) => user.login)).toEqual(['maintainer']);
    const removed = await client.rest.issues.removeAssignees({ owner: 'acme', repo: 'widgets', issue_number: 1, assignees: ['maintainer'] });
    expect(removed.data.assignees).toEqual([]);
  });
});
