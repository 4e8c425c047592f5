import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { SimClock } from './clock.js';
import { RateLimiter, type RateIdentity } from './rate-limit.js';

/*
 * GitHub's rate limits at GitHub's numbers, one rule per test, each naming its source:
 * RL = https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */

const pat: RateIdentity = { key: 'user:a', kind: 'pat', label: '7' };
const read = (endpoint = 'GET /repos/{owner}/{repo}') => ({ method: 'GET', endpoint, requestId: 'RID', counts: true });
const write = (endpoint = 'POST /repos/{owner}/{repo}/issues') => ({ method: 'POST', endpoint, requestId: 'RID', counts: true });

function refusedAt(limiter: RateLimiter, identity: RateIdentity, request: () => ReturnType<typeof read>, max: number): { index: number; error: ApiError } {
  for (let index = 1; index <= max; index += 1) {
    try {
      limiter.admit(identity, request())();
    } catch (error) {
      if (error instanceof ApiError) return { index, error };
      throw error;
    }
  }
  throw new Error(`no refusal within ${max} requests`);
}

// Endpoints cycled so the per-endpoint points never decide the content-creating tests.
let endpointCounter = 0;
const anyWrite = () => write(`POST /e${(endpointCounter += 1)}`);

describe('secondary limits (RL#about-secondary-rate-limits)', () => {
  it('allows 80 content-creating requests per minute per identity, then 403 "secondary rate limit"', () => {
    const limiter = new RateLimiter();
    const { index, error } = refusedAt(limiter, pat, anyWrite, 200);
    expect(index).toBe(81);
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/^You have exceeded a secondary rate limit/);
    // Another identity has its own budget.
    expect(() => limiter.admit({ key: 'user:b', kind: 'pat', label: '8' }, anyWrite())).not.toThrow();
  });

  it('allows 500 content-creating requests per hour per identity', async () => {
    // A GitHub minute lasts 20 ms here, so the per-minute window slides while the hour holds.
    const limiter = new RateLimiter(new SimClock(0.5));
    let admitted = 0;
    for (let round = 0; round < 10 && admitted < 600; round += 1) {
      try {
        for (let i = 0; i < 80; i += 1) {
          limiter.admit(pat, anyWrite())();
          admitted += 1;
        }
      } catch {
        // the minute is spent; wait for it to slide
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(admitted).toBe(500);
  });

  it('allows 900 points per minute per endpoint: reads cost 1, writes 5', () => {
    const reads = new RateLimiter();
    reads.set({ maxConcurrent: Infinity });
    expect(refusedAt(reads, pat, () => read(), 2000).index).toBe(901);
    // Another endpoint still answers: points are per endpoint.
    expect(() => reads.admit(pat, read('GET /repos/{owner}/{repo}/pulls'))).not.toThrow();
    const writes = new RateLimiter();
    writes.set({ contentPerMinute: Infinity, contentPerHour: Infinity });
    expect(refusedAt(writes, pat, () => write('POST /repos/{owner}/{repo}/dispatches'), 2000).index).toBe(181);
  });

  it('sends retry-after only sometimes, and never in the mode without it', () => {
    const sometimes = new RateLimiter();
    sometimes.set({ contentPerMinute: 0 });
    const first = refusedAt(sometimes, pat, anyWrite, 1).error;
    const second = refusedAt(sometimes, pat, anyWrite, 1).error;
    expect([first.headers['retry-after'], second.headers['retry-after']]).toEqual(['60', undefined]);
    const never = new RateLimiter();
    never.set({ contentPerMinute: 0, secondaryRetryAfter: 'never' });
    expect(refusedAt(never, pat, anyWrite, 1).error.headers['retry-after']).toBeUndefined();
  });

  it('refuses more than 100 concurrent requests per identity', () => {
    const limiter = new RateLimiter();
    const releases = Array.from({ length: 100 }, (_, i) => limiter.admit(pat, read(`GET /c${i}`)));
    expect(() => limiter.admit(pat, read('GET /c-last'))).toThrow(/secondary rate limit/);
    releases.forEach((release) => release());
  });
});

describe('primary limits per token kind (RL#primary-rate-limit-for-authenticated-users)', () => {
  const limitOf = (identity: RateIdentity) => new RateLimiter().headers(identity)['x-ratelimit-limit'];

  it('gives a personal access token 5,000 requests per hour and anonymous callers 60', () => {
    expect(limitOf(pat)).toBe('5000');
    expect(limitOf({ key: 'anonymous', kind: 'anonymous', label: '127.0.0.1' })).toBe('60');
  });

  it('gives an App installation 5,000 per hour, plus 50 per repository over 20, at most 12,500', () => {
    const installation = (repos: number): RateIdentity => ({ key: `installation:${repos}`, kind: 'installation', label: '1', repos });
    expect(limitOf(installation(3))).toBe('5000');
    expect(limitOf(installation(30))).toBe('5500');
    expect(limitOf(installation(1000))).toBe('12500');
  });

  it('gives a GITHUB_TOKEN-like token 1,000 per hour per repository and names the installation when spent', () => {
    const limiter = new RateLimiter();
    const actions: RateIdentity = { key: 'actions:acme/widgets', kind: 'actions', label: '42' };
    expect(limiter.headers(actions)['x-ratelimit-limit']).toBe('1000');
    limiter.set({ primary: { actions: 1 }, maxConcurrent: Infinity });
    limiter.admit(actions, read())();
    const refused = refusedAt(limiter, actions, () => read(), 1).error;
    expect(refused.message).toBe('API rate limit exceeded for installation ID 42. If you reach out to GitHub Support for help, please include the request ID.');
  });
});

describe('the scaled clock', () => {
  it('makes a GitHub minute last 60 × secondMs for the secondary windows', async () => {
    const limiter = new RateLimiter(new SimClock(1));
    expect(refusedAt(limiter, pat, anyWrite, 200).index).toBe(81);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(() => limiter.admit(pat, anyWrite())).not.toThrow();
  });
});
