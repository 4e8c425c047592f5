import type { Octokit } from '@octokit/core';

// The two signals plugin-throttling looks for (see its `retryLimiter.on("failed")`).
const SECONDARY_WORDS = /\bsecondary rate\b/i;

/**
 * A 429 is always a rate limit at GitHub, but plugin-throttling only recognises one that
 * says "secondary rate" or has `x-ratelimit-remaining: 0`; plugin-retry would retry any
 * other 429 on its own fast backoff and ignore `retry-after`. This innermost hook names
 * such a bare 429 a secondary limit, so throttling waits out its `retry-after` (or 60 s).
 */
export function classifyBareTooManyRequests(octokit: Octokit): void {
  octokit.hook.error('request', (error: unknown) => {
    const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string | undefined> } };
    const remaining = e.response?.headers?.['x-ratelimit-remaining'];
    if (e.status === 429 && remaining !== '0' && typeof e.message === 'string' && !SECONDARY_WORDS.test(e.message)) {
      e.message = `${e.message} (HTTP 429: secondary rate limit)`;
    }
    throw error;
  });
}
