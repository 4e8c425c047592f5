import { GitError, GitHubError } from '@ecosystem-dispatcher/core';

/**
 * GitHub refuses a push that changes `.github/workflows/` unless the token may change
 * workflows: "refusing to allow a Personal Access Token to create or update workflow
 * `PATH` without `workflow` scope" (or "a GitHub App … without `workflows` permission").
 */
const REFUSAL = /refusing to allow an? (Personal Access Token|GitHub App|OAuth App) to create or update workflow `([^`]+)`/;

/** The permission a token needs to push workflow files, in one sentence for users. */
export const WORKFLOW_PERMISSION_HINT =
  'give the token "Workflows: Read and write" (fine-grained PAT or GitHub App; classic PAT: the `workflow` scope); a GITHUB_TOKEN never can';

/** A GitHub refusal of a workflow change as one clear line, or undefined for any other failure. */
export function workflowPushRefusal(error: unknown, branch: string): GitHubError | undefined {
  if (!(error instanceof GitError)) return undefined;
  const found = REFUSAL.exec(error.stderr);
  if (!found) return undefined;
  return new GitHubError(`cannot push ${branch}: the token may not change workflow files (${found[2]}); ${WORKFLOW_PERMISSION_HINT}`, 403, { cause: error });
}
