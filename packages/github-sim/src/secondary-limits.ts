import { ApiError } from './api-error.js';
import type { SimClock } from './clock.js';
import type { RateLimitOptions } from './types.js';

// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
export const SECONDARY_DEFAULTS = {
  maxConcurrent: 100,
  contentPerMinute: 80,
  contentPerHour: 500,
  endpointPointsPerMinute: 900,
  readPoints: 1,
  writePoints: 5,
  retryAfterSeconds: 60,
};

type Settings = typeof SECONDARY_DEFAULTS & RateLimitOptions;

const SECONDARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';
export const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** What one identity did recently, for the sliding windows. */
export interface SecondaryLedger {
  inFlight: number;
  /** Real times of content-creating requests in the last hour. */
  content: number[];
  /** Real times of writes for the optional custom write window. */
  writes: number[];
  /** Per endpoint (method and route), real times and points in the last minute. */
  points: Map<string, { at: number; points: number }[]>;
  refusals: number;
}

export function newLedger(): SecondaryLedger {
  return { inFlight: 0, content: [], writes: [], points: new Map(), refusals: 0 };
}

export interface SecondaryRequest {
  method: string;
  /** `METHOD /route/template`: GitHub's points are per REST endpoint. */
  endpoint: string;
  requestId: string;
  /** Creating requests (POST, PATCH, PUT, DELETE) spend the content budget. */
  contentCreating: boolean;
}

/**
 * GitHub's secondary limits, each a sliding window in GitHub seconds: concurrency,
 * content-creating requests per minute and per hour, points per endpoint per minute,
 * plus the older custom write window (`writesPerWindow` per `writeWindowMs`).
 */
export class SecondaryLimits {
  constructor(
    private readonly options: () => RateLimitOptions,
    private readonly clock: SimClock,
  ) {}

  private get settings(): Settings {
    return { ...SECONDARY_DEFAULTS, ...this.options() };
  }

  check(ledger: SecondaryLedger, request: SecondaryRequest): void {
    const s = this.settings;
    const now = Date.now();
    const minuteAgo = now - this.clock.ms(60);
    ledger.content = ledger.content.filter((at) => at > now - this.clock.ms(3600));
    const points = (ledger.points.get(request.endpoint) ?? []).filter((entry) => entry.at > minuteAgo);
    ledger.points.set(request.endpoint, points);
    const cost = WRITE_METHODS.has(request.method) ? s.writePoints : s.readPoints;
    const spentPoints = points.reduce((sum, entry) => sum + entry.points, 0);
    const refused =
      ledger.inFlight >= s.maxConcurrent ||
      spentPoints + cost > s.endpointPointsPerMinute ||
      (request.contentCreating && this.contentRefused(ledger, minuteAgo, s)) ||
      (WRITE_METHODS.has(request.method) && this.customWindowRefused(ledger, now));
    if (refused) throw this.refusal(ledger, request.requestId);
  }

  record(ledger: SecondaryLedger, request: SecondaryRequest): void {
    const now = Date.now();
    const cost = WRITE_METHODS.has(request.method) ? this.settings.writePoints : this.settings.readPoints;
    ledger.points.get(request.endpoint)!.push({ at: now, points: cost });
    if (request.contentCreating) ledger.content.push(now);
    if (WRITE_METHODS.has(request.method)) ledger.writes.push(now);
  }

  private contentRefused(ledger: SecondaryLedger, minuteAgo: number, s: Settings): boolean {
    if (ledger.content.length >= s.contentPerHour) return true;
    return ledger.content.filter((at) => at > minuteAgo).length >= s.contentPerMinute;
  }

  private customWindowRefused(ledger: SecondaryLedger, now: number): boolean {
    const { writesPerWindow, writeWindowMs } = this.options();
    if (writesPerWindow === undefined) return false;
    const since = now - (writeWindowMs ?? this.clock.ms(60));
    ledger.writes = ledger.writes.filter((at) => at > since);
    return ledger.writes.length >= writesPerWindow;
  }

  /** GitHub sends `retry-after` only sometimes: `alternate` leaves it off every second refusal. */
  private refusal(ledger: SecondaryLedger, requestId: string): ApiError {
    const { secondaryStatus, secondaryRetryAfter = 'alternate' } = this.options();
    ledger.refusals += 1;
    const withHeader = secondaryRetryAfter === 'always' || (secondaryRetryAfter === 'alternate' && ledger.refusals % 2 === 1);
    return new ApiError(
      secondaryStatus ?? 403,
      `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      { documentation_url: SECONDARY_DOCS },
      withHeader ? { 'retry-after': String(this.settings.retryAfterSeconds) } : {},
    );
  }
}
