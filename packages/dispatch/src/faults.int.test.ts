import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDispatches } from './send-dispatches.js';
import { dispatchPosts, planned, planOf, simClient, simWithRepos } from './test-support/sim.js';

let sim: Sim | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const COUSINS = Array.from({ length: 40 }, (_, i) => `fleet/cousin-${String(i).padStart(2, '0')}`);

describe('sendDispatches under a 30 % fault rate and a secondary write limit', () => {
  it('delivers to every cousin, each once unless the loss came after the effect', async () => {
    const started = await simWithRepos(COUSINS, {
      seed: 2026,
      faults: { rate: 0.3, kinds: [500, 502, 503, 429, 'drop', 'drop-after-effect'], path: /\/dispatches$/ },
      // A secondary write limit on the client's clock (a "second" is 20 ms): 3 writes per
      // 100 s, far tighter than the client's 1 write per second, so it is hit and waited
      // out even on a slow machine (4 writes in 2 s only need answers within 660 ms).
      rateLimit: { writesPerWindow: 3, writeWindowMs: 2000, retryAfterSeconds: 100, secondaryRetryAfter: 'always' },
    });
    sim = started.sim;
    const octokit = simClient(sim, started.token, { secondMs: 20, rateLimitRetries: 10 }, 10);
    const report = await sendDispatches(planOf(COUSINS.map((repo) => planned(repo))), { octokitFor: () => octokit });

    expect(report.counts).toEqual({ total: COUSINS.length, delivered: COUSINS.length, failed: 0, skipped: 0, pending: 0 });
    const posts = dispatchPosts(sim);
    // The faults really happened, of several kinds.
    expect(new Set(posts.filter((p) => p.fault).map((p) => p.fault)).size).toBeGreaterThanOrEqual(4);
    expect(posts.some((p) => p.fault === 'rate-limit' && p.status === 403)).toBe(true);
    // Every HTTP attempt the client counted reached the sim, and nothing else did.
    expect(report.requests).toBe(posts.length);
    for (const repo of COUSINS) {
      const received = sim.dispatches(repo).length;
      // A connection dropped after GitHub accepted the event is, for the client, a network
      // error it retries: GitHub has no idempotency key, so the cousin then holds one more.
      const lostAfterEffect = posts.filter((p) => p.path === `/repos/${repo}/dispatches` && p.fault === 'drop-after-effect').length;
      expect({ repo, received }).toEqual({ repo, received: 1 + lostAfterEffect });
    }
    expect(sim.contractViolations).toEqual([]);
  });
});
