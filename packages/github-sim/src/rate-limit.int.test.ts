import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import type { RateLimitOptions, Sim } from './index.js';
import { failure, octokit, quiet, useSimPerTest } from './test-support/sim.js';

const startSimWith = useSimPerTest();
const ThrottledOctokit = Octokit.plugin(throttling);

function start(rateLimit: RateLimitOptions): Promise<Sim> {
  return startSimWith({ rateLimit });
}


describe('primary rate limit', () => {
  it('counts down per identity and refuses with remaining 0 and a near reset', async () => {
    // A window long enough that a slow machine cannot see it roll over mid-test.
    const started = await start({ limit: 2, windowMs: 5000 });
    const client = octokit(started, started.adminToken);
    const first = await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect([first.headers['x-ratelimit-limit'], first.headers['x-ratelimit-remaining'], first.headers['x-ratelimit-used']]).toEqual(['2', '1', '1']);
    await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    const refused = await failure(client.rest.repos.get({ owner: 'acme', repo: 'widgets' }));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/API rate limit exceeded/);
    expect(refused.response.headers['x-ratelimit-remaining']).toBe('0');
    const resetIn = Number(refused.response.headers['x-ratelimit-reset']) * 1000 - Date.now();
    expect(resetIn).toBeGreaterThan(0);
    expect(resetIn).toBeLessThanOrEqual(6000);
    const other = octokit(started, started.createToken({ login: 'other', repos: '*' }));
    expect((await other.rest.repos.get({ owner: 'acme', repo: 'widgets' })).status).toBe(200);
    expect((await client.rest.rateLimit.get()).data.rate.remaining).toBe(0);
  });

  it('can answer 429, and @octokit/plugin-throttling waits for the reset and retries', async () => {
    // Two seconds, so a busy machine still sends both requests inside one window.
    const started = await start({ limit: 1, windowMs: 2000, exhaustedStatus: 429 });
    const seen: number[] = [];
    const client = new ThrottledOctokit({
      baseUrl: started.url,
      auth: started.adminToken,
      log: quiet,
      throttle: {
        onRateLimit: (retryAfter: number) => {
          seen.push(retryAfter);
          return true;
        },
        onSecondaryRateLimit: () => false,
      },
    });
    await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    const second = await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(second.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(started.requests().map((request) => request.status)).toEqual([200, 429, 200]);
  });
});

describe('secondary rate limits', () => {
  it('refuses writes faster than allowed with retry-after, and the throttling plugin retries', async () => {
    const started = await start({ writesPerWindow: 1, writeWindowMs: 800, retryAfterSeconds: 1, secondaryRetryAfter: 'always' });
    const plain = octokit(started, started.adminToken);
    await plain.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'one' });
    const refused = await failure(plain.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'two' }));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/secondary rate limit/);
    expect(refused.response.headers['retry-after']).toBe('1');
    expect(started.dispatches().map((dispatch) => dispatch.event_type)).toEqual(['one']);
    const retries: number[] = [];
    const throttled = new ThrottledOctokit({
      baseUrl: started.url,
      auth: started.adminToken,
      log: quiet,
      throttle: {
        onRateLimit: () => false,
        onSecondaryRateLimit: (retryAfter: number) => {
          retries.push(retryAfter);
          return true;
        },
      },
    });
    await throttled.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'three' });
    expect(started.dispatches().map((dispatch) => dispatch.event_type)).toEqual(['one', 'three']);
    expect(retries.every((seconds) => seconds === 1)).toBe(true);
  });

  it('refuses requests above the concurrency limit', async () => {
    const started = await start({ maxConcurrent: 2, retryAfterSeconds: 1 });
    started.setFaults({ latencyMs: 150 });
    const client = octokit(started, started.adminToken);
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        client.rest.repos.get({ owner: 'acme', repo: 'widgets' }).then(
          (response) => response.status,
          (error: { status: number }) => error.status,
        ),
      ),
    );
    expect(results.filter((status) => status === 200)).toHaveLength(2);
    expect(results.filter((status) => status === 403)).toHaveLength(2);
  });
});
