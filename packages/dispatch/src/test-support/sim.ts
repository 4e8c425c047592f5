import { buildPayload, type DispatchPlan, type PlannedDispatch } from '@ecosystem-dispatcher/core';
import { createOctokit, type ClientTiming, type Octokit } from '@ecosystem-dispatcher/github';
import { startSim, type Sim, type SimOptions } from '@ecosystem-dispatcher/github-sim';

export const HEAD = 'a'.repeat(40);
export const BASE = 'b'.repeat(40);
const silentLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** One planned dispatch, as core's planner makes them. */
export function planned(repo: string, features: string[] = ['features/webpush/flask'], files: string[] = [`${features[0]}/app.py`], eventType = 'feature-update'): PlannedDispatch {
  return { repo, eventType, features, files, payload: buildPayload({ features, files, head: HEAD, before: BASE, sourceRepo: 'acme/monorepo', ref: 'refs/heads/main' }, eventType) };
}

export function planOf(dispatches: PlannedDispatch[], skipped: DispatchPlan['skipped'] = []): DispatchPlan {
  return { head: HEAD, base: BASE, sourceRepo: 'acme/monorepo', ref: 'refs/heads/main', dispatches, skipped };
}

/** A sim holding the repositories, and a PAT that may write to all of them. */
export async function simWithRepos(repos: string[], options: SimOptions = {}): Promise<{ sim: Sim; token: string }> {
  const sim = await startSim(options);
  for (const repo of repos) await sim.createRepo(repo);
  return { sim, token: sim.createToken({ login: 'dispatcher', repos }) };
}

export function simClient(sim: Sim, token: string, timing: ClientTiming = {}, retries = 3): Octokit {
  return createOctokit({ auth: { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, log: silentLog, throttle: { secondMs: 2, ...timing }, retries });
}

export function dispatchPosts(sim: Sim) {
  return sim.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/dispatches'));
}
