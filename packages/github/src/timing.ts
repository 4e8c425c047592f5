import Bottleneck from 'bottleneck';

/**
 * How the client paces itself. Every duration is in GitHub seconds; `secondMs` says how
 * long one lasts, so tests and benchmarks run the real policy on a shrunken clock.
 */
export interface ClientTiming {
  /** Milliseconds per GitHub second. Default 1000; tests use a few ms. */
  secondMs?: number;
  /**
   * Gap between two writes (POST/PATCH/PUT/DELETE) of one identity. Default 1: GitHub
   * asks integrators to send writes serially and at least one second apart to stay
   * clear of its secondary limits ("best practices for using the REST API").
   */
  writeSpacingSeconds?: number;
  /** Extra gap for writes that notify people (issues, comments, pull requests). Default 3, as plugin-throttling. */
  notificationSpacingSeconds?: number;
  /** How often one request may wait out a primary or secondary rate limit. Default 3. */
  rateLimitRetries?: number;
  /** A limit whose wait is longer than this is not waited out: the request fails. Default 900 (15 min). */
  maxWaitSeconds?: number;
  /** Wait when a secondary limit comes without `retry-after`; GitHub says at least 60 s. Default 60. */
  secondaryFallbackSeconds?: number;
}

export const DEFAULT_TIMING: Required<ClientTiming> = {
  secondMs: 1000,
  writeSpacingSeconds: 1,
  notificationSpacingSeconds: 3,
  rateLimitRetries: 3,
  maxWaitSeconds: 900,
  secondaryFallbackSeconds: 60,
};

export function resolveTiming(timing: ClientTiming = {}): Required<ClientTiming> {
  const merged = { ...DEFAULT_TIMING };
  for (const key of Object.keys(DEFAULT_TIMING) as (keyof ClientTiming)[]) {
    const value = timing[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`timing.${key} must be a number >= 0, got ${String(value)}`);
    merged[key] = value;
  }
  return merged;
}

/**
 * The queues that space one identity's writes. Bottleneck plans each launch `minTime`
 * after the previous planned one, so the pace holds over a run; after an event-loop stall
 * two writes may leave closer together, which GitHub's per-minute secondary limits absorb. Pass the same limiter to every client of
 * one identity so the spacing holds across them; different identities (App installations
 * of different owners) have their own limits at GitHub and may have their own limiter.
 */
export interface WriteLimiter {
  write: Bottleneck.Group;
  notifications: Bottleneck.Group;
}

export function createWriteLimiter(timing: ClientTiming = {}): WriteLimiter {
  const t = resolveTiming(timing);
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: t.writeSpacingSeconds * t.secondMs }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: t.notificationSpacingSeconds * t.secondMs }),
  };
}
