import { validationFailed } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { checkAssignees, checkBodyLength, isCollaborator } from '../content-rules.js';
import { ensureLabels, labelNames, openIssue, setState } from '../issue-records.js';
import { paginate } from '../pagination.js';
import { defineRoute, type Route } from '../router.js';
import { commentShape, issueShape } from '../shapes/issue.js';
import type { IssueRecord, RepoRecord } from '../state.js';
import { nowIso } from '../state.js';
import { actorLogin, repoFromParams, urlsOf } from './access.js';
import { issueFromParams } from './issue-access.js';

function announceIssue(ctx: RequestContext, repo: RepoRecord, issue: IssueRecord, action: string): void {
  // Pull requests raise `pull_request` events, not `issues` ones.
  if (issue.pull) return;
  const payload = { action, issue: issueShape(urlsOf(ctx), ctx.core.state, repo, issue), repository: { full_name: repo.fullName }, sender: { login: actorLogin(ctx) } };
  ctx.afterResponse(() => ctx.core.events.emit('issues', payload));
}

function matchesFilters(ctx: RequestContext, issue: IssueRecord): boolean {
  const state = ctx.query.get('state') ?? 'open';
  if (state !== 'all' && issue.state !== state) return false;
  const labels = ctx.query.get('labels');
  if (labels) {
    const wanted = labels.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
    const has = new Set(issue.labels.map((name) => name.toLowerCase()));
    if (!wanted.every((name) => has.has(name))) return false;
  }
  const creator = ctx.query.get('creator');
  if (creator && issue.user.toLowerCase() !== creator.toLowerCase()) return false;
  const since = ctx.query.get('since');
  return !since || issue.updatedAt >= since.replace(/\.\d+Z$/, 'Z');
}

async function listIssues(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'issues', 'read');
  let issues = [...repo.issues.values()].filter((issue) => matchesFilters(ctx, issue));
  const sortKey = ctx.query.get('sort') === 'updated' ? 'updatedAt' : 'createdAt';
  issues = issues.sort((a, b) => a[sortKey].localeCompare(b[sortKey]) || a.number - b.number);
  if ((ctx.query.get('direction') ?? 'desc') === 'desc') issues.reverse();
  const { items, headers } = paginate(ctx, issues);
  return { status: 200, body: items.map((issue) => issueShape(urlsOf(ctx), ctx.core.state, repo, issue)), headers };
}

async function createIssue(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'issues', 'write');
  const body = ctx.body as { title: string | number; body?: string | null; labels?: unknown[]; assignees?: string[] };
  const title = String(body.title ?? '');
  if (title.trim() === '') throw validationFailed('Validation Failed', [{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
  checkBodyLength('Issue', body.body);
  checkAssignees(ctx.core, repo, body.assignees);
  const issue = openIssue(ctx.core.state, repo, { title, body: body.body ?? null, user: actorLogin(ctx), labels: labelNames(body.labels ?? []), assignees: body.assignees ?? [] });
  announceIssue(ctx, repo, issue, 'opened');
  return { status: 201, body: issueShape(urlsOf(ctx), ctx.core.state, repo, issue), headers: { location: `${ctx.core.apiUrl}/repos/${repo.fullName}/issues/${issue.number}` } };
}

function getIssue(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'read');
  return { status: 200, body: issueShape(urlsOf(ctx), ctx.core.state, repo, issue) };
}

function updateIssue(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'write');
  const changes = ctx.body as { title?: string | number | null; body?: string | null; state?: 'open' | 'closed'; state_reason?: IssueRecord['stateReason']; labels?: unknown[]; assignees?: string[] };
  let action = 'edited';
  checkBodyLength(issue.pull ? 'PullRequest' : 'Issue', changes.body);
  checkAssignees(ctx.core, repo, changes.assignees);
  if (changes.title !== undefined && changes.title !== null) issue.title = String(changes.title);
  if (changes.body !== undefined) issue.body = changes.body;
  if (changes.labels !== undefined) issue.labels = ensureLabels(ctx.core.state, repo, labelNames(changes.labels));
  if (changes.assignees !== undefined) issue.assignees = changes.assignees;
  if (changes.state !== undefined && changes.state !== issue.state) {
    setState(issue, changes.state, actorLogin(ctx), changes.state_reason ?? undefined);
    action = changes.state === 'closed' ? 'closed' : 'reopened';
  } else if (changes.state_reason !== undefined && issue.state === 'closed') {
    issue.stateReason = changes.state_reason;
  }
  issue.updatedAt = nowIso();
  announceIssue(ctx, repo, issue, action);
  return { status: 200, body: issueShape(urlsOf(ctx), ctx.core.state, repo, issue) };
}

function listComments(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'read');
  const { items, headers } = paginate(ctx, issue.comments);
  return { status: 200, body: items.map((comment) => commentShape(urlsOf(ctx), ctx.core.state, repo, issue, comment)), headers };
}

function createComment(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'write');
  const text = (ctx.body as { body: string }).body;
  if (!text) throw validationFailed('Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
  checkBodyLength('IssueComment', text);
  const now = nowIso();
  const comment = { id: ctx.core.state.newId(), body: text, user: actorLogin(ctx), createdAt: now, updatedAt: now };
  issue.comments.push(comment);
  issue.updatedAt = now;
  return {
    status: 201,
    body: commentShape(urlsOf(ctx), ctx.core.state, repo, issue, comment),
    headers: { location: `${ctx.core.apiUrl}/repos/${repo.fullName}/issues/comments/${comment.id}` },
  };
}

function addAssignees(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'write');
  // GitHub answers 201 and silently leaves out whoever cannot be assigned.
  const logins = ((ctx.body as { assignees?: string[] } | undefined)?.assignees ?? []).filter((login) => isCollaborator(ctx.core, repo, login));
  issue.assignees = [...issue.assignees, ...logins.filter((login) => !issue.assignees.includes(login))];
  issue.updatedAt = nowIso();
  return { status: 201, body: issueShape(urlsOf(ctx), ctx.core.state, repo, issue) };
}

function removeAssignees(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'write');
  const logins = new Set((ctx.body as { assignees?: string[] } | undefined)?.assignees ?? []);
  issue.assignees = issue.assignees.filter((login) => !logins.has(login));
  issue.updatedAt = nowIso();
  return { status: 200, body: issueShape(urlsOf(ctx), ctx.core.state, repo, issue) };
}

export const issueRoutes: Route[] = [
  defineRoute('GET', '/repos/{owner}/{repo}/issues', listIssues),
  defineRoute('POST', '/repos/{owner}/{repo}/issues', createIssue),
  defineRoute('GET', '/repos/{owner}/{repo}/issues/{issue_number}', getIssue),
  defineRoute('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', updateIssue),
  defineRoute('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', listComments),
  defineRoute('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', createComment),
  defineRoute('POST', '/repos/{owner}/{repo}/issues/{issue_number}/assignees', addAssignees),
  defineRoute('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/assignees', removeAssignees),
];
