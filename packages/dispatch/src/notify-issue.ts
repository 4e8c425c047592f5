import { fitBody, parseRepoName } from '@ecosystem-dispatcher/core';
import type { Octokit } from '@ecosystem-dispatcher/github';
import type { DispatchReport } from './report.js';
import { resultsTableParts } from './report-markdown.js';

export const NOTIFY_LABEL = 'ecosystem-dispatch';
// Marks the issue as this tool's, so a human issue that happens to carry the label is never rewritten or closed.
const MARKER = '<!-- ecosystem-dispatch:failures -->';
const TITLE = 'Ecosystem dispatch: some cousins were not notified';

export interface NotifyIssueInput {
  octokit: Octokit;
  /** `owner/name` of the monorepo, where the issue lives. */
  monorepo: string;
  report: DispatchReport;
  runLink: string | null;
  /** The login the client acts as (see RepoClients.actorLogin); looked up with GET /user when absent. */
  login?: string | undefined;
}

export type NotifyIssueOutcome =
  | { action: 'created' | 'updated' | 'closed'; number: number; url: string }
  | { action: 'none' };

/**
 * Keeps at most one open failure issue per monorepo: opened on the first failing run,
 * updated (body + a comment with the run) on later failing runs, closed with a comment by
 * the first run that reaches every cousin. A dry run, or a run with nothing sent and no
 * open issue, changes nothing.
 */
export async function notifyIssue(input: NotifyIssueInput): Promise<NotifyIssueOutcome> {
  const { octokit, report } = input;
  if (report.dryRun) return { action: 'none' };
  const { owner, name: repo } = parseRepoName(input.monorepo);
  const existing = await findOpenIssue(octokit, owner, repo, input.login ?? (await currentLogin(octokit)));
  if (report.counts.failed > 0) {
    const body = issueBody(report, input.runLink);
    if (existing) {
      await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: existing.number, body });
      await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: existing.number, body: failedAgainComment(report, input.runLink) });
      return { action: 'updated', number: existing.number, url: existing.html_url };
    }
    await ensureLabel(octokit, owner, repo);
    const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, title: TITLE, body, labels: [NOTIFY_LABEL] });
    return { action: 'created', number: data.number, url: data.html_url };
  }
  if (!existing || report.counts.delivered === 0) return { action: 'none' };
  const recovered = `Run ${input.runLink ?? `for ${short(report.head)}`} delivered to every cousin (${report.counts.delivered}). Closing.`;
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: existing.number, body: recovered });
  await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: existing.number, state: 'closed', state_reason: 'completed' });
  return { action: 'closed', number: existing.number, url: existing.html_url };
}

interface IssueRef {
  number: number;
  html_url: string;
}

async function findOpenIssue(octokit: Octokit, owner: string, repo: string, login: string | undefined): Promise<IssueRef | undefined> {
  const issues = await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
    owner,
    repo,
    labels: NOTIFY_LABEL,
    state: 'open',
    per_page: 100,
    ...(login ? { creator: login } : {}),
  });
  const ours = issues.filter((issue) => !issue.pull_request && (issue.body ?? '').includes(MARKER));
  // Oldest first: if two ever exist (two runs racing), every later run updates the same one.
  ours.sort((a, b) => a.number - b.number);
  return ours[0];
}

/** The login the token acts as; App installation tokens cannot call GET /user, and then only the marker identifies the issue. */
async function currentLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    const { data } = await octokit.request('GET /user');
    return data.login;
  } catch (error) {
    if ((error as { status?: number }).status === 403 || (error as { status?: number }).status === 401) return undefined;
    throw error;
  }
}

async function ensureLabel(octokit: Octokit, owner: string, repo: string): Promise<void> {
  try {
    await octokit.request('GET /repos/{owner}/{repo}/labels/{name}', { owner, repo, name: NOTIFY_LABEL });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    await octokit.request('POST /repos/{owner}/{repo}/labels', { owner, repo, name: NOTIFY_LABEL, color: 'd73a4a', description: 'Cousins that ecosystem dispatch could not notify' });
  }
}

/**
 * Fits GitHub's 65,536 characters however many cousins failed: the table keeps its first
 * rows and ends with "… and N more", pointing at the run's summary (the full table).
 */
export function issueBody(report: DispatchReport, runLink: string | null): string {
  const failed = report.results.filter((r) => r.status === 'failed');
  const table = resultsTableParts(failed);
  return fitBody([
    MARKER,
    `The last dispatch run${runLink ? ` ([run](${runLink}))` : ''} for commit \`${short(report.head)}\`${report.sourceRepo ? ` of ${report.sourceRepo}` : ''} could not notify ${failed.length} of ${report.counts.total - report.counts.skipped} cousin(s):`,
    '',
    table.head,
    { lines: table.rows, more: (hidden) => `| … and ${hidden} more | | | | ${runLink ? `full table in the [run summary](${runLink})` : 'full table in the run summary'} |` },
    '',
    'Each failing run updates this issue; the first run that reaches every cousin closes it.',
    '',
  ]);
}

// At most this many names in a comment: 300 × the longest owner/name (140) stays far below the limit.
const MAX_NAMED = 300;

export function failedAgainComment(report: DispatchReport, runLink: string | null): string {
  const repos = [...new Set(report.results.filter((r) => r.status === 'failed').map((r) => `\`${r.repo}\``))];
  const named = repos.slice(0, MAX_NAMED).join(', ');
  const rest = repos.length > MAX_NAMED ? ` … and ${repos.length - MAX_NAMED} more${runLink ? ` (full list: ${runLink})` : ''}` : '';
  return `Run ${runLink ?? `for ${short(report.head)}`} failed for ${repos.length} cousin(s): ${named}${rest}.`;
}

function short(sha: string): string {
  return sha ? sha.slice(0, 12) : '(unknown commit)';
}
