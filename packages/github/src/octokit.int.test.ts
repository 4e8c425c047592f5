import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RetryEvent } from './octokit.js';
import { createWriteLimiter } from './timing.js';
import { WriteBudget } from './write-budget.js';
import { dispatchRequests, dispatchTo, simClient, simWithRepos, statusOf } from './test-support/sim.js';

let sim: Sim;
let token: string;

beforeEach(async () => {
  ({ sim, token } = await simWithRepos(['acme/one', 'acme/two']));
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
});

describe('createOctokit retries what can succeed later', () => {
  it.each([500, 502, 503, 'drop'] as const)('retries a %s and delivers once', async (kind) => {
    sim.setFaults({ on: [1, 2], kinds: [kind], path: /\/dispatches$/ });
    const response = await dispatchTo(simClient(sim, token), 'acme/one');
    expect(response.status).toBe(204);
    expect(dispatchRequests(sim).map((r) => r.status)).toEqual([kind === 'drop' ? 0 : kind, kind === 'drop' ? 0 : kind, 204]);
    expect(sim.dispatches('acme/one')).toHaveLength(1);
  });

  it('gives up after the configured number of retries with the last status', async () => {
    sim.setFaults({ rate: 1, kinds: [503], path: /\/dispatches$/ });
    expect(await statusOf(dispatchTo(simClient(sim, token, { retries: 2 }), 'acme/one'))).toBe(503);
    expect(dispatchRequests(sim)).toHaveLength(3);
    expect(sim.dispatches()).toHaveLength(0);
  });

  it('waits out the retry-after of a bare 429 before trying again', async () => {
    sim.setFaults({ on: [1], kinds: [429], retryAfterSeconds: 3, path: /\/dispatches$/ });
    const retries: RetryEvent[] = [];
    await dispatchTo(simClient(sim, token, { secondMs: 25, onRetry: (e) => retries.push(e) }), 'acme/one');
    const [first, second] = dispatchRequests(sim);
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBeGreaterThanOrEqual(3 * 25 - 2);
    expect(retries).toEqual([expect.objectContaining({ reason: 'secondary-rate-limit', waitSeconds: 3, retryCount: 0 })]);
  });

  it('waits out a secondary rate limit (403 with retry-after) and then delivers', async () => {
    // Two writes per 1 s window (a dispatch may take 100 ms on a busy machine, as the sim
    // starts its workflow runs); retry-after 20 "seconds" of 60 ms covers the window.
    sim.setRateLimit({ writesPerWindow: 2, writeWindowMs: 1000, retryAfterSeconds: 20, secondaryRetryAfter: 'always' });
    const octokit = simClient(sim, token, { secondMs: 60, throttle: { writeSpacingSeconds: 0 } });
    for (let i = 0; i < 4; i++) await dispatchTo(octokit, i % 2 ? 'acme/one' : 'acme/two');
    const statuses = dispatchRequests(sim).map((r) => r.status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(4);
    expect(statuses).toContain(403);
    expect(sim.dispatches()).toHaveLength(4);
  });

  it('gives up on a secondary limit that does not clear after rateLimitRetries waits', async () => {
    sim.setRateLimit({ writesPerWindow: 0, retryAfterSeconds: 1, secondaryRetryAfter: 'always' });
    const retries: RetryEvent[] = [];
    const octokit = simClient(sim, token, { throttle: { rateLimitRetries: 2 }, onRetry: (e) => retries.push(e) });
    expect(await statusOf(dispatchTo(octokit, 'acme/one'))).toBe(403);
    expect(dispatchRequests(sim).map((r) => r.status)).toEqual([403, 403, 403]);
    expect(retries.map((e) => e.retryCount)).toEqual([0, 1]);
  });

  it('waits for x-ratelimit-reset when the primary limit is used up', async () => {
    // A 3 s window: a busy machine still sends the second request inside it.
    sim.setRateLimit({ limit: 1, windowMs: 3000 });
    const octokit = simClient(sim, token, { secondMs: 1000 });
    await dispatchTo(octokit, 'acme/one');
    await dispatchTo(octokit, 'acme/two');
    expect(dispatchRequests(sim).map((r) => r.status)).toEqual([204, 403, 204]);
  });

  it('does not wait for a primary reset further away than maxWaitSeconds', async () => {
    sim.setRateLimit({ limit: 1 });
    const octokit = simClient(sim, token, { throttle: { maxWaitSeconds: 60 } });
    await dispatchTo(octokit, 'acme/one');
    expect(await statusOf(dispatchTo(octokit, 'acme/two'))).toBe(403);
    expect(dispatchRequests(sim)).toHaveLength(2);
  });
});

describe('createOctokit never retries what cannot succeed', () => {
  it('sends a 404, a 422 and a 401 exactly once', async () => {
    const octokit = simClient(sim, token);
    expect(await statusOf(dispatchTo(octokit, 'acme/missing'))).toBe(404);
    const elevenKeys = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
    expect(await statusOf(octokit.request('POST /repos/{owner}/{repo}/dispatches', { owner: 'acme', repo: 'one', event_type: 'e', client_payload: elevenKeys }))).toBe(422);
    // GitHub's own check answers first, in GitHub's words, before the schema check.
    expect(sim.contractViolations).toEqual([]);
    expect(await statusOf(dispatchTo(simClient(sim, 'ghp_wrong_token_value'), 'acme/one'))).toBe(401);
    expect(dispatchRequests(sim).map((r) => r.status)).toEqual([404, 422, 401]);
  });

  it('does not retry a 403 that is a missing permission', async () => {
    const reader = sim.createToken({ login: 'reader', repos: ['acme/one'], permissions: 'read' });
    expect(await statusOf(dispatchTo(simClient(sim, reader), 'acme/one'))).toBe(403);
    expect(dispatchRequests(sim)).toHaveLength(1);
  });
});

describe('createOctokit spaces writes', () => {
  // Send moments are taken where the client hands a request to fetch: arrival times at
  // the sim would add the scheduling noise of a busy machine.
  function recordingFetch(sent: number[]): typeof fetch {
    return (...args) => (sent.push(Date.now()), fetch(...args));
  }

  it('keeps one client\'s writes at the writeSpacingSeconds pace', async () => {
    const limiter = createWriteLimiter({ secondMs: 100 });
    const released: number[] = [];
    limiter.write.on('created', (queue) => queue.on('executing', () => released.push(Date.now())));
    const sent: number[] = [];
    const octokit = simClient(sim, token, { secondMs: 100, throttle: { limiter }, request: { fetch: recordingFetch(sent) } });
    await Promise.all([0, 1, 2, 3, 4].map((i) => dispatchTo(octokit, i % 2 ? 'acme/one' : 'acme/two')));
    expect(sim.dispatches()).toHaveLength(5);
    // Bottleneck plans each launch minTime after the previous planned one: over a run the
    // writes keep the pace, though after an event-loop stall (a busy CI box) two may leave
    // closer together. So the check is on the pace across the run, with half a gap of slack.
    expect(released).toHaveLength(5);
    expect(released[4]! - released[0]!).toBeGreaterThanOrEqual(4 * 100 - 50);
    expect(sent).toHaveLength(5);
    // Unspaced, five writes leave within a few ms; spaced, they span about 400 ms.
    expect(sent[4]! - sent[0]!).toBeGreaterThanOrEqual(2 * 100);
  });

  it('does not space reads', async () => {
    const sent: number[] = [];
    const octokit = simClient(sim, token, { secondMs: 3000, request: { fetch: recordingFetch(sent) } });
    await Promise.all([0, 1, 2, 3].map(() => octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'one' })));
    expect(sent).toHaveLength(4);
    // Spaced like writes they would span 9 s; unspaced they leave together (a busy
    // machine may still take a few seconds to hand them over).
    expect(Math.max(...sent) - Math.min(...sent)).toBeLessThan(6000);
  });
});

