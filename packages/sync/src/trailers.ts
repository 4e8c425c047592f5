import type { Git } from '@ecosystem-dispatcher/core';
import { repoKey } from '@ecosystem-dispatcher/core';

/**
 * Every sync commit names what it brought in. These trailers are the only record of the
 * last sync: the next 3-way merge takes its baseline from them, and `ecosystem status`
 * reads them. No database beside the cousin's own history.
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
  upstreamCommit: string;
}

const FIELD = '\x1f';
const RECORD = '\x1e';
const FORMAT = [
  '%H',
  '%P',
  `%(trailers:key=${TRAILER_REPO},valueonly,separator=%x1d)`,
  `%(trailers:key=${TRAILER_COMMIT},valueonly,separator=%x1d)`,
  `%(trailers:key=${TRAILER_FEATURE},valueonly,separator=%x1d)`,
].join('%x1f') + '%x1e';

/**
 * The newest commit reachable from `rev` whose trailers name this upstream and feature.
 * `--grep` narrows the walk cheaply; the trailers decide (a grep hit in prose does not count).
 */
export async function findLastSync(git: Git, rev: string, upstream: string, feature: string): Promise<LastSync | undefined> {
  const output = await git.output(['log', `--format=${FORMAT}`, '--fixed-strings', `--grep=${TRAILER_FEATURE}: ${feature}`, rev, '--']);
  for (const record of output.split(RECORD)) {
    const [sha, parents, repos, commits, features] = record.replace(/^\n/, '').split(FIELD);
    if (!sha || commits === undefined || features === undefined) continue;
    const values = (text: string | undefined) => (text ?? '').trim().split('\x1d').map((v) => v.trim()).filter(Boolean);
    if (!values(features).includes(feature)) continue;
    if (!values(repos).some((r) => repoKey(r) === repoKey(upstream))) continue;
    const upstreamCommit = values(commits).at(-1);
    if (!upstreamCommit || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(upstreamCommit)) continue;
    return { cousinCommit: sha, parents: (parents ?? '').split(' ').filter(Boolean), upstreamCommit };
  }
  return undefined;
}
