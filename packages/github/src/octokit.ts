import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { GitHubAuth } from './auth.js';
import { DEFAULT_API_URL } from './api-url.js';
import { ConditionalCache, useConditionalRequests } from './conditional-cache.js';
import { classifyBareTooManyRequests } from './rate-limit-signal.js';
import { createWriteLimiter, resolveTiming, type ClientTiming, type WriteLimiter } from './timing.js';
import type { WriteBudget } from './write-budget.js';

export type { Octokit };

export interface OctokitLog {
  debug: (message: string, info?: object) => unknown;
  info: (message: string, info?: object) => unknown;
  warn: (message: string, info?: object) => unknown;
  error: (message: string, info?: object) => unknown;
}

export interface RetryEvent {
  reason: 'rate-limit' | 'secondary-rate-limit';
  method: string;
  url: string;
  /** How many times this request already waited out a limit. */
  retryCount: number;
  /** GitHub seconds the client waits before trying again. */
  waitSeconds: number;
}

export interface CreateOctokitOptions {
  auth: GitHubAuth;
  /** REST base URL. Default https://api.github.com (see `apiUrlFrom`). */
  baseUrl?: string;
  /** Prepended to Octokit's own user agent. Default `ecosystem-dispatcher`. */
  userAgent?: string;
  /** Default: only warnings, to the console. Octokit logs every failed attempt as an error, retried or not. */
  log?: OctokitLog;
  /** Pacing and rate-limit policy; see `ClientTiming` for defaults. */
  throttle?: ClientTiming & { limiter?: WriteLimiter };
  /** Retries for 5xx answers, bare 429s and dropped connections (plugin-retry). Default 3. */
  retries?: number;
  /** Octokit request options: a custom `fetch` (proxies, instrumentation). */
  request?: { fetch?: typeof fetch };
  /** Called before the client waits out a rate limit. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * The identity's content-creation budget: every write waits for room in it first, and a
   * secondary limit pauses it. Share one per identity. Default: none (pacing only).
   */
  budget?: WriteBudget;
  /**
   * The ETag cache every GET is sent through conditionally (a 304 costs no primary budget).
   * Default: a new in-memory cache for this client; pass one loaded with
   * `ConditionalCache.load(file)` to keep it between runs, or `false` for none.
   */
  cache?: ConditionalCache | false;
}

// plugin-retry first, so plugin-throttling wraps it: throttling spaces every attempt and
// owns the rate-limit waits; retry owns server errors and dropped
// connections (Octokit reports those as status 500) with (n+1)² s backoff.
const EcosystemOctokit = Octokit.plugin(classifyBareTooManyRequests, retry, throttling);

/**
 * The one Octokit factory of the project: @octokit/rest with plugin-retry and
 * plugin-throttling, a PAT or GitHub App auth, any base URL (GHES, github-sim).
 * Never retried: 400, 401, 403 (unless a rate limit), 404, 409, 410, 422, 451.
 */
export function createOctokit(options: CreateOctokitOptions): Octokit {
  const timing = resolveTiming(options.throttle);
  const limiter = options.throttle?.limiter ?? createWriteLimiter(timing);
  const waitOut = (reason: RetryEvent['reason']) => async (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): Promise<boolean> => {
    if (retryCount >= timing.rateLimitRetries || retryAfter > timing.maxWaitSeconds) return false;
    // GitHub: when a secondary limit comes again, wait exponentially longer. The plugin
    // waits `retryAfter`; the extra time is waited here, before saying yes.
    const waitSeconds = reason === 'secondary-rate-limit' ? Math.max(retryAfter, Math.min(retryAfter * 2 ** retryCount, timing.maxWaitSeconds)) : retryAfter;
    if (reason === 'secondary-rate-limit') options.budget?.pause(waitSeconds);
    options.onRetry?.({ reason, method: request.method, url: request.url, retryCount, waitSeconds });
    if (waitSeconds > retryAfter) await sleep((waitSeconds - retryAfter) * timing.secondMs);
    return true;
  };
  const octokit = new EcosystemOctokit({
    baseUrl: options.baseUrl ?? DEFAULT_API_URL,
    userAgent: options.userAgent ?? 'ecosystem-dispatcher',
    log: options.log ?? QUIET_LOG,
    ...authOptions(options.auth),
    ...(options.request ? { request: options.request } : {}),
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: timing.secondMs, doNotRetry: DO_NOT_RETRY },
    throttle: {
      // A private id keeps this client's queues apart from other identities in the process.
      id: `ecosystem-${nextClientId++}`,
      write: limiter.write,
      notifications: limiter.notifications,
      retryAfterBaseValue: timing.secondMs,
      fallbackSecondaryRateRetryAfter: timing.secondaryFallbackSeconds,
      onRateLimit: waitOut('rate-limit'),
      onSecondaryRateLimit: waitOut('secondary-rate-limit'),
    },
  });
  if (options.cache !== false) useConditionalRequests(octokit, options.cache ?? new ConditionalCache());
  const budget = options.budget;
  if (budget) {
    octokit.hook.wrap('request', async (request, requestOptions) => {
      if (!WRITE_METHODS.has(requestOptions.method.toUpperCase())) return request(requestOptions);
      const answered = await budget.take();
      try {
        return await request(requestOptions);
      } finally {
        answered();
      }
    });
  }
  return octokit;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let nextClientId = 1;

// plugin-retry's list plus 429: every 429 is a rate limit that throttling waits out.
// Plus 409: GitHub's answer for an empty repository or a conflicting ref update, which
// no retry changes (plugin-retry would wait 1 + 4 + 9 s for nothing).
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

function authOptions(auth: GitHubAuth): { auth: unknown; authStrategy?: typeof createAppAuth } {
  if (auth.kind === 'token') return { auth: auth.token };
  return {
    authStrategy: createAppAuth,
    auth: { appId: auth.appId, privateKey: auth.privateKey, ...(auth.installationId ? { installationId: auth.installationId } : {}) },
  };
}

const QUIET_LOG: OctokitLog = { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} };
