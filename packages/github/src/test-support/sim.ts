import { startSim, type Sim, type SimOptions } from '@ecosystem-dispatcher/github-sim';
import { createOctokit, type CreateOctokitOptions, type Octokit } from '../octokit.js';

export const silentLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A sim with the given empty repositories and a PAT that can write to all of them. */
export async function simWithRepos(repos: string[], options: SimOptions = {}): Promise<{ sim: Sim; token: string }> {
  const sim = await startSim(options);
  for (const repo of repos) await sim.createRepo(repo);
  const token = sim.createToken({ login: 'dispatcher', repos });
  return { sim, token };
}

/** A client of the sim on a shrunken clock: one GitHub second lasts `secondMs`. */
export function simClient(sim: Sim, token: string, options: Partial<CreateOctokitOptions> & { secondMs?: number } = {}): Octokit {
  const { secondMs = 2, throttle, ...rest } = options;
  return createOctokit({ auth: { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, log: silentLog, throttle: { secondMs, ...throttle }, ...rest });
}

export function dispatchTo(octokit: Octokit, repo: string, eventType = 'feature-update') {
  const [owner = '', name = ''] = repo.split('/');
  return octokit.request('POST /repos/{owner}/{repo}/dispatches', { owner, repo: name, event_type: eventType, client_payload: { updated_feature: 'features/a' } });
}

export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 0;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

export function dispatchRequests(sim: Sim) {
  return sim.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/dispatches'));
}
