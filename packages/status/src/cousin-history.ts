import type { Octokit } from '@ecosystem-dispatcher/github';
import { newestRecorded, parseSyncState, parseTrailerGroups, syncStatePath, type UpstreamHistory } from '@ecosystem-dispatcher/sync';
import { repoKey } from '@ecosystem-dispatcher/core';
import type { SyncedCommit } from './model.js';

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
  /** The monorepo's history: which recorded commit is the newest. */
  monorepo: UpstreamHistory;
}

/** The newest commit of the walk whose message names a feature, and every upstream commit it names. */
interface TrailerRecord {
  cousinCommit: string;
  date: string | undefined;
  upstreamCommits: string[];
}

const PAGE = 100;

/**
 * The upstream commit each feature was last synced to, read through the API (no clone)
 * the way `ecosystem sync` reads its own baseline: the state file
 * `.github/ecosystem-sync/<slug>.json` at `from` (kept by every way of merging a sync PR,
 * a squash whose message lost the trailers included) and the `Upstream-*` trailers of
 * the newest sync commit; the newest of the commits they name, by ancestry, wins.
 */
export async function findSyncedCommits(walk: HistoryWalk): Promise<Map<string, SyncedCommit>> {
  const trailers = await trailerRecords(walk);
  const found = new Map<string, SyncedCommit>();
  for (const feature of walk.features) {
    const state = await readStateFile(walk, feature);
    const inMessage = trailers.get(feature);
    const recorded = await newestRecorded([...(state ? [state] : []), ...(inMessage?.upstreamCommits ?? [])], walk.monorepo);
    if (recorded.kind === 'none') continue;
    const carrier = inMessage?.upstreamCommits.includes(recorded.commit) ? inMessage : await stateFileCommit(walk, feature);
    found.set(feature, { upstreamCommit: recorded.commit, cousinCommit: carrier.cousinCommit, date: carrier.date });
  }
  return found;
}

async function trailerRecords(walk: HistoryWalk): Promise<Map<string, TrailerRecord>> {
  const found = new Map<string, TrailerRecord>();
  try {
    await walkHistory(walk, found);
  } catch (error) {
    // 409 "Git Repository is empty": a cousin created but never pushed to has synced nothing.
    if ((error as { status?: number }).status !== 409) throw error;
  }
  return found;
}

/** Commits come newest first, so the first trailer group found for a feature is its last sync. */
async function walkHistory(walk: HistoryWalk, found: Map<string, TrailerRecord>): Promise<void> {
  const perPage = Math.min(PAGE, walk.maxCommits);
  let read = 0;
  const pages = walk.octokit.paginate.iterator(walk.octokit.rest.repos.listCommits, { owner: walk.owner, repo: walk.repo, sha: walk.from, per_page: perPage });
  for await (const page of pages) {
    for (const commit of page.data) {
      const groups = parseTrailerGroups(commit.commit.message).filter((group) => repoKey(group.repo) === repoKey(walk.upstream));
      for (const feature of walk.features) {
        if (found.has(feature)) continue;
        const upstreamCommits = [...new Set(groups.filter((group) => group.features.includes(feature)).map((group) => group.commit))];
        if (upstreamCommits.length > 0) found.set(feature, { cousinCommit: commit.sha, date: commit.commit.committer?.date ?? undefined, upstreamCommits });
      }
      read += 1;
      if (found.size === walk.features.length || read >= walk.maxCommits) return;
    }
  }
}

/** The commit the state file records, through the contents API; undefined when there is none (404, or 409/404 for an empty repository). */
async function readStateFile(walk: HistoryWalk, feature: string): Promise<string | undefined> {
  try {
    const { data } = await walk.octokit.rest.repos.getContent({ owner: walk.owner, repo: walk.repo, path: syncStatePath(feature), ref: walk.from });
    if (Array.isArray(data) || !('content' in data) || typeof data.content !== 'string') return undefined;
    return parseSyncState(Buffer.from(data.content, 'base64').toString('utf8'), walk.upstream, feature);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 409) return undefined;
    throw error;
  }
}

/** The cousin commit that last wrote the state file (the sync, or the squash that carried it). */
async function stateFileCommit(walk: HistoryWalk, feature: string): Promise<{ cousinCommit: string; date: string | undefined }> {
  const { data } = await walk.octokit.rest.repos.listCommits({ owner: walk.owner, repo: walk.repo, sha: walk.from, path: syncStatePath(feature), per_page: 1 });
  const [commit] = data;
  return { cousinCommit: commit?.sha ?? walk.from, date: commit?.commit.committer?.date ?? undefined };
}
