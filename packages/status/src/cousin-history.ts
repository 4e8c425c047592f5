import type { Octokit } from '@ecosystem-dispatcher/github';
import type { SyncedCommit } from './model.js';
import { syncedCommitIn } from './trailers.js';

export interface HistoryWalk {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** Branch name or commit SHA the walk starts from. */
  from: string;
  upstream: string;
  features: readonly string[];
  /** Commits read at most; a sync older than this is reported as never synced. */
  maxCommits: number;
}

const PAGE = 100;

/**
 * The newest sync commit per feature, read from the cousin's history through the API
 * (no clone): commits come newest first, so the first trailer found for a feature is its
 * last sync. The walk stops as soon as every feature is found, or at `maxCommits`.
 */
export async function findSyncedCommits(walk: HistoryWalk): Promise<Map<string, SyncedCommit>> {
  const found = new Map<string, SyncedCommit>();
  try {
    await walkHistory(walk, found);
  } catch (error) {
    // 409 "Git Repository is empty": a cousin created but never pushed to has synced nothing.
    if ((error as { status?: number }).status !== 409) throw error;
  }
  return found;
}

async function walkHistory(walk: HistoryWalk, found: Map<string, SyncedCommit>): Promise<void> {
  const perPage = Math.min(PAGE, walk.maxCommits);
  let read = 0;
  const pages = walk.octokit.paginate.iterator(walk.octokit.rest.repos.listCommits, { owner: walk.owner, repo: walk.repo, sha: walk.from, per_page: perPage });
  for await (const page of pages) {
    for (const commit of page.data) {
      for (const feature of walk.features) {
        if (found.has(feature)) continue;
        const upstreamCommit = syncedCommitIn(commit.commit.message, walk.upstream, feature);
        if (upstreamCommit) found.set(feature, { upstreamCommit, cousinCommit: commit.sha, date: commit.commit.committer?.date ?? undefined });
      }
      read += 1;
      if (found.size === walk.features.length || read >= walk.maxCommits) return;
    }
  }
}
