import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import type { Pipeline } from './api-handler.js';
import { AppRegistry } from './apps.js';
import { SimClock } from './clock.js';
import { rateIdentity } from './auth.js';
import type { InternalOptions, SimCore } from './context.js';
import { ContractChecker, resolveSpecPath } from './contract.js';
import { EventBus } from './events.js';
import { FaultInjector } from './faults.js';
import { RateLimiter } from './rate-limit.js';
import { adoptExistingRepos, createRepo } from './repo-registry.js';
import { buildRouter } from './rest/routes.js';
import { listen } from './server.js';
import { SimState, type IssueRecord } from './state.js';
import { finishWorkflowRun, workflowRunsOf, type RunConclusion, type WorkflowRunRecord } from './workflow-runs.js';
import { writeWorkflowHook } from './workflow-guard.js';
import { expandPermissions, newTokenValue, normaliseRepos, TokenStore } from './tokens.js';
import type {
  ContentRules,
  CreateRepoOptions,
  CreateTokenOptions,
  FaultOptions,
  InstallationSpec,
  RateLimitOptions,
  RecordedDispatch,
  RecordedRequest,
  SimApp,
  SimEventName,
  SimIssue,
  SimPull,
} from './types.js';

// https://docs.github.com/rest/repos/contents#get-repository-content (1,000 entries; 1 MB; 100 MB)
const DEFAULT_CONTENT_RULES: Required<ContentRules> = { maxDirectoryEntries: 1000, maxInlineFileBytes: 1024 * 1024, maxFileBytes: 100 * 1024 * 1024, mergeableInBackground: true, mergeableAfterSeconds: 1 };

export interface SimOptions {
  /**
   * Bare repos live at `<dataDir>/<owner>/<repo>.git`. Repositories already there
   * are served again. Default: a fresh temp dir removed on close().
   */
  dataDir?: string;
  /** Default 0 (a free port). The sim always binds 127.0.0.1. */
  port?: number;
  /** Check every request body and response against GitHub's OpenAPI description. Default: on under vitest. */
  contractCheck?: boolean;
  /**
   * Real milliseconds one GitHub second lasts, for every rate-limit window, `retry-after`
   * and reset. Default 1000; rehearsals and benchmarks use a few ms.
   */
  secondMs?: number;
  /** Seed for fault injection. Default 1. */
  seed?: number;
  faults?: FaultOptions;
  rateLimit?: RateLimitOptions;
  /** GitHub's content limits and background `mergeable` (see ContentRules). */
  rules?: ContentRules;
  /** Test-only switches (see InternalOptions). */
  internal?: InternalOptions;
}

export interface Sim {
  url: string;
  gitUrl: string;
  /** Real milliseconds per GitHub second (see `SimOptions.secondMs`). */
  secondMs: number;
  dataDir: string;
  adminToken: string;
  contractViolations: string[];
  createRepo(fullName: string, opts?: CreateRepoOptions): Promise<{ fullName: string; cloneUrl: string; path: string }>;
  /** True when the sim serves this repository (created now or found in the data dir). */
  repoExists(fullName: string): boolean;
  createToken(opts: CreateTokenOptions): string;
  createApp(opts?: { installations?: InstallationSpec[] }): SimApp;
  dispatches(repo?: string): RecordedDispatch[];
  onDispatch(handler: (dispatch: RecordedDispatch) => Promise<void> | void): () => void;
  onEvent(name: SimEventName, handler: (payload: any) => Promise<void> | void): () => void;
  idle(): Promise<void>;
  requests(): RecordedRequest[];
  pulls(repo: string): SimPull[];
  issues(repo: string): SimIssue[];
  /** Actions runs the repo's dispatches started, newest first. */
  workflowRuns(repo: string): WorkflowRunRecord[];
  /** Completes a run (as the offline workflow runner reports it). */
  finishRun(repo: string, runId: number, conclusion: RunConclusion): WorkflowRunRecord;
  setFaults(faults: FaultOptions | null): void;
  setRateLimit(rateLimit: RateLimitOptions | null): void;
  close(): Promise<void>;
}

