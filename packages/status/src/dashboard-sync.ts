import { parseRepoName } from '@ecosystem-dispatcher/core';
import type { Octokit } from '@ecosystem-dispatcher/github';
import { DASHBOARD_MARKER, DASHBOARD_TITLE, tickedRows, untick, type RetryRow } from './dashboard-issue.js';

export interface DashboardIssue {
  number: number;
  url: string;
  body: string;
}

export interface DashboardOutcome {
  action: 'created' | 'updated' | 'unchanged';
  number: number;
  url: string;
}

/** The open issue of the monorepo whose body carries the marker; the oldest when several do. */
export async function findDashboardIssue(octokit: Octokit, monorepo: string): Promise<DashboardIssue | undefined> {
  const { owner, name } = parseRepoName(monorepo);
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo: name, state: 'open', per_page: 100, sort: 'created', direction: 'asc' });
  const found = issues.find((issue) => !issue.pull_request && (issue.body ?? '').includes(DASHBOARD_MARKER));
  return found ? { number: found.number, url: found.html_url, body: found.body ?? '' } : undefined;
}

/**
 * Creates the dashboard issue, or rewrites the one found by its marker (never a second one).
 * `render` gets the rows ticked in the current body, so a tick survives until a dispatch acts on it.
 */
export async function upsertDashboardIssue(octokit: Octokit, monorepo: string, render: (ticked: RetryRow[]) => string): Promise<DashboardOutcome> {
  const { owner, name } = parseRepoName(monorepo);
  const existing = await findDashboardIssue(octokit, monorepo);
  if (!existing) {
    const created = await octokit.rest.issues.create({ owner, repo: name, title: DASHBOARD_TITLE, body: render([]) });
    return { action: 'created', number: created.data.number, url: created.data.html_url };
  }
  const body = render(tickedRows(existing.body));
  if (body === existing.body) return { action: 'unchanged', number: existing.number, url: existing.url };
  await octokit.rest.issues.update({ owner, repo: name, issue_number: existing.number, body });
  return { action: 'updated', number: existing.number, url: existing.url };
}

/** Unticks the rows a dispatch has acted on; rows ticked meanwhile stay ticked. */
export async function untickDashboardRows(octokit: Octokit, monorepo: string, rows: readonly RetryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const { owner, name } = parseRepoName(monorepo);
  const current = await findDashboardIssue(octokit, monorepo);
  if (!current) return;
  const body = untick(current.body, rows);
  if (body !== current.body) await octokit.rest.issues.update({ owner, repo: name, issue_number: current.number, body });
}
