import type { SimCore } from './context.js';
import { mergeRulesOf } from './merge-rules.js';
import { pullFacts } from './pull-facts.js';
import { pullShape } from './shapes/pull.js';
import type { IssueRecord, RepoRecord } from './state.js';
import { nowIso } from './state.js';
import type { PushEvent } from './types.js';

/**
 * Bookkeeping for any ref update, by git push or by the API: open pull requests
 * on that branch remember the new head tip (so `sim.pulls()` stays synchronous);
 * listeners get a `push` event and, per such pull, `pull_request` `synchronize`.
 */
export function recordRefChange(core: SimCore, repo: RepoRecord, event: PushEvent, deliver: (emit: () => void) => void): void {
  repo.pushedAt = nowIso();
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : undefined;
  const deleted = /^0+$/.test(event.after);
  const moved: IssueRecord[] = [];
  for (const issue of repo.issues.values()) {
    if (!issue.pull || issue.state !== 'open' || issue.pull.head !== branch || deleted) continue;
    issue.pull.lastHeadSha = event.after;
    issue.updatedAt = nowIso();
    moved.push(issue);
  }
  deliver(() => {
    core.events.emit('push', event);
    for (const issue of moved) core.events.track(announceSynchronize(core, repo, issue, event));
  });
}

async function announceSynchronize(core: SimCore, repo: RepoRecord, issue: IssueRecord, event: PushEvent): Promise<void> {
  const urls = { api: core.apiUrl, web: core.webUrl };
  const pull = pullShape(urls, core.state, repo, issue, await pullFacts(repo, issue, mergeRulesOf(core)));
  core.events.emit('pull_request', { action: 'synchronize', number: issue.number, before: event.before, after: event.after, pull_request: pull, repository: { full_name: repo.fullName }, sender: { login: event.pusher ?? 'ghost' } });
}
