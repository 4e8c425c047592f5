import type { CommandIO } from './io.js';

/**
 * `ECOSYSTEM_SECOND_MS`: milliseconds per GitHub second for the client's pacing. Only
 * rehearsals against github-sim shrink it; unset (or not a positive number) keeps GitHub's
 * real clock.
 */
export function pacingFromEnv(env: CommandIO['env']): { throttle?: { secondMs: number } } {
  const secondMs = Number(env.ECOSYSTEM_SECOND_MS);
  return secondMs > 0 ? { throttle: { secondMs } } : {};
}
