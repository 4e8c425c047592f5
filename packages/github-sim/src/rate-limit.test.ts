import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { RateLimiter } from './rate-limit.js';

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error('expected a refusal');
}

describe('RateLimiter', () => {
  it('gives anonymous callers 60 and tokens 5000 by default', () => {
    const limiter = new RateLimiter();
    expect(limiter.headers('anonymous')['x-ratelimit-limit']).toBe('60');
    expect(limiter.headers('user:a')['x-ratelimit-limit']).toBe('5000');
  });

  it('does not spend the budget on uncounted calls or refused requests', () => {
    const limiter = new RateLimiter();
    limiter.set({ limit: 1 });
    limiter.admit('user:a', 'GET', 'id', false)();
    limiter.admit('user:a', 'GET', 'id', true)();
    expect(refusal(() => limiter.admit('user:a', 'GET', 'id', true)).status).toBe(403);
    expect(limiter.headers('user:a')['x-ratelimit-used']).toBe('1');
  });

  it('frees a concurrency slot when the request is released', () => {
    const limiter = new RateLimiter();
    limiter.set({ maxConcurrent: 1, retryAfterSeconds: 2 });
    const release = limiter.admit('user:a', 'GET', 'id', true);
    const refused = refusal(() => limiter.admit('user:a', 'GET', 'RID-1', true));
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.message).toContain('RID-1');
    release();
    expect(() => limiter.admit('user:a', 'GET', 'id', true)).not.toThrow();
  });

  it('counts only writes against the write window', () => {
    const limiter = new RateLimiter();
    limiter.set({ writesPerWindow: 1, secondaryStatus: 429 });
    limiter.admit('user:a', 'POST', 'id', true)();
    limiter.admit('user:a', 'GET', 'id', true)();
    expect(refusal(() => limiter.admit('user:a', 'PATCH', 'id', true)).status).toBe(429);
  });
});
