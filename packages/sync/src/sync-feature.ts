import { RejectedPayload, UsageError, type CousinConfig, type CousinSubscription } from '@ecosystem-dispatcher/core';
import { syncByCherryPick } from './apply/cherry-pick.js';
import { syncByCopy } from './apply/copy-method.js';
import { syncByMerge } from './apply/merge.js';
import type { MethodInput, MethodResult } from './apply/method-input.js';
import { syncByPatch } from './apply/patch.js';
import type { CousinRepo } from './cousin-repo.js';
import { syncBranchName } from './feature-slug.js';
import type { UpstreamCommit, UpstreamRepo } from './fetch-upstream.js';
import { pullBody, pullTitle } from './pull-body.js';
import type { SyncPull, SyncPullRequests } from './pull-request.js';
import { syncStatePath } from './sync-state.js';
import { SyncWorktree } from './sync-worktree.js';
import { baselineCommit, findBaseline } from './baseline.js';
import type { LastSync } from './trailers.js';
import type { TreeEntry } from './tree-entries.js';

export type FeatureStatus = 'up-to-date' | 'stale' | 'no-change' | 'proposed' | 'committed-locally' | 'closed-empty' | 'dry-run';

export interface FeatureResult {
  feature: string;
  status: FeatureStatus;
  branch: string;
  baseline: string | undefined;
  pull?: SyncPull;
  commits: string[];
  conflicts: { path: string; reason: string }[];
  firstSync: boolean;
  /** One human sentence for the log. */
  summary: string;
}

export interface FeatureSyncContext {
  config: CousinConfig;
  upstreamName: string;
  upstreamHtmlUrl: string;
  upstream: UpstreamRepo;
  cousin: CousinRepo;
  /** The cousin's default branch (base of every sync PR). */
  defaultBranch: string;
  target: string;
  /** Undefined in local mode (`--no-pr`): the sync ends in a local branch. */
  pulls: SyncPullRequests | undefined;
  dryRun: boolean;
  log: (line: string) => void;
  /** Pull mode's explicit request to sync a commit that is not after the last sync. */
  allowRollback?: boolean;
}

/** Where the sync starts from and what it builds on. */
interface Start {
  branch: string;
  startPoint: string;
  /** Tip of the default branch (the PR's base), for the empty check and the PR's file list. */
  baseTip: string;
  open: SyncPull | undefined;
  /** The branch tip the push/update must replace (lease), undefined when it does not exist. */
  expected: string | undefined;
}

/** One feature, one branch, one PR: verify the range, apply, commit, push, open or update. */
export async function syncFeature(ctx: FeatureSyncContext, subscription: CousinSubscription, snapshot: TreeEntry[]): Promise<FeatureResult> {
  const start = await findStart(ctx, subscription);
  const found = await findBaseline(ctx.cousin.git, ctx.upstream, start.startPoint, ctx.upstreamName, subscription.path);
  const baseline = baselineCommit(found);
  const lastSync = found.kind === 'found' ? found.lastSync : undefined;
  const lostBaseline = found.kind === 'lost' ? found.commit : undefined;
  // A force push upstream took the last sync's commit away: without it nothing can be merged
  // 3-way, so the sync proposes a 2-way merge instead (never overwriting the cousin's files).
  if (lostBaseline) ctx.log(`${subscription.path}: the last sync's upstream commit ${lostBaseline} no longer exists upstream (history rewritten); proposing a 2-way merge with conflicts for every file that differs`);
  const result = (status: FeatureStatus, summary: string, extra: Partial<FeatureResult> = {}): FeatureResult => ({
    feature: subscription.path, status, branch: start.branch, baseline, commits: [], conflicts: [], firstSync: !baseline, summary, ...(start.open ? { pull: start.open } : {}), ...extra,
  });
  const where = start.open ? `pull request #${start.open.number}` : start.startPoint === start.baseTip ? ctx.defaultBranch : start.branch;
  if (baseline === ctx.target) return result('up-to-date', `${subscription.path}: ${where} already has upstream ${ctx.target.slice(0, 12)}; nothing to do`);
  if (baseline && !ctx.allowRollback) {
    const order = await refuseRollback(ctx, subscription.path, baseline, where);
    if (order) return result('stale', order);
  }
  const commits = await upstreamCommits(ctx.upstream, baseline, ctx.target, subscription.path);
  if (ctx.dryRun) return dryRunResult(ctx, subscription, start, baseline, commits.list, result);

  const worktree = await SyncWorktree.open(ctx.cousin.git, start.startPoint);
  try {
    const input: MethodInput = {
      upstream: ctx.upstream, upstreamName: ctx.upstreamName, worktree, subscription, baseline, target: ctx.target, snapshot, commits: commits.list,
    };
    const applied = await runMethod(input, lastSync);
    applied.lostBaseline = lostBaseline;
    for (const conflict of applied.outcome.conflicts) ctx.log(`${subscription.path}: conflict in ${conflict.path}: ${conflict.reason}`);
    return await publish(ctx, subscription, start, worktree, applied, commits, baseline, result);
  } finally {
    await worktree.close();
  }
}

