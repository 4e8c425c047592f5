import { splitNul, type Git } from '@ecosystem-dispatcher/core';

/**
 * Files at `rev` that still hold a conflict a sync wrote: an opening `<<<<<<< ` line and a
 * closing `>>>>>>> ` line. Read from the branch head at every sync, so a conflict stays
 * flagged (label, body, draft) until a person has really resolved it, whatever later
 * syncs changed elsewhere.
 */
export async function filesWithConflictMarkers(git: Git, rev: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const grep = async (pattern: string) => {
    const result = await git.run(['grep', '-z', '-l', '-I', '-E', '-e', pattern, rev, '--', ...paths], { okCodes: [1] });
    // `git grep REV` names each hit `REV:path`.
    return new Set(splitNul(result.stdout).map((hit) => hit.slice(rev.length + 1)));
  };
  const opening = await grep('^<<<<<<< ');
  if (opening.size === 0) return [];
  const closing = await grep('^>>>>>>> ');
  return [...opening].filter((path) => closing.has(path)).sort();
}
