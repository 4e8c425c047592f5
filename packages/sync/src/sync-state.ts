import { repoKey, type Git } from '@ecosystem-dispatcher/core';
import { featureSlug } from './feature-slug.js';
import type { SyncTrailers } from './trailers.js';

/**
 * A tracked file per feature, written by every sync commit, naming the upstream commit the
 * branch's files were synced to. It is content, not history: a merge, a squash with any
 * message, a rebase or a deleted sync branch all keep it, so the next sync finds its
 * baseline however the pull request was merged. One file per feature keeps two features'
 * sync pull requests from conflicting with each other.
 */
export const SYNC_STATE_FOLDER = '.github/ecosystem-sync';

export function syncStatePath(feature: string): string {
  return `${SYNC_STATE_FOLDER}/${featureSlug(feature)}.json`;
}

export function syncStateText(trailers: SyncTrailers): string {
  const state = { upstream: trailers.repo, feature: trailers.feature, commit: trailers.commit };
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** The upstream commit the state file at `rev` records for this upstream and feature, if any. */
export async function readSyncState(git: Git, rev: string, upstream: string, feature: string): Promise<string | undefined> {
  const result = await git.run(['cat-file', 'blob', `${rev}:${syncStatePath(feature)}`], { okCodes: [128] });
  return result.code === 0 ? parseSyncState(result.stdout, upstream, feature) : undefined;
}

/**
 * The upstream commit a state file's text records for this upstream and feature, if any.
 * One reader for every consumer: sync reads the file with git, `ecosystem status` through
 * the contents API.
 */
export function parseSyncState(text: string, upstream: string, feature: string): string | undefined {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    // A hand-edited file that no longer parses is no record; history still is (baseline.ts).
    return undefined;
  }
  const { upstream: repo, feature: named, commit } = (state ?? {}) as Record<string, unknown>;
  if (typeof repo !== 'string' || typeof commit !== 'string' || named !== feature) return undefined;
  if (repoKey(repo) !== repoKey(upstream) || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(commit)) return undefined;
  return commit;
}