/**
 * A dispatched commit must come after the last sync. One that is already in it is a stale
 * no-op (returns the summary); one beside it (an older side-branch commit, say) would undo
 * upstream changes the cousin already has, so it is refused unless pull mode asks for it.
 */
async function refuseRollback(ctx: FeatureSyncContext, feature: string, baseline: string, where: string): Promise<string | undefined> {
  if (await ctx.upstream.isAncestor(ctx.target, baseline)) {
    return `${feature}: stale dispatch — ${ctx.target.slice(0, 12)} is older than ${baseline.slice(0, 12)}, already synced in ${where}; nothing to do`;
  }
  if (!(await ctx.upstream.isAncestor(baseline, ctx.target))) {
    throw new RejectedPayload(
      `${feature}: ${ctx.target.slice(0, 12)} does not come after the last sync ${baseline.slice(0, 12)} (in ${where}); syncing it would roll upstream changes back. ` +
        `To do that on purpose: ecosystem sync --feature ${feature} --to ${ctx.target} --allow-rollback`,
    );
  }
  return undefined;
}

async function findStart(ctx: FeatureSyncContext, subscription: CousinSubscription): Promise<Start> {
  const branch = syncBranchName(ctx.config.pullRequest.branchPrefix, subscription.path);
  if (!ctx.pulls) {
    // Like a PR: a branch not yet merged into HEAD is continued; a merged one starts afresh.
    const local = await ctx.cousin.localBranchTip(branch);
    const head = (await ctx.cousin.git.output(['rev-parse', 'HEAD'])).trim();
    const pending = local !== undefined && !(await ctx.cousin.git.isAncestor(local, head));
    return { branch, startPoint: pending ? local : head, baseTip: head, open: undefined, expected: local };
  }
  const baseTip = ctx.dryRun ? await localOr(ctx, ctx.defaultBranch) : await ctx.cousin.fetchBranch(ctx.defaultBranch);
  const open = await ctx.pulls.findOpen(branch);
  if (!open) return { branch, startPoint: baseTip, baseTip, open, expected: ctx.dryRun ? undefined : await ctx.cousin.remoteBranchTip(branch) };
  const head = ctx.dryRun ? open.headSha : await ctx.cousin.fetchBranch(branch);
  return { branch, startPoint: head, baseTip, open, expected: head };
}

/** A dry run fetches nothing into the cousin: it reads what is already there. */
async function localOr(ctx: FeatureSyncContext, branch: string): Promise<string> {
  return (await ctx.cousin.git.resolveCommit(`refs/remotes/origin/${branch}`)) ?? (await ctx.cousin.git.output(['rev-parse', 'HEAD'])).trim();
}

function runMethod(input: MethodInput, lastSync: LastSync | undefined): Promise<MethodResult> {
  switch (input.subscription.method) {
    case 'copy': return syncByCopy(input);
    case 'cherry-pick': return syncByCherryPick(input);
    // A squash or rebase merge drops the merge sync's split commit: the known baseline still gives a true 3-way merge.
    case 'merge': return input.baseline && !lastSync?.parents[1] ? syncByPatch(input, 'patch') : syncByMerge(input, lastSync);
    case 'squash': return syncByPatch(input, 'squash');
    default: return syncByPatch(input, 'patch');
  }
}

const LISTED_RANGE = 300;

/** Upstream commits since the baseline that touch the feature, and the baseline's feature fetched for the diff. */
async function upstreamCommits(upstream: UpstreamRepo, baseline: string | undefined, target: string, feature: string): Promise<{ list: UpstreamCommit[]; count: number }> {
  const range = (await upstream.git.output(['rev-list', `--max-count=${LISTED_RANGE + 1}`, baseline ? `${baseline}..${target}` : target, '--'])).split('\n').filter(Boolean);
  await upstream.fetchFeatureTrees(baseline ? [baseline] : [], [feature]);
  // Too many to list: only the two ends are read.
  if (range.length > LISTED_RANGE) return { list: [], count: range.length };
  const list = await upstream.commitsTouching(baseline, target, feature);
  return { list, count: list.length };
}

type ResultOf = (status: FeatureStatus, summary: string, extra?: Partial<FeatureResult>) => FeatureResult;

