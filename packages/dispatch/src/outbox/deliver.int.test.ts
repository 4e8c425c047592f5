import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOctokit, WriteBudget } from '@ecosystem-dispatcher/github';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchPosts, HEAD, planned, planOf, simClient, simWithRepos } from '../test-support/sim.js';
import { deliverOutbox } from './deliver.js';
import { emptyOutbox, enqueuePlan, pendingEntries, type Outbox } from './state.js';
import { FileStore, OutboxSaver } from './stores.js';
import { REFUSALS_BEFORE_STOP } from './token-wide.js';

const silentLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const REPOS = Array.from({ length: 12 }, (_, i) => `acme/cousin-${String(i).padStart(2, '0')}`);
let sim: Sim;
let token: string;
let dir: string;
let store: FileStore;

beforeEach(async () => {
  ({ sim, token } = await simWithRepos(REPOS));
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  store = new FileStore(join(dir, 'outbox.json'));
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

function outboxFor(repos: string[]): Outbox {
  return enqueuePlan(emptyOutbox(), planOf(repos.map((repo) => planned(repo))), new Date());
}

function deliver(outbox: Outbox, options: Partial<Parameters<typeof deliverOutbox>[1]> = {}, clientToken = token) {
  const octokit = createOctokit({ auth: { kind: 'token', token: clientToken, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, log: silentLog, throttle: { secondMs: 2 }, retries: 0, ...(options.budget ? { budget: options.budget } : {}) });
  return deliverOutbox(outbox, { octokitFor: () => octokit, saver: new OutboxSaver(store), authSource: 'ECOSYSTEM_TOKEN', ...options });
}

describe('deliverOutbox', () => {
  it('sends every pending entry once and saves an outbox with nothing pending', async () => {
    const { report, stoppedBy } = await deliver(outboxFor(REPOS));
    expect(stoppedBy).toBeUndefined();
    expect(report.counts).toMatchObject({ delivered: 12, failed: 0, pending: 0 });
    expect(sim.dispatches().map((d) => d.repo)).toEqual(REPOS);
    expect(sim.dispatches()[0]!.client_payload).toMatchObject({ commit_sha: HEAD, updated_features: ['features/webpush/flask'] });
    const saved = await store.load();
    expect(pendingEntries(saved)).toEqual([]);
    expect(saved.entries['acme/cousin-00']!.delivered).toMatchObject({ commit: HEAD });
  });

  it('stops at an exhausted budget with zero refusals; a re-run sends only what is pending', async () => {
    // Five writes per GitHub hour, on both sides; the run may last 1,000 GitHub seconds (2 s).
    sim.setRateLimit({ writesPerWindow: 5, writeWindowMs: 3600 * 2 });
    const budget = new WriteBudget([{ count: 5, seconds: 3600 }], { secondMs: 2 });
    const first = await deliver(outboxFor(REPOS), { budget, deadline: Date.now() + 1000 * 2 });
    expect(first.stoppedBy).toBe('deadline');
    expect(first.report.counts).toMatchObject({ delivered: 5, pending: 7 });
    expect(dispatchPosts(sim).map((r) => r.status)).toEqual(Array(5).fill(204));
    sim.setRateLimit(null);
    const again = await deliver(await store.load());
    expect(again.report.counts).toMatchObject({ delivered: 7, pending: 0 });
    expect(sim.dispatches().map((d) => d.repo).sort()).toEqual(REPOS);
  });

  it("saves the budget's spend with the outbox under the identity's name, for the next run", async () => {
    const budget = new WriteBudget([{ count: 500, seconds: 3600 }], { secondMs: 2 });
    const outbox = outboxFor(REPOS);
    outbox.writeSpend = { 'app 42': [Date.now()] };
    await deliver(outbox, { budget, budgetKey: 'token ECOSYSTEM_TOKEN' });
    const saved = await store.load();
    expect(saved.writeSpend?.['token ECOSYSTEM_TOKEN']).toHaveLength(REPOS.length);
    expect(saved.writeSpend?.['app 42']).toHaveLength(1);
    const next = new WriteBudget([{ count: 500, seconds: 3600 }], { secondMs: 2, spent: saved.writeSpend!['token ECOSYSTEM_TOKEN'] });
    expect(next.usedWithin(3600)).toBe(REPOS.length);
  });

  it('stops at the first 401 with one line and keeps every other cousin pending', async () => {
    const { report, stoppedBy, stopMessage } = await deliver(outboxFor(REPOS), {}, 'ghp_not_a_token');
    expect(stoppedBy).toBe('token');
    expect(stopMessage).toBe('GitHub refused the token (401 Bad credentials) for acme/cousin-00: it is wrong, expired or revoked; no further cousin was tried');
    expect(dispatchPosts(sim)).toHaveLength(1);
    expect(report.counts).toMatchObject({ failed: 1, pending: 11 });
    expect(pendingEntries(await store.load())).toHaveLength(12);
  });

  it(`stops when the first ${REFUSALS_BEFORE_STOP} cousins all refuse the token`, async () => {
    const stranger = sim.createToken({ login: 'stranger', repos: ['acme/elsewhere'] });
    const { stoppedBy, stopMessage } = await deliver(outboxFor(REPOS), {}, stranger);
    expect(stoppedBy).toBe('token');
    expect(stopMessage).toMatch(/^the first 10 cousins all refused the token \(40[34] from acme\/cousin-09\)/);
    expect(dispatchPosts(sim)).toHaveLength(REFUSALS_BEFORE_STOP);
  });

  it('tries cousins that never failed before the ones that did, so a broken cousin holds up nobody', async () => {
    const outbox = outboxFor(['acme/missing', ...REPOS.slice(0, 2)]);
    await deliver(outbox);
    expect(outbox.entries['acme/missing']).toMatchObject({ attempts: 1, lastError: { httpStatus: 404 } });
    const later = enqueuePlan(outbox, planOf([planned('acme/cousin-05')]), new Date());
    await deliver(later);
    expect(dispatchPosts(sim).slice(-2).map((r) => r.path)).toEqual(['/repos/acme/cousin-05/dispatches', '/repos/acme/missing/dispatches']);
  });

  it('starts nothing new once the signal is aborted, keeping the rest pending', async () => {
    const controller = new AbortController();
    const octokit = simClient(sim, token, {}, 0);
    const outbox = outboxFor(REPOS);
    const { report, stoppedBy } = await deliverOutbox(outbox, {
      octokitFor: () => octokit,
      saver: new OutboxSaver(store),
      onProgress: (done) => done === 3 && controller.abort(),
      signal: controller.signal,
    });
    expect(stoppedBy).toBe('signal');
    expect(report.counts).toMatchObject({ delivered: 3, pending: 9 });
    expect(pendingEntries(await store.load())).toHaveLength(9);
  });
});
