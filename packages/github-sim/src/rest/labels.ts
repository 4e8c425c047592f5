import { notFound, validationFailed } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { addLabel, ensureLabels, labelNames } from '../issue-records.js';
import { paginate } from '../pagination.js';
import { defineRoute, type Route } from '../router.js';
import { issueLabels, labelShape } from '../shapes/issue.js';
import { nowIso } from '../state.js';
import { repoFromParams, urlsOf } from './access.js';
import { issueFromParams } from './issue-access.js';

function getLabel(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'issues', 'read');
  const label = repo.labels.get(ctx.params.name!.toLowerCase());
  if (!label) throw notFound();
  return { status: 200, body: labelShape(urlsOf(ctx), repo, label) };
}

function listLabels(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'issues', 'read');
  const { items, headers } = paginate(ctx, [...repo.labels.values()]);
  return { status: 200, body: items.map((label) => labelShape(urlsOf(ctx), repo, label)), headers };
}

function createLabel(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'issues', 'write');
  const { name, color, description } = ctx.body as { name: string; color?: string; description?: string };
  if (repo.labels.has(name.toLowerCase())) throw validationFailed('Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
  const hex = (color ?? 'ededed').replace(/^#/, '');
  if (!/^[0-9a-fA-F]{6}$/.test(hex)) throw validationFailed('Validation Failed', [{ resource: 'Label', code: 'invalid', field: 'color' }]);
  const label = addLabel(ctx.core.state, repo, name, hex.toLowerCase(), description ?? null);
  return { status: 201, body: labelShape(urlsOf(ctx), repo, label), headers: { location: `${ctx.core.apiUrl}/repos/${repo.fullName}/labels/${encodeURIComponent(name)}` } };
}

function namesFromBody(body: unknown): string[] {
  if (Array.isArray(body)) return labelNames(body);
  return labelNames(((body ?? {}) as { labels?: unknown[] }).labels ?? []);
}

function addIssueLabels(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'write');
  issue.labels = ensureLabels(ctx.core.state, repo, [...issue.labels, ...namesFromBody(ctx.body)]);
  issue.updatedAt = nowIso();
  return { status: 200, body: issueLabels(urlsOf(ctx), repo, issue) };
}

function setIssueLabels(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'write');
  issue.labels = ensureLabels(ctx.core.state, repo, namesFromBody(ctx.body));
  issue.updatedAt = nowIso();
  return { status: 200, body: issueLabels(urlsOf(ctx), repo, issue) };
}

function removeIssueLabel(ctx: RequestContext) {
  const { repo, issue } = issueFromParams(ctx, 'write');
  const name = ctx.params.name!.toLowerCase();
  if (!issue.labels.some((label) => label.toLowerCase() === name)) throw notFound();
  issue.labels = issue.labels.filter((label) => label.toLowerCase() !== name);
  issue.updatedAt = nowIso();
  return { status: 200, body: issueLabels(urlsOf(ctx), repo, issue) };
}

export const labelRoutes: Route[] = [
  defineRoute('GET', '/repos/{owner}/{repo}/labels', listLabels),
  defineRoute('POST', '/repos/{owner}/{repo}/labels', createLabel),
  defineRoute('GET', '/repos/{owner}/{repo}/labels/{name}', getLabel),
  defineRoute('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', addIssueLabels),
  defineRoute('PUT', '/repos/{owner}/{repo}/issues/{issue_number}/labels', setIssueLabels),
  defineRoute('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', removeIssueLabel),
];
