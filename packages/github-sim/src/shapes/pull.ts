import type { IssueRecord, RepoRecord, SimState } from '../state.js';
import { authorAssociation, issueLabels } from './issue.js';
import { repositoryShape } from './repository.js';
import { nodeId, simpleUser, type Urls } from './user.js';

/** Facts about a pull request that only the bare repository knows. */
export interface PullGitFacts {
  headSha: string;
  baseSha: string;
  mergeable: boolean | null;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
}

function branchSide(urls: Urls, state: SimState, repo: RepoRecord, ref: string, sha: string): Record<string, unknown> {
  return {
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: simpleUser(urls, state.user(repo.owner)),
    repo: repositoryShape(urls, state, repo),
  };
}

/** GitHub's `pull-request-simple` (lists); `pullShape` adds the computed fields. */
export function pullSimpleShape(urls: Urls, state: SimState, repo: RepoRecord, issue: IssueRecord, facts: Pick<PullGitFacts, 'headSha' | 'baseSha'>): Record<string, unknown> {
  const pull = issue.pull!;
  const api = `${urls.api}/repos/${repo.fullName}`;
  const self = `${api}/pulls/${issue.number}`;
  const html = `${urls.web}/${repo.fullName}/pull/${issue.number}`;
  const user = (login: string) => simpleUser(urls, state.user(login));
  const statuses = `${api}/statuses/${facts.headSha}`;
  return {
    url: self,
    id: issue.id,
    node_id: nodeId('PR', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${issue.number}`,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${issue.number}/comments`,
    statuses_url: statuses,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: user(issue.user),
    body: issue.body,
    labels: issueLabels(urls, repo, issue),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issue.assignees[0] ? user(issue.assignees[0]) : null,
    assignees: issue.assignees.map(user),
    requested_reviewers: pull.requestedReviewers.map(user),
    requested_teams: [],
    head: branchSide(urls, state, repo, pull.head, facts.headSha),
    base: branchSide(urls, state, repo, pull.base, facts.baseSha),
    _links: {
      self: { href: self },
      html: { href: html },
      issue: { href: `${api}/issues/${issue.number}` },
      comments: { href: `${api}/issues/${issue.number}/comments` },
      review_comments: { href: `${self}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${self}/commits` },
      statuses: { href: statuses },
    },
    author_association: authorAssociation(repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
}

export function pullShape(urls: Urls, state: SimState, repo: RepoRecord, issue: IssueRecord, facts: PullGitFacts): Record<string, unknown> {
  const pull = issue.pull!;
  return {
    ...pullSimpleShape(urls, state, repo, issue, facts),
    merged: pull.merged,
    mergeable: facts.mergeable,
    rebaseable: facts.mergeable,
    mergeable_state: facts.mergeable === null ? 'unknown' : facts.mergeable ? 'clean' : 'dirty',
    merged_by: pull.mergedBy ? simpleUser(urls, state.user(pull.mergedBy)) : null,
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: facts.commits,
    additions: facts.additions,
    deletions: facts.deletions,
    changed_files: facts.changedFiles,
  };
}
