import { RejectedPayload, UsageError, type CousinConfig, type CousinSubscription } from '@ecosystem-dispatcher/core';
import { syncByCherryPick } from './apply/cherry-pick.js';
import { syncByCopy } from './apply/copy-method.js';
import { syncByMerge } from './apply/merge.js';
import { cousinProtection, type MethodInput, type MethodResult } from './apply/method-input.js';
import { syncByPatch } from './apply/patch.js';
import { PushRefused, type CousinRepo } from './cousin-repo.js';
import { syncBranchName } from './feature-slug.js';
import type { UpstreamCommit, UpstreamRepo } from './fetch-upstream.js';
import type { SyncPull, SyncPullRequests } from './pull-request.js';
import { publish, reconcileOpen, upstreamCommits, type ResultOf, type Start } from './sync-publish.js';
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
  /** What this run did to the sync pull request (create-pull-request's words); absent: nothing. */
  pullOperation?: 'created' | 'updated' | 'closed';
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
  /** The run's page, linked from cut lists in the PR body. */
  runUrl?: string | undefined;
  /** Features the dispatch named that this cousin does not follow (listed in the PR as not synced). */
  notSynced?: readonly string[] | undefined;
}

const PUSH_ATTEMPTS = 3;

/**
 * One feature, one branch, one PR: verify the range, apply, commit, push, open or update.
 * A push refused because the branch moved meanwhile (another sync of this feature, a
 * person's commit) is retried from a fresh fetch: the work is redone on the new tip.
 */
export async function syncFeature(ctx: FeatureSyncContext, subscription: CousinSubscription, snapshot: TreeEntry[]): Promise<FeatureResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await syncFeatureOnce(ctx, subscription, snapshot);
    } catch (error) {
      if (!(error instanceof PushRefused) || attempt >= PUSH_ATTEMPTS) throw error;
      ctx.log(`${subscription.path}: ${error.message}; fetching again and redoing the sync (attempt ${attempt + 1} of ${PUSH_ATTEMPTS})`);
    }
  }
}

async function syncFeatureOnce(ctx: FeatureSyncContext, subscription: CousinSubscription, snapshot: TreeEntry[]): Promise<FeatureResult> {
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
  if (baseline === ctx.target) {
    const repaired = await reconcileOpen(ctx, subscription, snapshot, start);
    return result('up-to-date', `${subscription.path}: ${where} already has upstream ${ctx.target.slice(0, 12)}; ${repaired ?? 'nothing to do'}`);
  }
  if (baseline && !ctx.allowRollback) {
    const stale = await refuseRollback(ctx, subscription.path, baseline, where);
    if (stale) return result('stale', stale);
  }
  const commits = await upstreamCommits(ctx.upstream, baseline, ctx.target, subscription.path);
  if (ctx.dryRun) return dryRunResult(ctx, subscription, start, baseline, commits.list, result);

  const worktree = await SyncWorktree.open(ctx.cousin.git, start.startPoint);
  try {
    const input: MethodInput = {
      upstream: ctx.upstream, upstreamName: ctx.upstreamName, worktree, subscription, baseline, target: ctx.target, snapshot, commits: commits.list,
      protection: cousinProtection(ctx.config, ctx.cousin.git.cwd), notSynced: ctx.notSynced,
    };
    const applied = await runMethod(input, lastSync);
    applied.lostBaseline = lostBaseline;
    for (const conflict of applied.outcome.conflicts) ctx.log(`${subscription.path}: conflict in ${conflict.path}: ${conflict.reason}`);
    return await publish(ctx, subscription, snapshot, start, await worktree.head(), applied, result);
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

async function dryRunResult(ctx: FeatureSyncContext, subscription: CousinSubscription, start: Start, baseline: string | undefined, commits: UpstreamCommit[], result: ResultOf): Promise<FeatureResult> {
  const changes = baseline ? await ctx.upstream.diffFeature(baseline, ctx.target, subscription.path) : [];
  const what = baseline
    ? `would merge ${changes.length} upstream file change(s) from ${commits.length} commit(s) ${baseline.slice(0, 12)}..${ctx.target.slice(0, 12)}`
    : 'would copy the feature (first sync)';
  const into = start.open ? `onto pull request #${start.open.number}` : ctx.pulls ? `on branch ${start.branch} with a new pull request` : `on local branch ${start.branch}`;
  for (const change of changes) ctx.log(`  ${change.status} ${change.oldPath ? `${change.oldPath} -> ` : ''}${change.path}`);
  return result('dry-run', `${subscription.path}: ${what} (method ${subscription.method}) ${into}; nothing written`);
}
