import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedDispatch, Sim } from '../index.js';
import { octokit, simWithRepo, statusOf } from '../test-support/sim.js';

let sim: Sim;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ sim, close } = await simWithRepo());
  await sim.createRepo('acme/secret', { private: true });
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await close();
});

describe('POST /repos/{owner}/{repo}/dispatches', () => {
  it('answers 204, records the dispatch and hands it to handlers after the answer', async () => {
    const token = sim.createToken({ login: 'dispatcher', repos: ['acme/widgets'] });
    const seen: RecordedDispatch[] = [];
    sim.onDispatch((dispatch) => void seen.push(dispatch));
    const response = await octokit(sim, token).rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync', client_payload: { commit_sha: 'abc', updated_feature: 'features/a' } });
    expect(response.status).toBe(204);
    await sim.idle();
    expect(sim.dispatches('acme/widgets')).toHaveLength(1);
    expect(seen).toEqual(sim.dispatches());
    expect(seen[0]).toMatchObject({ repo: 'acme/widgets', event_type: 'sync', client_payload: { commit_sha: 'abc', updated_feature: 'features/a' }, requestId: response.headers['x-github-request-id'] });
  });

  it('propagates a failing handler through idle()', async () => {
    sim.onDispatch(() => {
      throw new Error('sync failed');
    });
    await octokit(sim, sim.adminToken).rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync' });
    await expect(sim.idle()).rejects.toThrow('sync failed');
    await expect(sim.idle()).resolves.toBeUndefined();
  });

  it('refuses more than 10 payload keys, a long event type and a 64 KB body with 422', async () => {
    const client = octokit(sim, sim.adminToken);
    sim.contractViolations.length = 0;
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`k${index}`, index]));
    expect(await statusOf(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync', client_payload: eleven }))).toBe(422);
    expect(await statusOf(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'x'.repeat(101) }))).toBe(422);
    expect(await statusOf(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync', client_payload: { big: 'x'.repeat(64 * 1024) } }))).toBe(422);
    // GitHub's own checks answer before the schema check, in GitHub's words: nothing to note.
    expect(sim.contractViolations).toEqual([]);
    expect(sim.dispatches()).toEqual([]);
  });

  it('applies the limits the schema does not state even without the contract check', async () => {
    await close();
    ({ sim, close } = await simWithRepo(undefined, { contractCheck: false }));
    const client = octokit(sim, sim.adminToken);
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`k${index}`, index]));
    expect(await statusOf(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync', client_payload: eleven }))).toBe(422);
    expect(await statusOf(client.request('POST /repos/acme/widgets/dispatches', { data: { client_payload: {} } }))).toBe(422);
    expect(await statusOf(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'e'.repeat(101) }))).toBe(422);
    expect(sim.dispatches()).toEqual([]);
  });

  it('answers 404 for a repository the token cannot see, 403 without contents write, 401 without a token', async () => {
    const reader = sim.createToken({ repos: ['acme/widgets', 'acme/secret'], permissions: { contents: 'read' } });
    const outsider = sim.createToken({ repos: ['acme/widgets'] });
    const dispatch = (token: string | undefined, repo: string) => octokit(sim, token).rest.repos.createDispatchEvent({ owner: 'acme', repo, event_type: 'sync' });
    expect(await statusOf(dispatch(outsider, 'secret'))).toBe(404);
    expect(await statusOf(dispatch(outsider, 'missing'))).toBe(404);
    expect(await statusOf(dispatch(reader, 'secret'))).toBe(403);
    expect(await statusOf(dispatch(undefined, 'widgets'))).toBe(401);
    expect(sim.dispatches()).toEqual([]);
  });
});
