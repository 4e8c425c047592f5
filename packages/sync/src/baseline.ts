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
  const named = [...new Set([...(fromState ? [fromState] : []), ...(lastSync?.upstreamCommits ?? [])])];
  if (named.length === 0) return { kind: 'none' };
  const existing: string[] = [];
  for (const commit of named) if ((await upstream.reachability(commit)) !== 'missing') existing.push(commit);
  if (existing.length === 0) return { kind: 'lost', commit: named[0]! };
  let newest = existing[0]!;
  for (const commit of existing.slice(1)) if (await upstream.isAncestor(newest, commit)) newest = commit;
  const source = newest === fromState ? 'state file' : 'trailers';
  // The merge method needs the sync commit itself (its second parent), when it is the one that recorded this baseline.
  return { kind: 'found', commit: newest, source, lastSync: lastSync?.upstreamCommits.includes(newest) ? { ...lastSync, upstreamCommit: newest } : undefined };
}

export function baselineCommit(baseline: Baseline): string | undefined {
  return baseline.kind === 'found' ? baseline.commit : undefined;
}
