import type { Octokit } from '@ecosystem-dispatcher/github';
import { issueMarker, UPSTREAM_ISSUE_LABEL } from '@ecosystem-dispatcher/sync';
import type { FailureIssueInfo } from './model.js';

export interface ListedIssue {
  number: number;
  html_url: string;
  title: string;
  body?: string | null | undefined;
  updated_at: string;
  pull_request?: unknown;
}

/** The open `upstream-issue` issues of the monorepo: one request for the whole fleet. */
export async function listFailureIssues(octokit: Octokit, owner: string, repo: string): Promise<ListedIssue[]> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: 'open', labels: UPSTREAM_ISSUE_LABEL, per_page: 100 });
  return issues.filter((issue) => !issue.pull_request);
}

/**
 * The failure issue sync keeps for this cousin and feature (found by the hidden marker it
 * writes), or the cousin-wide one (`*`) when a failure was not about one feature.
 */
export function findFailureIssue(issues: readonly ListedIssue[], cousin: string, feature: string): FailureIssueInfo | undefined {
  const exact = issueMarker(cousin, feature);
  const anyFeature = issueMarker(cousin, undefined);
  const issue = issues.find((i) => (i.body ?? '').includes(exact)) ?? issues.find((i) => (i.body ?? '').includes(anyFeature));
  return issue ? { number: issue.number, url: issue.html_url, title: issue.title, updatedAt: issue.updated_at } : undefined;
}
