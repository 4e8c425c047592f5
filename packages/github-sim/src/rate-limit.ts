import { ApiError } from './api-error.js';
import { SimClock } from './clock.js';
import { primaryQuota, primaryRefusalMessage, type RateIdentity } from './primary-limits.js';
import { newLedger, SecondaryLimits, WRITE_METHODS, type SecondaryLedger } from './secondary-limits.js';
import type { RateLimitOptions } from './types.js';

export type { RateIdentity } from './primary-limits.js';

interface Bucket {
  used: number;
  resetAt: number;
  secondary: SecondaryLedger;
}

export interface RateLimitHeaders {
  'x-ratelimit-limit': string;
  'x-ratelimit-remaining': string;
  'x-ratelimit-reset': string;
  'x-ratelimit-used': string;
  'x-ratelimit-resource': string;
}

export interface Admission {
  method: string;
  /** `METHOD /route/template`, the unit of GitHub's points per endpoint. */
  endpoint: string;
  requestId: string;
  /** False for calls GitHub does not count against the primary limit (`/rate_limit`). */
  counts: boolean;
}

const PRIMARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/**
 * GitHub's limits, on by default at GitHub's numbers: a primary budget per identity and
 * hour (by token kind), and the secondary limits. `admit` either throws the GitHub-shaped
 * refusal or returns a release function to call when the request finishes.
 */
export class RateLimiter {
  private options: RateLimitOptions = {};
  private readonly buckets = new Map<string, Bucket>();
  private readonly secondary: SecondaryLimits;

  constructor(readonly clock: SimClock = new SimClock()) {
    this.secondary = new SecondaryLimits(() => this.options, clock);
  }

  set(options: RateLimitOptions | null): void {
    this.options = options ?? {};
    this.buckets.clear();
  }

  private bucket(identity: RateIdentity): Bucket {
    const now = Date.now();
    let bucket = this.buckets.get(identity.key);
    if (!bucket) {
      bucket = { used: 0, resetAt: 0, secondary: newLedger() };
      this.buckets.set(identity.key, bucket);
    }
    if (bucket.resetAt <= now) {
      bucket.resetAt = now + (this.options.windowMs ?? this.clock.ms(3600));
      bucket.used = 0;
    }
    return bucket;
  }

  headers(identity: RateIdentity): RateLimitHeaders {
    const bucket = this.bucket(identity);
    const limit = primaryQuota(identity, this.options);
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(limit - bucket.used, 0)),
      'x-ratelimit-reset': String(this.clock.resetHeader(bucket.resetAt)),
      'x-ratelimit-used': String(bucket.used),
      'x-ratelimit-resource': 'core',
    };
  }

  /** Gives back the primary-limit unit `admit` took (a conditional request answered 304). */
  refund(identity: RateIdentity): void {
    const bucket = this.bucket(identity);
    bucket.used = Math.max(bucket.used - 1, 0);
  }

  admit(identity: RateIdentity, admission: Admission): () => void {
    const bucket = this.bucket(identity);
    if (admission.counts && bucket.used >= primaryQuota(identity, this.options)) {
      throw new ApiError(this.options.exhaustedStatus ?? 403, primaryRefusalMessage(identity), { documentation_url: PRIMARY_DOCS });
    }
    const request = { ...admission, contentCreating: WRITE_METHODS.has(admission.method) };
    this.secondary.check(bucket.secondary, request);
    this.secondary.record(bucket.secondary, request);
    if (admission.counts) bucket.used += 1;
    bucket.secondary.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bucket.secondary.inFlight -= 1;
    };
  }
}
