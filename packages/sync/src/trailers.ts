import type { Git } from '@ecosystem-dispatcher/core';
import { repoKey } from '@ecosystem-dispatcher/core';

/**
 * Every sync commit names what it brought in, in trailers. With the state file every sync
 * commit also writes (sync-state.ts), they are the record of the last sync: the next
 * 3-way merge takes its baseline from them (baseline.ts), and `ecosystem status` reads them.
 */
export const TRAILER_REPO = 'Upstream-Repo';
export const TRAILER_COMMIT = 'Upstream-Commit';
export const TRAILER_FEATURE = 'Upstream-Feature';

export interface SyncTrailers {
  repo: string;
  commit: string;
  feature: string;
}

/** Arguments for `git commit`: one `--trailer` per key, values passed as data. */
export function trailerArgs(trailers: SyncTrailers): string[] {
  return [
    '--trailer', `${TRAILER_REPO}: ${trailers.repo}`,
    '--trailer', `${TRAILER_COMMIT}: ${trailers.commit}`,
    '--trailer', `${TRAILER_FEATURE}: ${trailers.feature}`,
  ];
}

export interface LastSync {
  /** The cousin commit that carries the trailers. */
  cousinCommit: string;
  /** Its parents (the second one of a `merge` sync is the upstream-side commit). */
  parents: string[];
  /** The newest upstream commit its trailers name (see upstreamCommits for all). */
  upstreamCommit: string;
  /** Every upstream commit its message names for this feature, in message order (a squash merge lists several). */
  upstreamCommits: string[];
}

/** One `Upstream-*` trailer group of a commit message. */
export interface TrailerGroup {
  repo: string;
  commit: string;
  features: string[];
}

const FIELD = '\x1f';
const RECORD = '\x1e';
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const TRAILER_LINE = /^(Upstream-Repo|Upstream-Commit|Upstream-Feature):[ \t]*(\S.*?)\s*$/i;

/**
 * Every trailer group of a message, wherever it is: a merge keeps the sync commit's own
 * message, but GitHub's default squash message is a bulleted list of every commit message
 * (the sync's trailers may be indented, bulleted, and followed by a human commit's text).
 * A group is a paragraph naming all three keys; prose merely mentioning a key is no group.
 */
export function parseTrailerGroups(message: string): TrailerGroup[] {
  const groups: TrailerGroup[] = [];
  for (const paragraph of message.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const values = new Map<string, string[]>();
    for (const line of paragraph.split('\n')) {
      const match = TRAILER_LINE.exec(line.replace(/^[ \t]*(?:[*-][ \t]+)?/, ''));
      if (match) values.set(match[1]!.toLowerCase(), [...(values.get(match[1]!.toLowerCase()) ?? []), match[2]!]);
    }
    const repo = values.get(TRAILER_REPO.toLowerCase())?.at(-1);
    const commit = values.get(TRAILER_COMMIT.toLowerCase())?.at(-1);
    const features = values.get(TRAILER_FEATURE.toLowerCase()) ?? [];
    if (repo && commit && SHA.test(commit) && features.length > 0) groups.push({ repo, commit, features });
  }
  return groups;
}

/**
 * The newest commit reachable from `rev` whose message names this upstream and feature in
 * a trailer group. `--grep` narrows the walk cheaply; the parsed groups decide.
 */
export async function findLastSync(git: Git, rev: string, upstream: string, feature: string): Promise<LastSync | undefined> {
  const output = await git.output(['log', '--format=%H%x1f%P%x1f%B%x1e', '--fixed-strings', `--grep=${TRAILER_FEATURE}: ${feature}`, rev, '--']);
  for (const record of output.split(RECORD)) {
    const [sha, parents, message] = record.replace(/^\n/, '').split(FIELD);
    if (!sha || message === undefined) continue;
    const commits = parseTrailerGroups(message)
      .filter((group) => group.features.includes(feature) && repoKey(group.repo) === repoKey(upstream))
      .map((group) => group.commit);
    if (commits.length === 0) continue;
    return { cousinCommit: sha, parents: (parents ?? '').split(' ').filter(Boolean), upstreamCommit: commits.at(-1)!, upstreamCommits: [...new Set(commits)] };
  }
  return undefined;
}
