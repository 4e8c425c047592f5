import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { startSim } from '@ecosystem-dispatcher/github-sim';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { localCheckout, localSetupNode, workspaceEcosystem } from '../index.js';
import type { RunnerOptions } from '../index.js';

/** GitHub's example payloads (a JSON main, loaded with require: no import attributes needed). */
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const CLI_ENTRY = path.join(REPOSITORY_ROOT, 'packages/cli/dist/bin.js');
export const workflowFile = (name: string) => path.join(REPOSITORY_ROOT, '.github/workflows', name);

/** A github-sim, a scratch folder, and runner options wired to both. */
export interface World {
  sim: Sim;
  scratch: string;
  /** Clones `owner/repo` from the sim into the scratch folder, authenticated with the admin token. */
  clone(repository: string): Promise<Git>;
  runnerOptions(extra: Partial<RunnerOptions> & Pick<RunnerOptions, 'event' | 'github'>): RunnerOptions;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const sim = await startSim();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'shipped-workflows-'));
  const home = path.join(scratch, 'home');
  const gitEnv = { ...TEST_GIT_ENV, HOME: home };
  const auth = (token: string) => ['-c', `http.extraHeader=Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`];
  return {
    sim,
    scratch,
    async clone(repository) {
      const dir = await mkdtemp(path.join(scratch, 'clone-'));
      await new Git(scratch, gitEnv).run([...auth(sim.adminToken), 'clone', '--quiet', `${sim.gitUrl}/${repository}.git`, dir]);
      const git = new Git(dir, gitEnv);
      await git.run(['config', 'http.extraHeader', auth(sim.adminToken)[1]!.replace('http.extraHeader=', '')]);
      return git;
    },
    runnerOptions(extra) {
      return {
        repositoryRoot: REPOSITORY_ROOT,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...TEST_GIT_ENV },
        replaceSteps: { 'install-ecosystem': workspaceEcosystem(CLI_ENTRY) },
        stepTimeoutMs: 60_000,
        ...extra,
        actions: {
          'actions/checkout': localCheckout({ cloneUrl: (repository) => `${sim.gitUrl}/${repository}.git`, gitEnv }),
          'actions/setup-node': localSetupNode,
          ...extra.actions,
        },
        github: { server_url: sim.gitUrl, api_url: sim.url, ...extra.github },
      };
    },
    async close() {
      await sim.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** A real push payload from GitHub's examples, pointed at this push. */
export function pushPayload(repository: string, before: string, after: string): Record<string, unknown> {
  const example = structuredClone(examples.find((event) => event.name === 'push')!.examples[0]) as Record<string, any>;
  const [owner, name] = repository.split('/');
  return {
    ...example,
    ref: 'refs/heads/main',
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    commits: [],
    head_commit: null,
    repository: { ...example.repository, name, full_name: repository, default_branch: 'main', master_branch: 'main', owner: { ...example.repository.owner, login: owner, name: owner } },
  };
}

/** A real repository_dispatch payload from GitHub's examples, carrying `clientPayload`. */
export function dispatchPayload(repository: string, eventType: string, clientPayload: Record<string, unknown>): Record<string, unknown> {
  const example = structuredClone(examples.find((event) => event.name === 'repository_dispatch')!.examples[0]) as Record<string, any>;
  const [owner, name] = repository.split('/');
  return {
    ...example,
    action: eventType,
    branch: 'main',
    client_payload: clientPayload,
    repository: { ...example.repository, name, full_name: repository, default_branch: 'main', owner: { ...example.repository.owner, login: owner } },
  };
}

/** A real pull_request `closed` payload from GitHub's examples, for a pull request of the sim. */
export function pullClosedPayload(repository: string, pull: { number: number; head: string; base: string; merged: boolean }): Record<string, unknown> {
  const example = structuredClone(
    examples.find((event) => event.name === 'pull_request')!.examples.find((candidate) => candidate.action === 'closed'),
  ) as Record<string, any>;
  const [owner, name] = repository.split('/');
  const repo = { ...example.repository, name, full_name: repository, default_branch: 'main', owner: { ...example.repository.owner, login: owner } };
  return {
    ...example,
    action: 'closed',
    number: pull.number,
    repository: repo,
    pull_request: {
      ...example.pull_request,
      number: pull.number,
      state: 'closed',
      merged: pull.merged,
      html_url: `https://github.com/${repository}/pull/${pull.number}`,
      head: { ...example.pull_request.head, ref: pull.head, repo },
      base: { ...example.pull_request.base, ref: pull.base, repo },
    },
  };
}

export async function writeAndCommit(git: Git, files: Record<string, string>, message: string): Promise<string> {
  for (const [file, content] of Object.entries(files)) await writeFile(path.join(git.cwd, file), content);
  await git.run(['add', '--all']);
  await git.run(['commit', '--quiet', '-m', message]);
  return (await git.output(['rev-parse', 'HEAD'])).trim();
}

