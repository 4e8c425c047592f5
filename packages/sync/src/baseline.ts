import type { Git } from '@ecosystem-dispatcher/core';
import type { UpstreamRepo } from './fetch-upstream.js';
import { readSyncState } from './sync-state.js';
import { findLastSync, type LastSync } from './trailers.js';

/**
 * What the next 3-way merge starts from. `found`: the upstream commit the cousin's files
 * were last synced to. `lost`: a record names one, but upstream no longer has it (history
 * rewritten and collected). `none`: no record at all (a first sync).
 */
export type Baseline =
  | { kind: 'found'; commit: string; source: 'state file' | 'trailers'; lastSync: LastSync | undefined }
  | { kind: 'lost'; commit: string }
  | { kind: 'none' };

/**
 * The baseline at `rev`, from every record a sync leaves: the tracked state file (kept by
 * every way of merging) and the `Upstream-*` trailer groups anywhere in the messages of
 * its history (a merge or rebase keeps the sync commit's message; a squash keeps them in
 * its bulleted list, in any order). The newest upstream commit any of them names wins.
 */
export async function findBaseline(git: Git, upstream: UpstreamRepo, rev: string, upstreamName: string, feature: string): Promise<Baseline> {
  const fromState = await readSyncState(git, rev, upstreamName, feature);
  const lastSync = await findLastSync(git, rev, upstreamName, feature);
  const history: UpstreamHistory = { exists: async (commit) => (await upstream.reachability(commit)) !== 'missing', isAncestor: (a, b) => upstream.isAncestor(a, b) };
  const recorded = await newestRecorded([...(fromState ? [fromState] : []), ...(lastSync?.upstreamCommits ?? [])], history);
  if (recorded.kind !== 'found') return recorded;
  const newest = recorded.commit;
  const source = newest === fromState ? 'state file' : 'trailers';
  // The merge method needs the sync commit itself (its second parent), when it is the one that recorded this baseline.
  return { kind: 'found', commit: newest, source, lastSync: lastSync?.upstreamCommits.includes(newest) ? { ...lastSync, upstreamCommit: newest } : undefined };
}

/** What deciding between recorded commits needs to know of upstream's history. */
export interface UpstreamHistory {
  /** False when upstream no longer has the commit (history rewritten and collected). */
  exists(commit: string): Promise<boolean>;
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
}

export type RecordedCommit = { kind: 'found'; commit: string } | { kind: 'lost'; commit: string } | { kind: 'none' };

/**
 * The newest of the upstream commits a cousin's records name (the state file first, then
 * the trailers), by ancestry, not by the order of a message: the one rule for the baseline
 * of a sync and for the "synced" and "behind" of `ecosystem status`. Commits upstream no
 * longer has are skipped; when none is left the baseline is lost.
 */
export async function newestRecorded(named: readonly string[], history: UpstreamHistory): Promise<RecordedCommit> {
  const unique = [...new Set(named)];
  if (unique.length === 0) return { kind: 'none' };
  const existing: string[] = [];
  for (const commit of unique) if (await history.exists(commit)) existing.push(commit);
  if (existing.length === 0) return { kind: 'lost', commit: unique[0]! };
  let newest = existing[0]!;
  for (const commit of existing.slice(1)) if (await history.isAncestor(newest, commit)) newest = commit;
  return { kind: 'found', commit: newest };
}

export function baselineCommit(baseline: Baseline): string | undefined {
  return baseline.kind === 'found' ? baseline.commit : undefined;
}
