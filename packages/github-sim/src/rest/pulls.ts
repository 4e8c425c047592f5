import { ApiError, validationFailed } from '../api-error.js';
import { checkBodyLength, checkDraft, checkReviewers } from '../content-rules.js';
import type { RequestContext } from '../context.js';
import { openIssue, setState } from '../issue-records.js';
import { paginate } from '../pagination.js';
import { pullTips } from '../pull-facts.js';
import { defineRoute, type Route } from '../router.js';
import { diffEntry } from '../shapes/commit.js';
import { pullSimpleShape } from '../shapes/pull.js';
import type { RepoRecord } from '../state.js';
import { nowIso } from '../state.js';
import { actorLogin, repoFromParams, urlsOf } from './access.js';
import { refChanging } from './git.js';
import { mergePull } from './pull-merge.js';
import { announcePull, findPull, fullPull } from './pull-access.js';

/** `owner:branch` or `branch`; only same-repository heads exist in the sim. */
function headBranch(repo: RepoRecord, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon === -1) return head;
  return head.slice(0, colon).toLowerCase() === repo.owner.toLowerCase() ? head.slice(colon + 1) : undefined;
}

async function listPulls(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'pull_requests', 'read');
  const state = ctx.query.get('state') ?? 'open';
  const head = ctx.query.get('head');
  const base = ctx.query.get('base');
  const branch = head === null ? undefined : headBranch(repo, head);
  let pulls = [...repo.issues.values()].filter((issue) => {
    if (!issue.pull) return false;
    if (state !== 'all' && issue.state !== state) return false;
    if (head !== null && issue.pull.head !== branch) return false;
    return base === null || issue.pull.base === base;
  });
  const sortKey = ctx.query.get('sort') === 'updated' ? 'updatedAt' : 'createdAt';
  pulls = pulls.sort((a, b) => a[sortKey].localeCompare(b[sortKey]) || a.number - b.number);
  if ((ctx.query.get('direction') ?? 'desc') === 'desc') pulls.reverse();
  const { items, headers } = paginate(ctx, pulls);
  const body = [];
  for (const issue of items) body.push(pullSimpleShape(urlsOf(ctx), ctx.core.state, repo, issue, await pullTips(repo, issue)));
  return { status: 200, body, headers };
}

async function createPull(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'pull_requests', 'write');
  const { title, body, head, base, draft } = ctx.body as { title?: string; body?: string; head: string; base: string; draft?: boolean };
  const branch = headBranch(repo, head);
  const headSha = branch === undefined ? undefined : await repo.git.refSha(`refs/heads/${branch}`);
  if (!headSha) throw validationFailed('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  const baseSha = await repo.git.refSha(`refs/heads/${base}`);
  if (!baseSha) throw validationFailed('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  const duplicate = [...repo.issues.values()].some((issue) => issue.pull && issue.state === 'open' && issue.pull.head === branch && issue.pull.base === base);
  if (duplicate) throw validationFailed('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${branch}.` }]);
  if ((await repo.git.countCommits(`${baseSha}..${headSha}`)) === 0) {
    throw validationFailed('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${branch}` }]);
  }
  if (!title) throw validationFailed('Validation Failed', [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
  checkBodyLength('PullRequest', body);
  checkDraft(repo, draft);
  const issue = openIssue(ctx.core.state, repo, {
    title,
    body: body ?? null,
    user: actorLogin(ctx),
    pull: { head: branch!, base, merged: false, mergedAt: null, mergedBy: null, mergeCommitSha: null, closedHeadSha: null, lastHeadSha: headSha, requestedReviewers: [], draft: draft ?? false },
  });
  await announcePull(ctx, repo, issue, 'opened');
  return { status: 201, body: await fullPull(ctx, repo, issue), headers: { location: `${ctx.core.apiUrl}/repos/${repo.fullName}/pulls/${issue.number}` } };
}

async function getPull(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'pull_requests', 'read');
  return { status: 200, body: await fullPull(ctx, repo, findPull(repo, ctx.params.pull_number)) };
}

async function updatePull(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'pull_requests', 'write');
  const issue = findPull(repo, ctx.params.pull_number);
  const changes = ctx.body as { title?: string; body?: string; state?: 'open' | 'closed'; base?: string };
  let action = 'edited';
  checkBodyLength('PullRequest', changes.body);
  if (changes.base !== undefined && !(await repo.git.refSha(`refs/heads/${changes.base}`))) {
    throw validationFailed('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  }
  if (changes.state !== undefined && changes.state !== issue.state) {
    if (issue.pull!.merged) throw validationFailed('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: 'Cannot change the state of a merged pull request' }]);
    if (changes.state === 'open') {
      const headSha = await repo.git.refSha(`refs/heads/${issue.pull!.head}`);
      if (!headSha) throw validationFailed('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: 'The head branch no longer exists' }]);
      issue.pull!.closedHeadSha = null;
      issue.pull!.lastHeadSha = headSha;
    } else issue.pull!.closedHeadSha = (await pullTips(repo, issue)).headSha;
    setState(issue, changes.state, actorLogin(ctx));
    issue.stateReason = null;
    action = changes.state === 'open' ? 'reopened' : 'closed';
  }
  if (changes.title !== undefined) issue.title = changes.title;
  if (changes.body !== undefined) issue.body = changes.body;
  if (changes.base !== undefined) issue.pull!.base = changes.base;
  issue.updatedAt = nowIso();
  await announcePull(ctx, repo, issue, action);
  return { status: 200, body: await fullPull(ctx, repo, issue) };
}

async function requestReviewers(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'pull_requests', 'write');
  const issue = findPull(repo, ctx.params.pull_number);
  const reviewers = ((ctx.body as { reviewers?: string[] }).reviewers ?? []).filter((login) => !issue.pull!.requestedReviewers.includes(login));
  checkReviewers(ctx.core, repo, issue.user, reviewers);
  issue.pull!.requestedReviewers.push(...reviewers);
  issue.updatedAt = nowIso();
  await announcePull(ctx, repo, issue, 'review_requested');
  return { status: 201, body: pullSimpleShape(urlsOf(ctx), ctx.core.state, repo, issue, await pullTips(repo, issue)) };
}

async function listPullFiles(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'pull_requests', 'read');
  const issue = findPull(repo, ctx.params.pull_number);
  const { headSha, baseSha } = await pullTips(repo, issue);
  const mergeBase = await repo.git.mergeBase(baseSha, headSha);
  if (!mergeBase) throw new ApiError(422, 'The head and base no longer share history');
  const { items, headers } = paginate(ctx, await repo.git.changedFiles(mergeBase, headSha));
  return { status: 200, body: items.map((file) => diffEntry(urlsOf(ctx), repo, headSha, file)), headers };
}

export const pullRoutes: Route[] = [
  defineRoute('GET', '/repos/{owner}/{repo}/pulls', listPulls),
  defineRoute('POST', '/repos/{owner}/{repo}/pulls', createPull),
  defineRoute('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', getPull),
  defineRoute('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', updatePull),
  defineRoute('PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', refChanging(mergePull)),
  defineRoute('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', requestReviewers),
  defineRoute('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', listPullFiles),
];