export async function startSim(opts: SimOptions = {}): Promise<Sim> {
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = resolve(opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'github-sim-'))));
  const contractCheck = opts.contractCheck ?? Boolean(process.env.VITEST);
  if (contractCheck) resolveSpecPath();
  const state = new SimState();
  const tokens = new TokenStore();
  const apps = new AppRegistry(state, tokens);
  const clock = new SimClock(opts.secondMs ?? 1000);
  const limiter = new RateLimiter(clock);
  limiter.set(opts.rateLimit ?? null);
  const faults = new FaultInjector(opts.seed ?? 1);
  faults.set(opts.faults ?? null);
  const core: SimCore = {
    state,
    tokens,
    apps,
    events: new EventBus(),
    dispatches: [],
    apiUrl: '',
    webUrl: '',
    dataDir,
    hooksDir: await writeWorkflowHook(),
    internal: opts.internal ?? {},
    rules: { ...DEFAULT_CONTENT_RULES, ...opts.rules },
    clock,
    rateHeaders: (principal) => limiter.headers(rateIdentity(principal, state)),
  };
  const pipeline: Pipeline = { core, router: buildRouter(), faults, limiter, contract: contractCheck ? new ContractChecker() : undefined, contractViolations: [], requests: [] };
  const { server, port } = await listen(pipeline, opts.port ?? 0);
  core.webUrl = `http://127.0.0.1:${port}`;
  core.apiUrl = `${core.webUrl}/api/v3`;
  await adoptExistingRepos(core);
  const adminToken = tokens.add({ value: newTokenValue('ghp'), kind: 'admin', login: 'sim-admin', repos: '*', permissions: expandPermissions('write') });
  return buildSim({ core, pipeline, server, adminToken, faults, limiter, ownsDataDir });
}

interface SimParts {
  core: SimCore;
  pipeline: Pipeline;
  server: Server;
  adminToken: string;
  faults: FaultInjector;
  limiter: RateLimiter;
  ownsDataDir: boolean;
}

function buildSim({ core, pipeline, server, adminToken, faults, limiter, ownsDataDir }: SimParts): Sim {
  const { state } = core;
  const issuesOf = (repo: string): IssueRecord[] => [...(state.repo(repo)?.issues.values() ?? [])];
  return {
    url: core.apiUrl,
    gitUrl: core.webUrl,
    secondMs: limiter.clock.secondMs,
    dataDir: core.dataDir,
    adminToken,
    contractViolations: pipeline.contractViolations,
    createRepo: (fullName, repoOpts) => createRepo(core, fullName, repoOpts),
    repoExists: (fullName) => state.repo(fullName) !== undefined,
    createToken: (tokenOpts) => createToken(core, tokenOpts),
    createApp: (appOpts = {}) => core.apps.create(appOpts.installations),
    dispatches: (repo) => core.dispatches.filter((dispatch) => repo === undefined || dispatch.repo.toLowerCase() === repo.toLowerCase()),
    onDispatch: (handler) => core.events.on('dispatch', handler),
    onEvent: (name, handler) => core.events.on(name, handler),
    idle: () => core.events.idle(),
    requests: () => [...pipeline.requests],
    pulls: (repo) => issuesOf(repo).filter((issue) => issue.pull).map((issue) => toSimPull(issue)),
    issues: (repo) => issuesOf(repo).map(toSimIssue),
    workflowRuns: (repo) => workflowRunsOf(core, repo),
    finishRun: (repo, runId, conclusion) => finishWorkflowRun(core, repo, runId, conclusion),
    setFaults: (options) => faults.set(options),
    setRateLimit: (options) => limiter.set(options),
    async close() {
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      if (ownsDataDir) await rm(core.dataDir, { recursive: true, force: true });
      await rm(core.hooksDir, { recursive: true, force: true });
    },
  };
}

function createToken(core: SimCore, { kind = 'pat', login = 'sim-user', repos, permissions }: CreateTokenOptions): string {
  if (kind === 'actions') {
    if (repos === '*' || repos.length !== 1) throw new Error('an actions token belongs to exactly one repository: pass repos: ["owner/name"]');
    const owner = repos[0]!.split('/')[0]!.toLowerCase();
    const record = { value: newTokenValue('ghs'), kind, login: 'github-actions[bot]', repos: normaliseRepos(repos), account: owner, installationId: core.state.newId() } as const;
    core.state.user(record.login);
    return core.tokens.add({ ...record, permissions: expandPermissions(permissions) });
  }
  core.state.user(login);
  return core.tokens.add({ value: newTokenValue('ghp'), kind, login, repos: normaliseRepos(repos), permissions: expandPermissions(permissions) });
}

function toSimIssue(issue: IssueRecord): SimIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    stateReason: issue.stateReason,
    labels: [...issue.labels],
    user: issue.user,
    comments: issue.comments.map((comment) => ({ id: comment.id, body: comment.body, user: comment.user })),
    isPullRequest: issue.pull !== undefined,
  };
}

function toSimPull(issue: IssueRecord): SimPull {
  const pull = issue.pull!;
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    merged: pull.merged,
    mergeCommitSha: pull.mergeCommitSha,
    head: pull.head,
    base: pull.base,
    headSha: pull.closedHeadSha ?? pull.lastHeadSha,
    labels: [...issue.labels],
    user: issue.user,
    requestedReviewers: [...pull.requestedReviewers],
    comments: issue.comments.map((comment) => ({ id: comment.id, body: comment.body, user: comment.user })),
  };
}
