import type { IssueRecord, RepoRecord } from './state.js';
import type { PullGitFacts } from './shapes/pull.js';

/** Tips of both sides; a deleted head branch falls back to the remembered tip. */
export async function pullTips(repo: RepoRecord, issue: IssueRecord): Promise<{ headSha: string; baseSha: string }> {
  const pull = issue.pull!;
  const head = (await repo.git.refSha(`refs/heads/${pull.head}`)) ?? pull.closedHeadSha ?? pull.lastHeadSha ?? '';
  const base = (await repo.git.refSha(`refs/heads/${pull.base}`)) ?? '';
  if (issue.state === 'open' && head) pull.lastHeadSha = head;
  return { headSha: pull.closedHeadSha ?? head, baseSha: base };
}

/** Mergeability through `git merge-tree --write-tree`, sizes from the merge-base diff. */
export async function pullFacts(repo: RepoRecord, issue: IssueRecord): Promise<PullGitFacts> {
  const tips = await pullTips(repo, issue);
  const empty = { ...tips, mergeable: null, commits: 0, additions: 0, deletions: 0, changedFiles: 0 };
  if (!tips.headSha || !tips.baseSha) return empty;
  const mergeBase = await repo.git.mergeBase(tips.baseSha, tips.headSha);
  if (!mergeBase) return empty;
  const files = await repo.git.changedFiles(mergeBase, tips.headSha);
  const open = issue.state === 'open';
  return {
    ...tips,
    mergeable: open ? (await repo.git.mergeTree(tips.baseSha, tips.headSha)) !== undefined : null,
    commits: await repo.git.countCommits(`${mergeBase}..${tips.headSha}`),
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changedFiles: files.length,
  };
}
