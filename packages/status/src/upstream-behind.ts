import picomatch from 'picomatch';
import type { Octokit } from '@ecosystem-dispatcher/github';
import type { UpstreamHistory } from '@ecosystem-dispatcher/sync';

export interface BehindCount {
  count: number;
  approximate: boolean;
}

export interface MonorepoRef {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** The commit the fleet is measured against (the default branch's tip, read once). */
  head: string;
}

/** What changed upstream since one synced commit: shared by every feature synced to it. */
interface Range {
  /** Commits in `synced..head`, when the compare listed them all. */
  commits: Set<string>;
  complete: boolean;
  total: number;
  /** Committer date of the synced commit. */
  baseDate: number | undefined;
}

// Committer dates are not ordered in a history with rebases; a day of slack keeps
// the date filter (which only bounds the listing) from cutting a commit off.
const DATE_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * Counts the monorepo commits since `synced` that touch a feature's path. The compare of
 * `synced...head` says which commits are new; the path-filtered commit list says which
 * touch the feature; the count is their intersection, so merges and old branches are
 * counted right. A glob subscription is counted on its static base folder (approximate).
 */
export class BehindCounter {
  private readonly ranges = new Map<string, Promise<Range>>();
  // Every answer below is addressed by commit SHAs, so it cannot change within a run:
  // each is asked once however many cousins share it (1,000 cousins synced at the same
  // commit cost one path listing per feature, not 1,000).
  private readonly touching = new Map<string, Promise<string[]>>();
  private readonly ancestry = new Map<string, Promise<boolean>>();
  constructor(private readonly monorepo: MonorepoRef) {}

  async count(synced: string, feature: string): Promise<BehindCount> {
    const range = await this.rangeFrom(synced);
    if (range.total === 0) return { count: 0, approximate: false };
    const scan = picomatch.scan(feature);
    const path = scan.isGlob ? scan.base : feature;
    if (!range.complete) {
      // The range is too long for the compare to list: count by date instead.
      const touching = await this.commitsTouching(path, range.baseDate === undefined ? undefined : range.baseDate + 1000);
      return { count: touching.length, approximate: true };
    }
    const touching = await this.commitsTouching(path, range.baseDate === undefined ? undefined : range.baseDate - DATE_SLACK_MS);
    return { count: touching.filter((sha) => range.commits.has(sha)).length, approximate: scan.isGlob };
  }

  /**
   * The monorepo's history as sync's baseline rule needs it (newestRecorded): a commit
   * exists when the compare from it to the head answers (cached, and read again by
   * `count`); ancestry from the compare's status.
   */
  readonly history: UpstreamHistory = {
    exists: async (commit) => missingIsFalse(this.rangeFrom(commit).then(() => true)),
    isAncestor: (ancestor, descendant) =>
      once(this.ancestry, `${ancestor}...${descendant}`, () => {
        const { octokit, owner, repo } = this.monorepo;
        const compare = octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${ancestor}...${descendant}`, per_page: 1 });
        return missingIsFalse(compare.then(({ data }) => data.status === 'ahead' || data.status === 'identical'));
      }),
  };

  private rangeFrom(synced: string): Promise<Range> {
    let range = this.ranges.get(synced);
    if (!range) {
      range = this.compare(synced);
      this.ranges.set(synced, range);
    }
    return range;
  }

  private async compare(synced: string): Promise<Range> {
    const { octokit, owner, repo, head } = this.monorepo;
    const commits = new Set<string>();
    let total = 0;
    let baseDate: number | undefined;
    // GitHub pages the compare's commit list; a server that ignores `page` repeats
    // itself, which the "nothing new" check turns into the end of the walk.
    for (let page = 1; page <= 20; page += 1) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${synced}...${head}`, per_page: 100, page });
      total = data.ahead_by;
      const date = data.base_commit.commit.committer?.date;
      if (date) baseDate = Date.parse(date);
      const before = commits.size;
      for (const commit of data.commits) commits.add(commit.sha);
      if (commits.size >= total || commits.size === before) break;
    }
    return { commits, complete: commits.size >= total, total, baseDate };
  }

  private commitsTouching(path: string, sinceMs: number | undefined): Promise<string[]> {
    return once(this.touching, `${path}\0${sinceMs ?? ''}`, () => this.listTouching(path, sinceMs));
  }

  private async listTouching(path: string, sinceMs: number | undefined): Promise<string[]> {
    const since = sinceMs === undefined ? undefined : new Date(sinceMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const { octokit, owner, repo, head } = this.monorepo;
    const listed = await octokit.paginate(octokit.rest.repos.listCommits, {
      owner,
      repo,
      sha: head,
      per_page: 100,
      ...(path ? { path } : {}),
      ...(since ? { since } : {}),
    });
    return listed.map((commit) => commit.sha);
  }
}

/** 404 or 422: the monorepo has no such commit (a rewritten history). */
async function missingIsFalse(answer: Promise<boolean>): Promise<boolean> {
  try {
    return await answer;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 422) return false;
    throw error;
  }
}

/** The promise cached under `key`, started by `start` the first time; a failure is not cached. */
function once<T>(cache: Map<string, Promise<T>>, key: string, start: () => Promise<T>): Promise<T> {
  let promise = cache.get(key);
  if (!promise) {
    promise = start();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
  }
  return promise;
}
