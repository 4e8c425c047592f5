import { ApiError } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { setState } from '../issue-records.js';
import { pullTips } from '../pull-facts.js';
import type { IssueRecord, RepoRecord } from '../state.js';
import { nowIso } from '../state.js';
import { actorLogin, repoFromParams } from './access.js';
import { emitRefChange } from './git.js';
import { announcePull, findPull } from './pull-access.js';

interface MergeRequest {
  commit_title?: string;
  commit_message?: string;
  sha?: string;
  merge_method?: 'merge' | 'squash' | 'rebase';
}

function mergeMessage(repo: RepoRecord, issue: IssueRecord, request: MergeRequest): string {
  if (request.merge_method === 'squash') {
    const title = request.commit_title ?? `${issue.title} (#${issue.number})`;
    return `${title}\n\n${request.commit_message ?? issue.body ?? ''}`.trimEnd() + '\n';
  }
  const title = request.commit_title ?? `Merge pull request #${issue.number} from ${repo.owner}/${issue.pull!.head}`;
  return `${title}\n\n${request.commit_message ?? issue.title}\n`;
}

/** A real merge (or squash) commit in the bare repository, then the base ref moves. */
export async function mergePull(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'write');
  const issue = findPull(repo, ctx.params.pull_number);
  const request = (ctx.body ?? {}) as MergeRequest;
  const method = request.merge_method ?? 'merge';
  if (method === 'rebase') throw new ApiError(405, 'Rebase merges are not served by github-sim; use merge or squash.');
  if (issue.state !== 'open') throw new ApiError(405, 'Pull Request is not mergeable');
  const { headSha, baseSha } = await pullTips(repo, issue);
  if (request.sha !== undefined && request.sha !== headSha) throw new ApiError(409, 'Head branch was modified. Review and try the merge again.');
  const tree = await repo.git.mergeTree(baseSha, headSha);
  if (!tree) throw new ApiError(405, 'Pull Request is not mergeable');
  const login = actorLogin(ctx);
  const identity = { GIT_AUTHOR_NAME: login, GIT_AUTHOR_EMAIL: `${login}@users.noreply.github.com` };
  const parents = method === 'squash' ? [baseSha] : [baseSha, headSha];
  const commit = await repo.git.commitTree(tree, parents, mergeMessage(repo, issue, request), identity);
  const baseRef = `refs/heads/${issue.pull!.base}`;
  await repo.git.updateRef(baseRef, commit, baseSha);
  emitRefChange(ctx, repo, baseRef, baseSha, commit);
  const pull = issue.pull!;
  pull.merged = true;
  pull.mergedAt = nowIso();
  pull.mergedBy = login;
  pull.mergeCommitSha = commit;
  pull.closedHeadSha = headSha;
  setState(issue, 'closed', login);
  issue.stateReason = null;
  await announcePull(ctx, repo, issue, 'closed');
  return { status: 200, body: { sha: commit, merged: true, message: 'Pull Request successfully merged' } };
}
