import { repoKey, type Git } from '@ecosystem-dispatcher/core';
import { recordedLists, type RecordedLists } from './commit-message.js';
import { parseTrailerGroups } from './trailers.js';

const RECORD = '\x1e';

/**
 * What the sync commits of a branch recorded for one feature since it left `base`, newest
 * first and without repeats: the pull request of the branch shows these lists, so a run
 * that only repairs it (or adds a clean commit) keeps what earlier runs found.
 */
export async function branchRecords(git: Git, base: string, head: string, upstream: string, feature: string): Promise<RecordedLists> {
  const output = await git.output(['log', '--format=%B%x1e', `${base}..${head}`, '--']);
  const all: RecordedLists = { conflicts: [], notes: [], notSynced: [] };
  for (const message of output.split(RECORD)) {
    const ours = parseTrailerGroups(message).some((group) => group.features.includes(feature) && repoKey(group.repo) === repoKey(upstream));
    if (!ours) continue;
    const lists = recordedLists(message);
    all.conflicts.push(...lists.conflicts);
    all.notes.push(...lists.notes);
    all.notSynced.push(...lists.notSynced);
  }
  return { conflicts: firstPerPath(all.conflicts), notes: firstPerPath(all.notes), notSynced: [...new Set(all.notSynced)] };
}

function firstPerPath<T extends { path: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.path) && seen.add(item.path));
}
