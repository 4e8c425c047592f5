import { describe, expect, it } from 'vitest';
import { octokit, statusOf, useSimPerTest } from './test-support/sim.js';

/*
 * Conditional requests, as "Best practices for using the REST API", section "Use conditional
 * requests if appropriate" describes them
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate):
 * GET answers carry an `etag`; `If-None-Match` with it gets 304 Not Modified, which does not
 * count against the primary rate limit when the request is authorized. ETags are per token
 * (GitHub support, quoted in eclipse-csi/otterdog#201).
 */

const startSim = useSimPerTest();
type Headers = Record<string, string | number | undefined>;

async function notModified(promise: Promise<unknown>): Promise<Headers> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; response: { headers: Headers; data: unknown } };
    expect(e.status).toBe(304);
    expect(e.response.data).toBe('');
    return e.response.headers;
  }
  throw new Error('expected 304 Not Modified');
}

describe('conditional requests (ETag / If-None-Match)', () => {
  it('answer 304 without a body to a matching If-None-Match, and the 304 leaves x-ratelimit-remaining unchanged', async () => {
    const sim = await startSim({});
    const client = octokit(sim, sim.createToken({ repos: ['acme/widgets'] }));
    const first = await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const remaining = first.headers['x-ratelimit-remaining'];
    for (let i = 0; i < 3; i++) {
      const headers = await notModified(client.rest.repos.get({ owner: 'acme', repo: 'widgets', headers: { 'if-none-match': etag } }));
      expect(headers.etag).toBe(etag);
      expect(headers['x-ratelimit-remaining']).toBe(remaining);
    }
    const counted = await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(Number(counted.headers['x-ratelimit-remaining'])).toBe(Number(remaining) - 1);
  });

  it('answer 200 with a new etag once the resource changed, and keep answering 304 for what did not (labels list, a ref)', async () => {
    const sim = await startSim({});
    const client = octokit(sim, sim.createToken({ repos: ['acme/widgets'] }));
    const ref = await client.rest.git.getRef({ owner: 'acme', repo: 'widgets', ref: 'heads/main' });
    const labels = await client.rest.issues.listLabelsForRepo({ owner: 'acme', repo: 'widgets' });
    await notModified(client.rest.issues.listLabelsForRepo({ owner: 'acme', repo: 'widgets', headers: { 'if-none-match': labels.headers.etag! } }));
    await client.rest.issues.createLabel({ owner: 'acme', repo: 'widgets', name: 'new', color: 'ededed' });
    const changed = await client.rest.issues.listLabelsForRepo({ owner: 'acme', repo: 'widgets', headers: { 'if-none-match': labels.headers.etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(labels.headers.etag);
    await notModified(client.rest.git.getRef({ owner: 'acme', repo: 'widgets', ref: 'heads/main', headers: { 'if-none-match': ref.headers.etag! } }));
  });

  it("never match another token's etag, and count an anonymous 304", async () => {
    const sim = await startSim({});
    const one = octokit(sim, sim.createToken({ login: 'one', repos: ['acme/widgets'] }));
    const two = octokit(sim, sim.createToken({ login: 'two', repos: ['acme/widgets'] }));
    const etag = (await one.rest.repos.get({ owner: 'acme', repo: 'widgets' })).headers.etag!;
    expect(await statusOf(two.rest.repos.get({ owner: 'acme', repo: 'widgets', headers: { 'if-none-match': etag } }))).toBe(0);
    const anonymous = octokit(sim);
    const seen = await anonymous.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    const headers = await notModified(anonymous.rest.repos.get({ owner: 'acme', repo: 'widgets', headers: { 'if-none-match': seen.headers.etag! } }));
    expect(Number(headers['x-ratelimit-remaining'])).toBe(Number(seen.headers['x-ratelimit-remaining']) - 1);
  });

  it('do not apply to writes, and If-None-Match: * matches any current representation', async () => {
    const sim = await startSim({});
    const client = octokit(sim, sim.createToken({ repos: ['acme/widgets'] }));
    await notModified(client.rest.repos.get({ owner: 'acme', repo: 'widgets', headers: { 'if-none-match': '*' } }));
    const created = await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 't', headers: { 'if-none-match': '*' } });
    expect([created.status, created.headers.etag]).toEqual([201, undefined]);
  });
});
