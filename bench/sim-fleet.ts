/**
 * github-sim for the delivery benchmarks: GitHub's limits as the sim's strict defaults
 * (80 content-creating requests a minute and 500 an hour per identity, 900 points per
 * endpoint and minute, retry-after only sometimes) on a scaled clock, where one GitHub
 * second lasts `secondMs` for every window, retry-after and reset.
 */
import { createHash } from 'node:crypto';
import { emptyOutbox, type Outbox, type OutboxStore } from '@ecosystem-dispatcher/dispatch';
import { createOctokit, WriteBudget, GITHUB_WRITE_BUDGET, type Octokit } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import type { TimedWrite } from './write-schedule.js';

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

export async function simWithRepos(repos: readonly string[], secondMs: number): Promise<{ sim: Sim; token: string }> {
  const sim = await startSim({ contractCheck: false, secondMs });
  const queue = [...repos];
  await Promise.all(Array.from({ length: 6 }, async () => {
    for (let repo = queue.shift(); repo; repo = queue.shift()) await sim.createRepo(repo);
  }));
  return { sim, token: sim.createToken({ login: 'dispatcher', repos: [...repos] }) };
}

/** Dispatch requests the sim received from the dispatcher's identity, and how many it refused for a rate limit. */
export function dispatchLog(sim: Sim) {
  const posts = sim.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/dispatches') && r.login === 'dispatcher');
  return { posts, times: posts.map((r) => Date.parse(r.at)), refusals: posts.filter((r) => r.fault === 'rate-limit').length };
}

/**
 * A client of one identity whose writes are timed as they leave and as they are answered.
 * `unpaced`: no budget and no spacing, to measure what one dispatch costs this box.
 */
export function timedClient(sim: Sim, token: string, secondMs: number, spent?: readonly number[], unpaced = false): { octokit: Octokit; budget: WriteBudget; writes: TimedWrite[] } {
  const budget = new WriteBudget(GITHUB_WRITE_BUDGET, { secondMs, ...(spent ? { spent } : {}) });
  const writes: TimedWrite[] = [];
  const timed: typeof fetch = async (input, init) => {
    const start = Date.now();
    try {
      return await fetch(input, init);
    } finally {
      if ((init?.method ?? 'GET').toUpperCase() === 'POST') writes.push({ start, answer: Date.now() });
    }
  };
  const octokit = createOctokit({
    auth: { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' },
    baseUrl: sim.url,
    throttle: { secondMs, ...(unpaced ? { writeSpacingSeconds: 0 } : {}) },
    ...(unpaced ? {} : { budget }),
    log: QUIET,
    request: { fetch: timed },
  });
  return { octokit, budget, writes };
}

export const sha = (text: string) => createHash('sha1').update(text).digest('hex');

export function secondMsOr(fallback: number): number {
  const fromEnv = Number(process.env.BENCH_SECOND_MS);
  return fromEnv > 0 ? fromEnv : fallback;
}

/** Keeps saves in memory and counts them: the store's speed is not what is measured here. */
export class CountingStore implements OutboxStore {
  readonly where = 'memory';
  saves = 0;
  async load(): Promise<Outbox> {
    return emptyOutbox();
  }
  async save(): Promise<void> {
    this.saves += 1;
  }
}
