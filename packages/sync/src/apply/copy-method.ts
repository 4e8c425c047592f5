import { syncCommitMessage } from '../commit-message.js';
import { applyMirror } from './copy.js';
import { applyTwoWay } from './two-way.js';
import { applyContext, blobsOf, snapshotOids, trailersFor, type MethodInput, type MethodResult } from './method-input.js';

/** `copy`: the destination becomes exactly upstream's feature (the cousin's edits there are not kept). */
export async function syncByCopy(input: MethodInput): Promise<MethodResult> {
  const baselineEntries = input.baseline ? await input.upstream.listFeature(input.baseline, input.subscription.path) : undefined;
  return mirrorAndCommit(input, baselineEntries, 'copy');
}

/** The sync without a baseline of every method (2-way), and the whole of `copy`. */
export async function mirrorAndCommit(input: MethodInput, baselineEntries: MethodInputEntries, method: string): Promise<MethodResult> {
  const blobs = await blobsOf(input.upstream, snapshotOids(input.snapshot));
  const ctx = applyContext(input, blobs);
  // Without a baseline the cousin's files are never overwritten or deleted (two-way.ts).
  const outcome = baselineEntries ? await applyMirror(input.snapshot, baselineEntries, ctx) : await applyTwoWay(input.snapshot, ctx);
  return commitOutcome(input, outcome, method);
}

/** One sync commit for an applied outcome: the message names the method, the trailers the baseline. */
export async function commitOutcome(input: MethodInput, outcome: MethodResult['outcome'], method: string): Promise<MethodResult> {
  const message = syncCommitMessage({
    feature: input.subscription.path,
    upstream: input.upstreamName,
    target: input.target,
    baseline: input.baseline,
    method,
    to: input.subscription.to,
    commits: input.commits,
    conflicts: outcome.conflicts,
    notes: outcome.notes,
    notSynced: input.notSynced,
  });
  const commit = await input.worktree.commit(message, trailersFor(input), undefined, outcome.conflicts.length > 0);
  return { outcome, commits: commit ? [commit] : [], firstSync: !input.baseline };
}

type MethodInputEntries = Parameters<typeof applyMirror>[1];
