import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { SimClock } from './clock.js';
import { RateLimiter, type RateIdentity } from './rate-limit.js';

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error('expected a refusal');
}

const pat: RateIdentity = { key: 'user:a', kind: 'pat', label: '7' };
const get = (requestId = 'id', counts = true) => ({ method: 'GET', endpoint: 'GET /repos/{owner}/{repo}', requestId, counts });
const post = (endpoint = 'POST /repos/{owner}/{repo}/issues') => ({ method: 'POST', endpoint, requestId: 'id', counts: true });

describe('RateLimiter', () => {
  it('gives anonymous callers 60 and PATs 5000 by default', () => {
    const limiter = new RateLimiter();
    expect(limiter.headers({ key: 'anonymous', kind: 'anonymous', label: '127.0.0.1' })['x-ratelimit-limit']).toBe('60');
    expect(limiter.headers(pat)['x-ratelimit-limit']).toBe('5000');
  });

  it('does not spend the budget on uncounted calls or refused requests', () => {
    const limiter = new RateLimiter();
    limiter.set({ limit: 1 });
    limiter.admit(pat, get('id', false))();
    limiter.admit(pat, get())();
    expect(refusal(() => limiter.admit(pat, get())).status).toBe(403);
    expect(limiter.headers(pat)['x-ratelimit-used']).toBe('1');
  });

  it('frees a concurrency slot when the request is released', () => {
    const limiter = new RateLimiter();
    limiter.set({ maxConcurrent: 1, retryAfterSeconds: 2 });
    const release = limiter.admit(pat, get());
    const refused = refusal(() => limiter.admit(pat, get('RID-1')));
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.message).toContain('RID-1');
    release();
    expect(() => limiter.admit(pat, get())).not.toThrow();
  });

  it('counts only writes against the custom write window', () => {
    const limiter = new RateLimiter();
    limiter.set({ writesPerWindow: 1, secondaryStatus: 429 });
    limiter.admit(pat, post())();
    limiter.admit(pat, get())();
    expect(refusal(() => limiter.admit(pat, { ...post(), method: 'PATCH' })).status).toBe(429);
  });

  it('states the reset in GitHub seconds on a scaled clock', () => {
    const limiter = new RateLimiter(new SimClock(10));
    const reset = Number(limiter.headers(pat)['x-ratelimit-reset']);
    // One GitHub hour at 10 ms a second: the reset is 3600 epoch seconds ahead of now.
    expect(reset - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(3599);
    expect(reset - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(3600);
  });
});
