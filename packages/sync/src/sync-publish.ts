import { mapPath, UsageError, type CousinSubscription } from '@ecosystem-dispatcher/core';
import type { MethodResult } from './apply/method-input.js';
import { baselineCommit, findBaseline } from './baseline.js';
import { leavesMarkers } from './apply/outcome.js';
import { branchRecords } from './branch-records.js';
import { filesWithConflictMarkers } from './conflict-markers.js';
import type { UpstreamCommit, UpstreamRepo } from './fetch-upstream.js';
import { pullBody, pullTitle } from './pull-body.js';
import type { PullContent, SyncPull } from './pull-request.js';
import type { FeatureResult, FeatureStatus, FeatureSyncContext } from './sync-feature.js';
import { syncStatePath } from './sync-state.js';
import type { TreeEntry } from './tree-entries.js';

/** Where the sync starts from and what it builds on. */
export interface Start {
  branch: string;
  startPoint: string;
  /** Tip of the default branch (the PR's base), for the empty check and the PR's file list. */
  baseTip: string;
  open: SyncPull | undefined;
  /** The branch tip the push/update must replace (lease), undefined when it does not exist. */
  expected: string | undefined;
}

export type ResultOf = (status: FeatureStatus, summary: string, extra?: Partial<FeatureResult>) => FeatureResult;
export type CommitRange = { list: UpstreamCommit[]; count: number };
type Conflict = { path: string; reason: string };

const LISTED_RANGE = 300;

/** Upstream commits since the baseline that touch the feature, and the baseline's feature fetched for the diff. */
export async function upstreamCommits(upstream: UpstreamRepo, baseline: string | undefined, target: string, feature: string): Promise<CommitRange> {
  const range = (await upstream.git.output(['rev-list', `--max-count=${LISTED_RANGE + 1}`, baseline ? `${baseline}..${target}` : target, '--'])).split('\n').filter(Boolean);
  await upstream.fetchFeatureTrees(baseline ? [baseline] : [], [feature]);
  // Too many to list: only the two ends are read.
  if (range.length > LISTED_RANGE) return { list: [], count: range.length };
  const list = await upstream.commitsTouching(baseline, target, feature);
  return { list, count: list.length };
}

/** After the apply: close an emptied PR, or push and open / bring the PR in line with the new head. */
export async function publish(
  ctx: FeatureSyncContext, subscription: CousinSubscription, snapshot: readonly TreeEntry[], start: Start, head: string, applied: MethodResult, result: ResultOf,
): Promise<FeatureResult> {
  const extra = { commits: applied.commits, conflicts: applied.outcome.conflicts, firstSync: applied.firstSync };
  // The state file alone (a change upstream reverted since) is no reason for a pull request.
  // A conflict that kept the cousin's files (a protected path, say) changes no file, and still needs a person.
  const empty = applied.outcome.conflicts.length === 0 && (await ctx.cousin.changedFiles(start.baseTip, head)).every((file) => file.path === syncStatePath(subscription.path));
  if (empty && start.open && ctx.pulls) {
    await ctx.pulls.close(start.open, `Upstream ${ctx.upstreamName}@${ctx.target.slice(0, 12)} leaves nothing to bring in for \`${subscription.path}\`: this branch no longer differs from \`${ctx.defaultBranch}\`. Closing.`);
    return result('closed-empty', `${subscription.path}: pull request #${start.open.number} no longer changes anything; closed it with a comment`, { ...extra, pullOperation: 'closed' });
  }
  if (applied.commits.length === 0 || empty) {
    const repaired = await reconcileOpen(ctx, subscription, snapshot, start);
    return result('no-change', `${subscription.path}: upstream ${ctx.target.slice(0, 12)} changes nothing here; no commit${repaired ? `; ${repaired}` : ', no pull request'}`, extra);
  }
  if (!ctx.pulls) {
    if ((await ctx.cousin.currentBranch()) === start.branch) throw new UsageError(`${start.branch} is checked out here; switch to another branch so the sync can update it`);
    await ctx.cousin.updateLocalBranch(start.branch, head, start.expected);
    return result('committed-locally', `${subscription.path}: ${applied.commits.length} commit(s) on local branch ${start.branch}`, extra);
  }
  await ctx.cousin.push(head, start.branch, start.expected, Boolean(start.open));
  const content = await pullContent(ctx, subscription, start, head, applied, await branchLists(ctx, subscription, snapshot, start, head, applied));
  const conflicts = { ...extra, conflicts: content.conflicts };
  // Merged or closed since it was found: it keeps its title, and the new head gets a new PR.
  const open = start.open ? await ctx.pulls.updateIfOpen(start.open, content) : undefined;
  if (open && open.state === 'open') {
    return result('proposed', `${subscription.path}: added ${applied.commits.length} commit(s) to pull request #${open.number} ${open.htmlUrl}`, { ...conflicts, pull: { ...open, headSha: head }, pullOperation: 'updated' });
  }
  const pull = await ctx.pulls.open(start.branch, ctx.defaultBranch, content);
  for (const warning of pull.warnings ?? []) ctx.log(`warning: ${subscription.path}: ${warning}`);
  const was = open ? ` (#${open.number} was ${open.merged ? 'merged' : 'closed'} meanwhile)` : '';
  return result('proposed', `${subscription.path}: opened pull request #${pull.number} ${pull.htmlUrl}${was}`, { ...conflicts, pull, pullOperation: 'created' });
}

