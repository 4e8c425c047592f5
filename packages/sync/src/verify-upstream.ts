import { RejectedPayload, type CousinSubscription } from '@ecosystem-dispatcher/core';
import type { UpstreamRepo } from './fetch-upstream.js';
import { SYMLINK_MODE, type TreeEntry } from './tree-entries.js';
import { findSymlinkEscape } from './symlink-resolution.js';
import { findUnsafeEntry } from './tree-safety.js';
import { verifyCommitAge } from './verify.js';

/**
 * The checks that need upstream's history: the commit exists, is on the default branch,
 * is recent enough, and every symlink in the features stays inside its feature. Only the
 * private upstream copy in a temp folder has been written to when one fails.
 */
export async function verifyUpstreamCommit(upstream: UpstreamRepo, commit: string, now: Date, maxAgeDays: number): Promise<void> {
  const reachability = await upstream.reachability(commit);
  if (reachability === 'missing') throw new RejectedPayload(`commit ${commit} does not exist in the upstream repository`);
  if (reachability === 'unreachable') {
    throw new RejectedPayload(`commit ${commit} is not on the upstream default branch ${upstream.defaultBranch}; only commits merged there are synced`);
  }
  verifyCommitAge(commit, await upstream.committedAt(commit), now, maxAgeDays);
}

/** The features' files at the commit, after checking their symlinks. */
export async function verifiedSnapshots(upstream: UpstreamRepo, commit: string, subscriptions: readonly CousinSubscription[]): Promise<Map<string, TreeEntry[]>> {
  await upstream.fetchFeatureTrees([commit], subscriptions.map((s) => s.path));
  const snapshots = new Map<string, TreeEntry[]>();
  for (const subscription of subscriptions) snapshots.set(subscription.path, await upstream.listFeature(commit, subscription.path));
  await refuseUnsafeTrees(upstream, snapshots);
  const links = [...snapshots.entries()].flatMap(([feature, entries]) => entries.filter((e) => e.mode === SYMLINK_MODE).map((entry) => ({ feature, entry })));
  if (links.length === 0) return snapshots;
  const targets = await upstream.readBlobs(links.map((l) => l.entry.oid));
  for (const [feature] of snapshots) {
    const ofFeature = new Map(links.filter((l) => l.feature === feature).map(({ entry }) => [entry.path, targets.get(entry.oid)!.toString('utf8')]));
    const escape = findSymlinkEscape(feature, ofFeature);
    if (escape) {
      throw new RejectedPayload(
        `upstream symlink ${escape.link} points to ${JSON.stringify(escape.target)}, which ${escape.reason} (${feature}) once the tree's other links are followed; symlinks are synced only when they stay inside the feature`,
      );
    }
  }
  return snapshots;
}

/** What git's fsck would refuse is refused here, before the cousin sees any of it (tree-safety.ts). */
async function refuseUnsafeTrees(upstream: UpstreamRepo, snapshots: ReadonlyMap<string, TreeEntry[]>): Promise<void> {
  const all = [...snapshots.values()].flat();
  const modules = all.filter((e) => e.mode !== SYMLINK_MODE && e.mode !== '160000' && /^\.gitmodules$/i.test(e.path.split('/').at(-1)!.trim()));
  const texts = await upstream.readBlobs(modules.map((e) => e.oid));
  const unsafe = findUnsafeEntry(all, (oid) => texts.get(oid)?.toString('utf8') ?? '');
  if (unsafe) throw new RejectedPayload(`upstream entry ${JSON.stringify(unsafe.path)} is refused: ${unsafe.reason}; git's fsck rejects such trees`);
}