describe('createOctokit backs off and budgets writes', () => {
  it('waits exponentially longer each time a secondary limit comes again', async () => {
    sim.setRateLimit({ writesPerWindow: 0, retryAfterSeconds: 1, secondaryRetryAfter: 'always' });
    const retries: RetryEvent[] = [];
    const octokit = simClient(sim, token, { secondMs: 10, throttle: { rateLimitRetries: 3 }, onRetry: (e) => retries.push(e) });
    expect(await statusOf(dispatchTo(octokit, 'acme/one'))).toBe(403);
    expect(retries.map((e) => e.waitSeconds)).toEqual([1, 2, 4]);
    const at = dispatchRequests(sim).map((r) => Date.parse(r.at));
    expect(at[3]! - at[2]!).toBeGreaterThanOrEqual(4 * 10 - 2);
  });

  it('holds writes to the budget so the sim never refuses one', async () => {
    // Three writes per 200 ms window on both sides: the budget waits, the sim never says no.
    sim.setRateLimit({ writesPerWindow: 3, writeWindowMs: 200, retryAfterSeconds: 1 });
    const budget = new WriteBudget([{ count: 3, seconds: 20 }], { secondMs: 10 });
    const octokit = simClient(sim, token, { secondMs: 10, throttle: { writeSpacingSeconds: 0 }, budget });
    for (let i = 0; i < 7; i++) await dispatchTo(octokit, 'acme/one');
    const statuses = dispatchRequests(sim).map((r) => r.status);
    expect(statuses).toEqual(Array(7).fill(204));
    // Reads are not budgeted: a budget paused for 36 s (3,600 scaled seconds) holds no GET.
    budget.pause(3600);
    const started = Date.now();
    await octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'one' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
