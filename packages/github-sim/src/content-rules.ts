import { validationFailed } from './api-error.js';
import type { SimCore } from './context.js';
import type { RepoRecord } from './state.js';

// Issue, pull request and comment bodies: GitHub refuses more than 65,536 characters.
// https://docs.github.com/rest/issues/issues#create-an-issue (422 "Validation failed")
export const MAX_BODY_CHARS = 65_536;

/** Throws GitHub's 422 when a body is over the limit (counted in UTF-16 units: never laxer than GitHub's characters). */
export function checkBodyLength(resource: 'Issue' | 'PullRequest' | 'IssueComment', body: unknown): void {
  if (typeof body !== 'string' || body.length <= MAX_BODY_CHARS) return;
  const message = `body is too long (maximum is ${MAX_BODY_CHARS} characters)`;
  throw validationFailed('Validation Failed', [{ resource, field: 'body', code: 'custom', message }]);
}

/**
 * Who counts as a collaborator of a repository: its owner, the users named at creation
 * (`CreateRepoOptions.collaborators`) and every user holding a personal access token that
 * reaches it. Review requests and assignees outside this set are refused, as on GitHub.
 */
export function isCollaborator(core: SimCore, repo: RepoRecord, login: string): boolean {
  const key = login.toLowerCase();
  if (key === repo.owner.toLowerCase() || repo.collaborators.has(key)) return true;
  return core.tokens.some((token) => token.kind === 'pat' && token.login.toLowerCase() === key && (token.repos === '*' || token.repos.has(repo.fullName.toLowerCase())));
}

// https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request
export function checkReviewers(core: SimCore, repo: RepoRecord, author: string, reviewers: string[]): void {
  if (reviewers.some((login) => login.toLowerCase() === author.toLowerCase())) {
    throw validationFailed('Review cannot be requested from pull request author.');
  }
  if (reviewers.some((login) => !isCollaborator(core, repo, login))) {
    throw validationFailed(`Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`);
  }
}

// https://docs.github.com/rest/issues/issues#create-an-issue: assignees must be able to be assigned.
export function checkAssignees(core: SimCore, repo: RepoRecord, assignees: string[] | undefined): void {
  const invalid = (assignees ?? []).filter((login) => !isCollaborator(core, repo, login));
  if (invalid.length === 0) return;
  throw validationFailed(
    'Validation Failed',
    invalid.map((login) => ({ resource: 'Issue', field: 'assignees', code: 'invalid', value: login })),
  );
}

/** Drafts need a public repository or a plan with drafts (Team, Enterprise); the repo setting says which. */
export function checkDraft(repo: RepoRecord, draft: boolean | undefined): void {
  if (!draft || repo.draftPullRequests) return;
  throw validationFailed('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: 'Draft pull requests are not supported in this repository.' }]);
}
