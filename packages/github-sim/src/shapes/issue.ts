import type { CommentRecord, IssueRecord, LabelRecord, RepoRecord, SimState } from '../state.js';
import { nodeId, simpleUser, type Urls } from './user.js';

export function labelShape(urls: Urls, repo: RepoRecord, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

export function authorAssociation(repo: RepoRecord, login: string): string {
  return login.toLowerCase() === repo.owner.toLowerCase() ? 'OWNER' : 'CONTRIBUTOR';
}

export function issueLabels(urls: Urls, repo: RepoRecord, issue: IssueRecord): Record<string, unknown>[] {
  return issue.labels.flatMap((name) => {
    const label = repo.labels.get(name.toLowerCase());
    return label ? [labelShape(urls, repo, label)] : [];
  });
}

/** GitHub's `issue`; a pull request seen through the issues API carries `pull_request`. */
export function issueShape(urls: Urls, state: SimState, repo: RepoRecord, issue: IssueRecord): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.fullName}/issues/${issue.number}`;
  const kind = issue.pull ? 'pull' : 'issues';
  const html = `${urls.web}/${repo.fullName}/${kind}/${issue.number}`;
  const user = (login: string | null) => (login ? simpleUser(urls, state.user(login)) : null);
  return {
    id: issue.id,
    node_id: nodeId('I', issue.id),
    url: api,
    repository_url: `${urls.api}/repos/${repo.fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: user(issue.user),
    labels: issueLabels(urls, repo, issue),
    assignee: user(issue.assignees[0] ?? null),
    assignees: issue.assignees.map((login) => user(login)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments.length,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: user(issue.closedBy),
    author_association: authorAssociation(repo, issue.user),
    ...(issue.pull
      ? {
          draft: issue.pull.draft,
          pull_request: {
            url: `${urls.api}/repos/${repo.fullName}/pulls/${issue.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: issue.pull.mergedAt,
          },
        }
      : {}),
  };
}

export function commentShape(urls: Urls, state: SimState, repo: RepoRecord, issue: IssueRecord, comment: CommentRecord): Record<string, unknown> {
  const kind = issue.pull ? 'pull' : 'issues';
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${urls.api}/repos/${repo.fullName}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${repo.fullName}/${kind}/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${repo.fullName}/issues/${issue.number}`,
    body: comment.body,
    user: simpleUser(urls, state.user(comment.user)),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(repo, comment.user),
  };
}
