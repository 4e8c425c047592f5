import { authorizeRepo } from '../auth.js';
import { notFound } from '../api-error.js';
import type { RequestContext } from '../context.js';
import type { IssueRecord, RepoRecord } from '../state.js';
import type { Access } from '../types.js';

/**
 * The issue `{issue_number}` and its repository. Pull requests seen through the
 * issues API need the pull_requests permission instead of issues, as on GitHub.
 */
export function issueFromParams(ctx: RequestContext, access: Access): { repo: RepoRecord; issue: IssueRecord } {
  const fullName = `${ctx.params.owner}/${ctx.params.repo}`;
  const repo = authorizeRepo(ctx.principal, ctx.core.state.repo(fullName), 'metadata', 'read');
  const issue = repo.issues.get(Number(ctx.params.issue_number));
  if (!issue) {
    authorizeRepo(ctx.principal, repo, 'issues', access);
    throw notFound();
  }
  authorizeRepo(ctx.principal, repo, issue.pull ? 'pull_requests' : 'issues', access);
  return { repo, issue };
}
