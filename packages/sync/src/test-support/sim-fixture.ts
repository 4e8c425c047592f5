import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Git, parseCousinConfig, parseDispatchPayload } from '@ecosystem-dispatcher/core';
import { createOctokit, type Octokit } from '@ecosystem-dispatcher/github';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { gitAuthEnv } from '../git-auth.js';
import { runSync, type SyncRequest, type SyncRunOptions, type SyncRunResult } from '../sync-run.js';
import { TEST_GIT_ENV, workRepo, writeFiles, type FileSpec, type Scratch, type WorkRepo } from './repos.js';

export interface SimFixture {
  upstreamName: string;
  cousinName: string;
  token: string;
  octokit: Octokit;
  /** A working clone of the monorepo, pushing to the sim. */
  upstream: WorkRepo;
  /** The cousin's checkout (origin = the sim), where sync runs. */
  cousin: WorkRepo;
  publish(): Promise<string>;
  dispatch(commit: string, features?: string[], extra?: Record<string, unknown>): SyncRequest;
  sync(request: SyncRequest | string, options?: Partial<SyncRunOptions>): Promise<SyncRunResult & { log: string[] }>;
  /** The cousin's branch tip on the sim (what a push changed). */
  remoteTip(branch: string): Promise<string | undefined>;
  /** A client with an empty request cache, as each new workflow run starts with (`octokit` keeps its cache from test to test). */
  freshOctokit(): Octokit;
}

/** A monorepo and a cousin on a shared github-sim, one token for both, a shrunken clock. */
export interface CousinRepoOptions {
  private?: boolean;
  /** Logins GitHub accepts as reviewers and assignees of the cousin. */
  collaborators?: string[];
}

export async function simFixture(sim: Sim, scratch: Scratch, name: string, upstreamFiles: FileSpec, cousinFiles: FileSpec, config: object, cousinOptions: CousinRepoOptions = {}): Promise<SimFixture> {
  const upstreamName = `acme/${name}-mono`;
  const cousinName = `acme/${name}-cousin`;
  const fullConfig = { upstream: upstreamName, ...config };
  const seed = async (repo: string, files: FileSpec, options: CousinRepoOptions = {}) => {
    const dir = join(scratch.dir, `${name}-seed-${repo.split('/')[1]}`);
    await mkdir(dir, { recursive: true });
    await writeFiles(dir, files);
    await sim.createRepo(repo, { fromDir: dir, ...options });
  };
  await seed(upstreamName, upstreamFiles);
  await seed(cousinName, { 'subscriptions.json': JSON.stringify(fullConfig, null, 2), ...cousinFiles }, cousinOptions);
  const token = sim.createToken({ login: 'sync-bot', repos: [upstreamName, cousinName], permissions: 'write' });
  const env = { ...TEST_GIT_ENV, ...gitAuthEnv(token) };
  const clone = async (repo: string, dirName: string) => {
    const dir = join(scratch.dir, dirName);
    await new Git(scratch.dir, env).run(['clone', '--quiet', `${sim.gitUrl}/${repo}.git`, dir]);
    return workRepo(dir, new Git(dir, env));
  };
  const upstream = await clone(upstreamName, `${name}-upstream`);
  const cousin = await clone(cousinName, `${name}-cousin`);
  const client = () => createOctokit({ auth: { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, throttle: { secondMs: 1 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
  const octokit = client();
  const fixture: SimFixture = {
    upstreamName,
    cousinName,
    token,
    octokit,
    upstream,
    cousin,
    async publish() {
      await upstream.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
      return upstream.head();
    },
    dispatch: (commit, features = ['features/a'], extra = {}) => ({
      kind: 'dispatch',
      payload: parseDispatchPayload({ payload_version: 2, commit_sha: commit, source_repo: upstreamName, updated_features: features, ...extra }),
    }),
    async sync(request, options = {}) {
      const log: string[] = [];
      const result = await runSync({
        config: parseCousinConfig(JSON.stringify(fullConfig), join(cousin.dir, 'subscriptions.json')),
        request: typeof request === 'string' ? fixture.dispatch(request) : request,
        repoDir: cousin.dir,
        cousin: cousinName,
        cousinOctokit: octokit,
        upstreamOctokit: octokit,
        cousinToken: token,
        upstreamToken: token,
        runUrl: 'http://127.0.0.1/acme/cousin/actions/runs/7',
        log: (line) => log.push(line),
        gitEnv: TEST_GIT_ENV,
        ...options,
      });
      return { ...result, log };
    },
    freshOctokit: client,
    async remoteTip(branch) {
      const output = await cousin.git.output(['ls-remote', 'origin', `refs/heads/${branch}`]);
      return output.split('\t')[0] || undefined;
    },
  };
  return fixture;
}
