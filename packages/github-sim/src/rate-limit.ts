import { ApiError } from './api-error.js';
import type { RateLimitOptions } from './types.js';

interface Bucket {
  used: number;
  resetAt: number;
  inFlight: number;
  writes: number[];
}

export interface RateLimitHeaders {
  'x-ratelimit-limit': string;
  'x-ratelimit-remaining': string;
  'x-ratelimit-reset': string;
  'x-ratelimit-used': string;
  'x-ratelimit-resource': string;
}

const HOUR = 60 * 60 * 1000;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const SECONDARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/**
 * Primary limit per identity and window; secondary limits on concurrency and on
 * writes per window. `admit` either throws the GitHub-shaped refusal or returns a
 * release function to call when the request finishes.
 */
export class RateLimiter {
  private options: RateLimitOptions = {};
  private readonly buckets = new Map<string, Bucket>();

  set(options: RateLimitOptions | null): void {
    this.options = options ?? {};
    this.buckets.clear();
  }

  private limitFor(identity: string): number {
    return this.options.limit ?? (identity === 'anonymous' ? 60 : 5000);
  }

  private bucket(identity: string): Bucket {
    const now = Date.now();
    let bucket = this.buckets.get(identity);
    if (!bucket) {
      bucket = { used: 0, resetAt: 0, inFlight: 0, writes: [] };
      this.buckets.set(identity, bucket);
    }
    if (bucket.resetAt <= now) {
      // Whole seconds, so the `x-ratelimit-reset` header and the real reset agree.
      bucket.resetAt = Math.ceil((now + (this.options.windowMs ?? HOUR)) / 1000) * 1000;
      bucket.used = 0;
    }
    return bucket;
  }

  headers(identity: string): RateLimitHeaders {
    const bucket = this.bucket(identity);
    const limit = this.limitFor(identity);
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(limit - bucket.used, 0)),
      'x-ratelimit-reset': String(bucket.resetAt / 1000),
      'x-ratelimit-used': String(bucket.used),
      'x-ratelimit-resource': 'core',
    };
  }

  admit(identity: string, method: string, requestId: string, counts: boolean): () => void {
    const bucket = this.bucket(identity);
    if (counts && bucket.used >= this.limitFor(identity)) {
      throw new ApiError(this.options.exhaustedStatus ?? 403, `API rate limit exceeded for ${identity}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`, { documentation_url: PRIMARY_DOCS });
    }
    this.checkSecondary(bucket, method, requestId);
    if (counts) bucket.used += 1;
    bucket.inFlight += 1;
    if (WRITE_METHODS.has(method)) bucket.writes.push(Date.now());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bucket.inFlight -= 1;
    };
  }

  private checkSecondary(bucket: Bucket, method: string, requestId: string): void {
    const maxConcurrent = this.options.maxConcurrent ?? 100;
    const tooMany = bucket.inFlight >= maxConcurrent;
    let tooFast = false;
    if (WRITE_METHODS.has(method) && this.options.writesPerWindow !== undefined) {
      const since = Date.now() - (this.options.writeWindowMs ?? 60_000);
      bucket.writes = bucket.writes.filter((at) => at > since);
      tooFast = bucket.writes.length >= this.options.writesPerWindow;
    }
    if (!tooMany && !tooFast) return;
    throw new ApiError(
      this.options.secondaryStatus ?? 403,
      `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      { documentation_url: SECONDARY_DOCS },
      { 'retry-after': String(this.options.retryAfterSeconds ?? 60) },
    );
  }
}