/**
 * Brings an open sync PR in line with its branch head when this run makes no commit: a run
 * interrupted after its push (the PR update answered 500) left a stale title or body, or a
 * person resolved (or left) conflict markers. The body records the head it describes, so a
 * PR already in line costs no write. Returns what was done, for the summary.
 */
export async function reconcileOpen(ctx: FeatureSyncContext, subscription: CousinSubscription, snapshot: readonly TreeEntry[], start: Start): Promise<string | undefined> {
  if (!start.open || !ctx.pulls || ctx.dryRun) return undefined;
  const head = start.startPoint;
  const lists = await branchLists(ctx, subscription, snapshot, start, head, undefined);
  const labelled = start.open.labels?.includes('conflict') ?? false;
  if (start.open.body?.includes(headComment(head)) && start.open.title === titleOf(ctx, subscription) && labelled === lists.conflicts.length > 0) return undefined;
  const content = await pullContent(ctx, subscription, start, head, undefined, lists);
  const changed = await ctx.pulls.reconcile(start.open, content);
  return changed ? `brought pull request #${start.open.number} in line with its branch` : undefined;
}

interface Content extends PullContent {
  conflicts: Conflict[];
}

interface Lists {
  conflicts: Conflict[];
  notes: Conflict[];
  notSynced: string[];
}

/**
 * What the PR lists besides the files, for a branch head: this run's conflicts and notes,
 * what the branch's earlier sync commits recorded (conflicts that kept the cousin's version,
 * submodule notes, features not synced), and every file still holding sync conflict
 * markers. A marked conflict is listed while its markers remain; a run that only repairs
 * the PR rebuilds the same lists from the branch.
 */
async function branchLists(
  ctx: FeatureSyncContext, subscription: CousinSubscription, snapshot: readonly TreeEntry[], start: Start, head: string, applied: MethodResult | undefined,
): Promise<Lists> {
  const recorded = await branchRecords(ctx.cousin.git, start.baseTip, head, ctx.upstreamName, subscription.path);
  const conflicts = [...(applied?.outcome.conflicts ?? [])];
  const listed = (path: string) => conflicts.some((c) => c.path === path);
  for (const kept of recorded.conflicts) if (!leavesMarkers(kept.reason) && !listed(kept.path)) conflicts.push(kept);
  for (const path of await filesWithConflictMarkers(ctx.cousin.git, head, markerScope(subscription, snapshot))) {
    if (!listed(path)) conflicts.push({ path, reason: 'conflict markers from a sync are still in the file' });
  }
  const notes = [...(applied?.outcome.notes ?? [])];
  for (const note of recorded.notes) if (!notes.some((n) => n.path === note.path)) notes.push(note);
  return { conflicts, notes, notSynced: recorded.notSynced };
}

/** The PR's title, body and labels for a branch head and the lists it shows. */
async function pullContent(
  ctx: FeatureSyncContext, subscription: CousinSubscription, start: Start, head: string, applied: MethodResult | undefined, lists: Lists,
): Promise<Content> {
  const { conflicts } = lists;
  const mainBaseline = baselineCommit(await findBaseline(ctx.cousin.git, ctx.upstream, start.baseTip, ctx.upstreamName, subscription.path));
  const listed = await upstreamCommits(ctx.upstream, mainBaseline, ctx.target, subscription.path);
  const body = pullBody({
    feature: subscription.path, upstream: ctx.upstreamName, upstreamHtmlUrl: ctx.upstreamHtmlUrl, target: ctx.target, baseline: mainBaseline,
    method: subscription.method, to: subscription.to, commits: listed.list, commitCount: listed.count,
    files: await ctx.cousin.changedFiles(start.baseTip, head), conflicts, notes: lists.notes, notSynced: lists.notSynced,
    firstSync: applied?.firstSync ?? !mainBaseline, lostBaseline: applied?.lostBaseline, head, reportUrl: ctx.runUrl,
    declined: start.open || !ctx.pulls ? undefined : await ctx.pulls.lastDeclined(start.branch),
  });
  return {
    title: titleOf(ctx, subscription),
    body,
    labels: ctx.config.pullRequest.labels,
    conflicted: conflicts.length > 0,
    draftOnConflict: ctx.config.pullRequest.draftOnConflict,
    reviewers: ctx.config.pullRequest.reviewers,
    assignees: ctx.config.pullRequest.assignees,
    conflicts,
  };
}

function titleOf(ctx: FeatureSyncContext, subscription: CousinSubscription): string {
  return pullTitle({ feature: subscription.path, upstream: ctx.upstreamName, target: ctx.target });
}

export function headComment(head: string): string {
  return `<!-- ecosystem-sync-head: ${head} -->`;
}

/** Where a sync may have written markers: the destination folder, or the feature's own files at the root. */
function markerScope(subscription: CousinSubscription, snapshot: readonly TreeEntry[]): string[] {
  if (subscription.to !== '') return [subscription.to];
  return snapshot.map((entry) => mapPath(entry.path, subscription.path, subscription.to));
}
