import { relative, resolve } from 'node:path';
import { pathProtection, type CousinConfig, type CousinSubscription, type PathProtection } from '@ecosystem-dispatcher/core';
import type { UpstreamCommit, UpstreamRepo } from '../fetch-upstream.js';
import type { SyncWorktree } from '../sync-worktree.js';
import type { TreeChange, TreeEntry } from '../tree-entries.js';
import type { ApplyContext } from './context.js';
import type { ApplyOutcome } from './outcome.js';

/** What every method gets: the upstream copy, the cousin work tree, and the range to bring in. */
export interface MethodInput {
  upstream: UpstreamRepo;
  upstreamName: string;
  worktree: SyncWorktree;
  subscription: CousinSubscription;
  /** Upstream commit of the last sync, from the trailers; undefined on a first sync. */
  baseline: string | undefined;
  target: string;
  /** The feature's files at `target` (already checked: symlinks stay inside). */
  snapshot: TreeEntry[];
  /** Upstream commits in (baseline, target] that touch the feature, oldest first. */
  commits: UpstreamCommit[];
  /** What upstream never writes without a conflict (the cousin's `protect` and the built-in rules). */
  protection: PathProtection;
  /** Features the dispatch named that this cousin does not follow: recorded in the commit for the PR. */
  notSynced?: readonly string[] | undefined;
}

export interface MethodResult {
  outcome: ApplyOutcome;
  /** Cousin commits made, oldest first; empty when nothing changed. */
  commits: string[];
  /** No baseline: the feature was merged 2-way (added where missing, conflicts where different). */
  firstSync: boolean;
  /** The recorded baseline upstream no longer has (set by the caller, for the PR). */
  lostBaseline?: string | undefined;
}

export function applyContext(input: MethodInput, blobs: ReadonlyMap<string, Buffer>): ApplyContext {
  return {
    git: input.worktree.git,
    files: input.worktree.files,
    feature: input.subscription.path,
    to: input.subscription.to,
    upstreamLabel: `upstream@${input.target.slice(0, 12)}`,
    blobs,
    protection: input.protection,
  };
}

/** The cousin's protected paths; its config file is named as it sits in the repository. */
export function cousinProtection(config: CousinConfig, cousinTop: string): PathProtection {
  const configPath = relative(cousinTop, resolve(config.file)).split('\\').join('/');
  return pathProtection({ configPath: configPath.startsWith('..') ? 'subscriptions.json' : configPath, patterns: config.protect });
}

export function trailersFor(input: MethodInput, upstreamCommit = input.target) {
  return { repo: input.upstreamName, commit: upstreamCommit, feature: input.subscription.path };
}

/** The blobs a list of changes needs: submodule entries name commits of other repositories, never blobs. */
export function changeOids(changes: readonly TreeChange[]): string[] {
  return changes.flatMap((c) => [c.oldMode === '160000' ? '' : c.oldOid, c.newMode === '160000' ? '' : c.newOid]).filter(Boolean);
}

/** Reads these blobs; `fetchFeatureTrees` brought the features' files along with their trees. */
export async function blobsOf(upstream: UpstreamRepo, oids: readonly string[]): Promise<Map<string, Buffer>> {
  return upstream.readBlobs(oids.filter((oid) => !/^0+$/.test(oid)));
}

export function snapshotOids(entries: readonly TreeEntry[]): string[] {
  return entries.filter((e) => e.mode !== '160000').map((e) => e.oid);
}
