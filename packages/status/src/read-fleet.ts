import { GitHubError, parseRepoName, type Cousin, type EcosystemConfig } from '@ecosystem-dispatcher/core';
import { explainGitHubError, type Octokit } from '@ecosystem-dispatcher/github';
import type { UpstreamHistory } from '@ecosystem-dispatcher/sync';
import { findSyncedCommits } from './cousin-history.js';
import { findFailureIssue, listFailureIssues, type ListedIssue } from './failure-issues.js';
import { rowState, totalsOf, type FeatureRow, type FleetStatus, type SyncedCommit, type SyncPullInfo } from './model.js';
import { readPullChecks } from './pull-checks.js';
import { findSyncPull, listOpenPulls, pullHasConflict, type ListedPull } from './sync-pulls.js';
import { BehindCounter } from './upstream-behind.js';

export interface ReadFleetOptions {
  config: EcosystemConfig;
  /** `owner/name` of the monorepo the cousins follow. */
  monorepo: string;
  /** Hands out the client for a repository (one PAT, or an App installation per owner). */
  clients: { forRepo(repo: string): Promise<Octokit> };
  /** Commits of a cousin's default branch read at most when looking for its syncs. Default 1000. */
  maxCommits?: number;
  /** Cousins read at the same time. Default 4. */
  concurrency?: number;
  now?: () => Date;
}

const DEFAULT_MAX_COMMITS = 1000;
const PULL_HISTORY = 100;

/** Reads every cousin and feature of the config through the API and says where each stands. */
export async function readFleetStatus(options: ReadFleetOptions): Promise<FleetStatus> {
  const { owner, name } = parseRepoName(options.monorepo);
  const octokit = await options.clients.forRepo(options.monorepo);
  const { defaultBranch, head, htmlUrl } = await monorepoTip(octokit, owner, name, options.monorepo);
  const issues = await monorepoCall(options.monorepo, 'list upstream-issue issues', () => listFailureIssues(octokit, owner, name));
  const counter = new BehindCounter({ octokit, owner, repo: name, head });
  const perCousin = await mapLimited(options.config.cousins, options.concurrency ?? 4, async (cousin) => {
    // A disabled cousin is never dispatched to and may be gone: say so instead of reading it.
    if (!cousin.enabled) return cousin.subscriptions.map((feature): FeatureRow => ({ cousin: cousin.repo, feature, state: 'disabled', note: 'enabled: false in ecosystem.json' }));
    const facts = await readCousin(cousin, options, counter.history);
    return 'problem' in facts ? unreachableRows(cousin, facts.problem) : featureRows(cousin, facts, { counter, issues, monorepo: options.monorepo });
  });
  const rows = perCousin.flat();
  return { monorepo: options.monorepo, monorepoUrl: htmlUrl, defaultBranch, head, generatedAt: (options.now?.() ?? new Date()).toISOString(), rows, totals: totalsOf(rows) };
}

async function monorepoTip(octokit: Octokit, owner: string, name: string, fullName: string): Promise<{ defaultBranch: string; head: string; htmlUrl: string }> {
  const repo = await monorepoCall(fullName, 'read the monorepo', () => octokit.rest.repos.get({ owner, repo: name }));
  const defaultBranch = repo.data.default_branch;
  const tip = await monorepoCall(fullName, 'read the monorepo default branch', () => octokit.rest.repos.listCommits({ owner, repo: name, sha: defaultBranch, per_page: 1 }));
  const head = tip.data[0]?.sha;
  if (!head) throw new GitHubError(`${fullName}: the default branch ${defaultBranch} has no commits`);
  return { defaultBranch, head, htmlUrl: repo.data.html_url };
}

async function monorepoCall<T>(repo: string, action: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw asGitHubError(error, repo, action);
  }
}

/** An HTTP failure of the monorepo stops the command: no row could be right without it. */
function asGitHubError(error: unknown, repo: string, action: string): unknown {
  const status = (error as { status?: number }).status;
  if (error instanceof GitHubError || status === undefined) return error;
  return new GitHubError(`cannot ${action}: ${explainGitHubError(error, { repo, action })}`, status, { cause: error });
}

