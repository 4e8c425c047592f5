import { cherryPickMessage } from '../commit-message.js';
import { mirrorAndCommit } from './copy-method.js';
import { syncByPatch } from './patch.js';
import { applyContext, blobsOf, changeOids, trailersFor, type MethodInput, type MethodResult } from './method-input.js';
import { emptyOutcome, mergeOutcomes } from './outcome.js';
import { applyThreeWay } from './three-way.js';

/**
 * `cherry-pick`: one cousin commit per upstream commit that touched the feature, with
 * that commit's author and message, each carrying its own Upstream-Commit trailer. Only
 * the feature's part of each commit is replayed (3-way), never the rest of the monorepo.
 */
export async function syncByCherryPick(input: MethodInput): Promise<MethodResult> {
  if (!input.baseline) return mirrorAndCommit(input, undefined, 'cherry-pick');
  // More upstream commits than a sync lists: one squashed commit instead of hundreds.
  if (input.commits.length === 0) return syncByPatch(input, 'squash');
  const parents = new Map<string, string>();
  for (const { sha } of input.commits) parents.set(sha, (await input.upstream.parentOf(sha)) ?? input.baseline);
  // Every side of every step in one fetch, not one per commit.
  await input.upstream.fetchFeatureTrees([...parents.keys(), ...parents.values()], [input.subscription.path]);
  const outcome = emptyOutcome();
  const commits: string[] = [];
  for (const [index, upstreamCommit] of input.commits.entries()) {
    const parent = parents.get(upstreamCommit.sha)!;
    const changes = await input.upstream.diffFeature(parent, upstreamCommit.sha, input.subscription.path);
    const blobs = await blobsOf(input.upstream, changeOids(changes));
    const step = await applyThreeWay(changes, applyContext(input, blobs));
    mergeOutcomes(outcome, step);
    const author = { name: upstreamCommit.authorName, email: upstreamCommit.authorEmail, date: upstreamCommit.authorDate };
    const made = await input.worktree.commit(cherryPickMessage(upstreamCommit, input.upstreamName, { ...step, notSynced: index === input.commits.length - 1 ? input.notSynced : [] }), trailersFor(input, upstreamCommit.sha), author, step.conflicts.length > 0);
    if (made) commits.push(made);
  }
  return { outcome, commits, firstSync: false };
}
