import { Octokit } from '@octokit/rest';
import { afterEach, expect } from 'vitest';
import { startSim, type Sim, type SimOptions } from '../index.js';
import { tempDir, writeFiles } from './git.js';

/** An Octokit log that prints nothing: failures the tests provoke on purpose stay quiet. */
export const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export function octokit(sim: Sim, token?: string): Octokit {
  return new Octokit({ baseUrl: sim.url, ...(token ? { auth: token } : {}), log: quiet });
}

export type RepoSimOptions = SimOptions & { name?: string; private?: boolean; collaborators?: string[]; draftPullRequests?: boolean };

/** A sim with one repository `acme/<name>` holding the given files. */
export async function simWithRepo(files: Record<string, string> = { 'README.md': '# hello\n' }, options: RepoSimOptions = {}): Promise<{ sim: Sim; repo: string; close: () => Promise<void> }> {
  const sim = await startSim(options);
  const source = await tempDir('github-sim-fixture-');
  await writeFiles(source.path, files);
  const repo = `acme/${options.name ?? 'widgets'}`;
  await sim.createRepo(repo, { fromDir: source.path, private: options.private ?? false, ...(options.collaborators ? { collaborators: options.collaborators } : {}), ...(options.draftPullRequests !== undefined ? { draftPullRequests: options.draftPullRequests } : {}) });
  await source.remove();
  return {
    sim,
    repo,
    close: async () => {
      await sim.close();
    },
  };
}

/** GitHub computes `mergeable` in the background: read the pull until it is known, as clients must. */
export async function computedPull<T extends { data: { mergeable: boolean | null } }>(read: () => Promise<T>, attempts = 500): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await read();
    if (answer.data.mergeable !== null || attempt >= attempts) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The HTTP status a request failed with, or 0 when it succeeded. */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 0;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

/** A request's error as Octokit throws it: status, message, and GitHub's answer. */
export type Failure = { status: number; message: string; response: { data: { message: string; errors?: { message?: string; code: string; field?: string }[] }; headers: Record<string, string> } };

/** The error `promise` rejects with; a request that succeeds fails the test. */
export async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error('expected the request to fail');
}

/**
 * Sims started inside a test with their own options; after the test each is checked against
 * GitHub's contract and closed (closing one the test already closed is harmless).
 */
export function useSimPerTest(): (options: RepoSimOptions) => Promise<Sim> {
  const started: Sim[] = [];
  afterEach(async () => {
    for (const sim of started.splice(0)) {
      expect(sim.contractViolations).toEqual([]);
      await sim.close();
    }
  });
  return async (options) => {
    const { sim } = await simWithRepo(undefined, options);
    started.push(sim);
    return sim;
  };
}