interface CousinFacts {
  synced: Map<string, SyncedCommit>;
  pulls: Map<string, SyncPullInfo>;
}

/** Everything read from the cousin itself; a cousin that cannot be read gives a reason instead. */
async function readCousin(cousin: Cousin, options: ReadFleetOptions, monorepo: UpstreamHistory): Promise<CousinFacts | { problem: string }> {
  const { owner, name } = parseRepoName(cousin.repo);
  try {
    const octokit = await options.clients.forRepo(cousin.repo);
    const repo = await octokit.rest.repos.get({ owner, repo: name });
    const walk = { octokit, owner, repo: name, upstream: options.monorepo, monorepo };
    const synced = await findSyncedCommits({ ...walk, from: repo.data.default_branch, features: cousin.subscriptions, maxCommits: options.maxCommits ?? DEFAULT_MAX_COMMITS });
    const open = await listOpenPulls(octokit, owner, name);
    const pulls = new Map<string, SyncPullInfo>();
    for (const feature of cousin.subscriptions) {
      const pull = findSyncPull(open, feature);
      if (pull) pulls.set(feature, await describePull(pull, feature, { ...walk, octokit }));
    }
    return { synced, pulls };
  } catch (error) {
    if (error instanceof GitHubError) return { problem: error.message };
    if (typeof (error as { status?: unknown }).status !== 'number') throw error;
    return { problem: explainGitHubError(error, { repo: cousin.repo, action: 'read the cousin' }) };
  }
}

async function describePull(pull: ListedPull, feature: string, walk: { octokit: Octokit; owner: string; repo: string; upstream: string; monorepo: UpstreamHistory }): Promise<SyncPullInfo> {
  const inPull = await findSyncedCommits({ ...walk, from: pull.head.sha, features: [feature], maxCommits: PULL_HISTORY });
  return {
    number: pull.number,
    url: pull.html_url,
    draft: pull.draft ?? false,
    conflict: await pullHasConflict(walk.octokit, walk.owner, walk.repo, pull),
    upstreamCommit: inPull.get(feature)?.upstreamCommit,
    checks: await readPullChecks(walk.octokit, walk.owner, walk.repo, pull.head.sha),
  };
}

function unreachableRows(cousin: Cousin, problem: string): FeatureRow[] {
  return cousin.subscriptions.map((feature) => ({ cousin: cousin.repo, feature, state: 'unreachable', problem }));
}

interface RowContext {
  counter: BehindCounter;
  issues: readonly ListedIssue[];
  monorepo: string;
}

async function featureRows(cousin: Cousin, facts: CousinFacts, context: RowContext): Promise<FeatureRow[]> {
  const rows: FeatureRow[] = [];
  for (const feature of cousin.subscriptions) {
    const synced = facts.synced.get(feature);
    const row: Omit<FeatureRow, 'state'> = {
      cousin: cousin.repo,
      feature,
      synced,
      pull: facts.pulls.get(feature),
      failure: findFailureIssue(context.issues, cousin.repo, feature),
    };
    if (synced) Object.assign(row, await behindOf(context, synced.upstreamCommit, feature));
    rows.push({ ...row, state: rowState(row) });
  }
  return rows;
}

async function behindOf(context: RowContext, synced: string, feature: string): Promise<Partial<FeatureRow>> {
  try {
    const { count, approximate } = await context.counter.count(synced, feature);
    return { behind: count, ...(approximate ? { behindApproximate: true } : {}) };
  } catch (error) {
    const status = (error as { status?: number }).status;
    // 404: the commit is not in the monorepo any more (a rewritten history).
    if (status === 404 || status === 422) return { note: `synced commit ${synced.slice(0, 12)} is not in ${context.monorepo}` };
    throw asGitHubError(error, context.monorepo, 'compare with the synced commit');
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
