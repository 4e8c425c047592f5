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

// Mergeability per repository and tip pair: computed once, in the background.
const computed = new WeakMap<RepoRecord, Map<string, boolean | 'pending'>>();

/**
 * GitHub computes `mergeable` in a background job: until it is done the field is `null`
 * (https://docs.github.com/rest/guides/using-the-rest-api-to-interact-with-your-git-database#checking-mergeability-of-pull-requests).
 * The first read after the tips change starts the job and answers null.
 */
async function mergeability(repo: RepoRecord, baseSha: string, headSha: string, rules: MergeRules): Promise<boolean | null> {
  if (!rules.mergeableInBackground) return (await repo.git.mergeTree(baseSha, headSha)) !== undefined;
  let cache = computed.get(repo);
  if (!cache) computed.set(repo, (cache = new Map()));
  const key = `${baseSha}...${headSha}`;
  const known = cache.get(key);
  if (known === true || known === false) return known;
  if (known === undefined) {
    cache.set(key, 'pending');
    const takes = new Promise((resolve) => setTimeout(resolve, rules.mergeableAfterMs));
    Promise.all([repo.git.mergeTree(baseSha, headSha), takes]).then(
      ([tree]) => cache.set(key, tree !== undefined),
      () => cache.delete(key),
    );
  }
  return null;
}

/** Mergeability through `git merge-tree --write-tree`, sizes from the merge-base diff. */
export interface MergeRules {
  mergeableInBackground: boolean;
  /** Real ms the background job takes at least. */
  mergeableAfterMs: number;
}

export async function pullFacts(repo: RepoRecord, issue: IssueRecord, rules: MergeRules = { mergeableInBackground: false, mergeableAfterMs: 0 }): Promise<PullGitFacts> {
  const tips = await pullTips(repo, issue);
  const empty = { ...tips, mergeable: null, commits: 0, additions: 0, deletions: 0, changedFiles: 0 };
  if (!tips.headSha || !tips.baseSha) return empty;
  const mergeBase = await repo.git.mergeBase(tips.baseSha, tips.headSha);
  if (!mergeBase) return empty;
  const files = await repo.git.changedFiles(mergeBase, tips.headSha);
  const open = issue.state === 'open';
  return {
    ...tips,
    mergeable: open ? await mergeability(repo, tips.baseSha, tips.headSha, rules) : null,
    commits: await repo.git.countCommits(`${mergeBase}..${tips.headSha}`),
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changedFiles: files.length,
  };
}
