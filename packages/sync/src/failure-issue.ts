import { hardCut, MAX_BODY_CHARS, type RepoName } from '@ecosystem-dispatcher/core';
import type { Octokit } from '@ecosystem-dispatcher/github';
import { ensureLabels, UPSTREAM_ISSUE_LABEL } from './labels.js';
import { githubCall } from './pull-request.js';

export interface UpstreamReport {
  /** The monorepo, where the issue lives. */
  upstream: RepoName;
  /** `owner/name` of the cousin. */
  cousin: string;
  /** A subscribed feature path, or undefined when the failure is not about one. */
  feature: string | undefined;
  kind: 'failure' | 'declined';
  /** Markdown: what happened, in a sentence or two. */
  message: string;
  runUrl: string | undefined;
}

export interface ReportedIssue {
  number: number;
  htmlUrl: string;
  created: boolean;
}

/** The hidden marker that makes the issue one per cousin and feature. */
export function issueMarker(cousin: string, feature: string | undefined): string {
  const key = (feature ?? '*').replace(/[<>]/g, '');
  return `<!-- ecosystem-sync:${cousin.toLowerCase()}:${key} -->`;
}

export type OpenUpstreamIssue = { number: number; html_url: string; body?: string | null; pull_request?: unknown };

/** The monorepo's open `upstream-issue` issues: listed once, they serve every feature of a run. */
export function listOpenUpstreamIssues(octokit: Octokit, upstream: RepoName): Promise<OpenUpstreamIssue[]> {
  return githubCall(upstream.fullName, 'list upstream issues', () =>
    octokit.paginate(octokit.rest.issues.listForRepo, { owner: upstream.owner, repo: upstream.name, state: 'open', labels: UPSTREAM_ISSUE_LABEL, per_page: 100 }),
  );
}

async function findOpenIssue(octokit: Octokit, upstream: RepoName, marker: string, listed?: Promise<OpenUpstreamIssue[]>) {
  const existing = await (listed ?? listOpenUpstreamIssues(octokit, upstream));
  return existing.find((issue) => !issue.pull_request && (issue.body ?? '').includes(marker));
}

/**
 * Opens, or comments on, the one open issue of the monorepo for this cousin and feature
 * (label `upstream-issue`, marker in the body), so repeated failures do not pile up.
 */
export async function reportToUpstream(octokit: Octokit, report: UpstreamReport): Promise<ReportedIssue> {
  const { owner, name } = report.upstream;
  const marker = issueMarker(report.cousin, report.feature);
  // The run link stays whatever the message's length: it is where the whole story is.
  const runLine = report.runUrl ? `\n\nRun: ${report.runUrl}` : '';
  const text = hardCut(report.message, MAX_BODY_CHARS - runLine.length - marker.length - 4) + runLine;
  const found = await findOpenIssue(octokit, report.upstream, marker);
  if (found) {
    await githubCall(report.upstream.fullName, 'comment on the upstream issue', () =>
      octokit.rest.issues.createComment({ owner, repo: name, issue_number: found.number, body: text }),
    );
    return { number: found.number, htmlUrl: found.html_url, created: false };
  }
  await githubCall(report.upstream.fullName, 'create the upstream-issue label', () => ensureLabels(octokit, report.upstream, [UPSTREAM_ISSUE_LABEL]));
  const what = report.kind === 'declined' ? 'Sync declined' : 'Sync failed';
  const created = await githubCall(report.upstream.fullName, 'open an issue on the upstream repository', () =>
    octokit.rest.issues.create({
      owner,
      repo: name,
      title: `${what}: ${report.feature ?? 'dispatch'} in ${report.cousin}`,
      body: `${text}\n\n${marker}\n`,
      labels: [UPSTREAM_ISSUE_LABEL],
    }),
  );
  return { number: created.data.number, htmlUrl: created.data.html_url, created: true };
}

export interface ResolvedReport {
  upstream: RepoName;
  cousin: string;
  /** The synced feature, or undefined for the cousin-wide issue (a failure not about one feature). */
  feature: string | undefined;
  /** Markdown: what the successful sync did. */
  message: string;
  runUrl: string | undefined;
}

/**
 * A sync that succeeded answers the open issue for this cousin and feature (if any) and
 * closes it as completed, so `ecosystem status` shows the cousin's real state again.
 * `listed` (from listOpenUpstreamIssues) saves the listing when a run resolves several.
 * Returns the closed issue's number.
 */
export async function resolveUpstreamIssue(octokit: Octokit, report: ResolvedReport, listed?: Promise<OpenUpstreamIssue[]>): Promise<number | undefined> {
  const { owner, name } = report.upstream;
  const found = await findOpenIssue(octokit, report.upstream, issueMarker(report.cousin, report.feature), listed);
  if (!found) return undefined;
  const text = [report.message, ...(report.runUrl ? ['', `Run: ${report.runUrl}`] : [])].join('\n');
  await githubCall(report.upstream.fullName, 'comment on the upstream issue', () =>
    octokit.rest.issues.createComment({ owner, repo: name, issue_number: found.number, body: text }),
  );
  await githubCall(report.upstream.fullName, 'close the upstream issue', () =>
    octokit.rest.issues.update({ owner, repo: name, issue_number: found.number, state: 'closed', state_reason: 'completed' }),
  );
  return found.number;
}
