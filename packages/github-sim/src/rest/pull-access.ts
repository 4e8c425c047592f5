import { notFound } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { mergeRulesOf } from '../merge-rules.js';
import { pullFacts } from '../pull-facts.js';
import { pullShape } from '../shapes/pull.js';
import type { IssueRecord, RepoRecord } from '../state.js';
import { actorLogin, urlsOf } from './access.js';

export function findPull(repo: RepoRecord, number: string | undefined): IssueRecord {
  const issue = repo.issues.get(Number(number));
  if (!issue?.pull) throw notFound();
  return issue;
}

export async function fullPull(ctx: RequestContext, repo: RepoRecord, issue: IssueRecord): Promise<Record<string, unknown>> {
  return pullShape(urlsOf(ctx), ctx.core.state, repo, issue, await pullFacts(repo, issue, mergeRulesOf(ctx.core)));
}

/** Sends a `pull_request` event once the answer is out. */
export async function announcePull(ctx: RequestContext, repo: RepoRecord, issue: IssueRecord, action: string): Promise<void> {
  const payload = { action, number: issue.number, pull_request: await fullPull(ctx, repo, issue), repository: { full_name: repo.fullName }, sender: { login: actorLogin(ctx) } };
  ctx.afterResponse(() => ctx.core.events.emit('pull_request', payload));
}