async function dryRunResult(ctx: FeatureSyncContext, subscription: CousinSubscription, start: Start, baseline: string | undefined, commits: UpstreamCommit[], result: ResultOf): Promise<FeatureResult> {
  const changes = baseline ? await ctx.upstream.diffFeature(baseline, ctx.target, subscription.path) : [];
  const what = baseline
    ? `would merge ${changes.length} upstream file change(s) from ${commits.length} commit(s) ${baseline.slice(0, 12)}..${ctx.target.slice(0, 12)}`
    : 'would copy the feature (first sync)';
  const into = start.open ? `onto pull request #${start.open.number}` : ctx.pulls ? `on branch ${start.branch} with a new pull request` : `on local branch ${start.branch}`;
  for (const change of changes) ctx.log(`  ${change.status} ${change.oldPath ? `${change.oldPath} -> ` : ''}${change.path}`);
  return result('dry-run', `${subscription.path}: ${what} (method ${subscription.method}) ${into}; nothing written`);
}

async function publish(
  ctx: FeatureSyncContext, subscription: CousinSubscription, start: Start, worktree: SyncWorktree, applied: MethodResult,
  commits: { list: UpstreamCommit[]; count: number }, baseline: string | undefined, result: ResultOf,
): Promise<FeatureResult> {
  const extra = { commits: applied.commits, conflicts: applied.outcome.conflicts, firstSync: applied.firstSync };
  const head = await worktree.head();
  // The state file alone (a change upstream reverted since) is no reason for a pull request.
  const empty = (await ctx.cousin.changedFiles(start.baseTip, head)).every((file) => file.path === syncStatePath(subscription.path));
  if (empty && start.open && ctx.pulls) {
    await ctx.pulls.close(start.open, `Upstream ${ctx.upstreamName}@${ctx.target.slice(0, 12)} leaves nothing to bring in for \`${subscription.path}\`: this branch no longer differs from \`${ctx.defaultBranch}\`. Closing.`);
    return result('closed-empty', `${subscription.path}: pull request #${start.open.number} no longer changes anything; closed it with a comment`, extra);
  }
  if (applied.commits.length === 0 || empty) return result('no-change', `${subscription.path}: upstream ${ctx.target.slice(0, 12)} changes nothing here; no commit, no pull request`, extra);
  if (!ctx.pulls) {
    if ((await ctx.cousin.currentBranch()) === start.branch) throw new UsageError(`${start.branch} is checked out here; switch to another branch so the sync can update it`);
    await ctx.cousin.updateLocalBranch(start.branch, head, start.expected);
    return result('committed-locally', `${subscription.path}: ${applied.commits.length} commit(s) on local branch ${start.branch}`, extra);
  }
  await ctx.cousin.push(head, start.branch, start.expected, Boolean(start.open));
  const mainBaseline = start.open ? baselineCommit(await findBaseline(ctx.cousin.git, ctx.upstream, start.baseTip, ctx.upstreamName, subscription.path)) : baseline;
  const listed = start.open ? await upstreamCommits(ctx.upstream, mainBaseline, ctx.target, subscription.path) : commits;
  const content = {
    title: pullTitle({ feature: subscription.path, upstream: ctx.upstreamName, target: ctx.target }),
    body: pullBody({
      feature: subscription.path, upstream: ctx.upstreamName, upstreamHtmlUrl: ctx.upstreamHtmlUrl, target: ctx.target, baseline: mainBaseline,
      method: subscription.method, to: subscription.to, commits: listed.list, commitCount: listed.count,
      files: await ctx.cousin.changedFiles(start.baseTip, head), conflicts: applied.outcome.conflicts, skipped: applied.outcome.skipped,
      firstSync: applied.firstSync, lostBaseline: applied.lostBaseline, declined: start.open ? undefined : await ctx.pulls.lastDeclined(start.branch),
    }),
    labels: ctx.config.pullRequest.labels,
    conflicted: applied.outcome.conflicts.length > 0,
    draftOnConflict: ctx.config.pullRequest.draftOnConflict,
    reviewers: ctx.config.pullRequest.reviewers,
    assignees: ctx.config.pullRequest.assignees,
  };
  if (start.open) {
    await ctx.pulls.update(start.open, content);
    return result('proposed', `${subscription.path}: added ${applied.commits.length} commit(s) to pull request #${start.open.number} ${start.open.htmlUrl}`, { ...extra, pull: { ...start.open, headSha: head } });
  }
  const pull = await ctx.pulls.open(start.branch, ctx.defaultBranch, content);
  return result('proposed', `${subscription.path}: opened pull request #${pull.number} ${pull.htmlUrl}`, { ...extra, pull });
}
