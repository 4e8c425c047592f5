import { parseRepoName, UsageError, type CousinConfig } from '@ecosystem-dispatcher/core';
import type { Octokit } from '@ecosystem-dispatcher/github';
import { reportToUpstream, type ReportedIssue } from './failure-issue.js';
import { syncBranchName } from './feature-slug.js';
import { requireUpstream } from './verify.js';

interface ClosedPullEvent {
  action?: string;
  pull_request?: { number?: number; html_url?: string; merged?: boolean; head?: { ref?: string }; closed_at?: string | null; user?: { login?: string } };
  sender?: { login?: string };
}

export interface ClosedReport {
  feature: string | undefined;
  issue: ReportedIssue | undefined;
  summary: string;
}

/**
 * A sync PR closed without merging is the cousin saying "not this change": the monorepo
 * hears about it on its issue for this cousin and feature. The next dispatch still
 * proposes the change (from the default branch, whose baseline did not move) and its PR
 * says the last one was declined.
 */
export async function reportClosedPull(options: {
  config: CousinConfig;
  event: unknown;
  cousin: string;
  upstreamOctokit: Octokit | undefined;
  runUrl: string | undefined;
  dryRun?: boolean;
}): Promise<ClosedReport> {
  const event = (options.event ?? {}) as ClosedPullEvent;
  const pull = event.pull_request;
  if (!pull || typeof pull.number !== 'number') throw new UsageError('--report-closed needs a pull_request event (the JSON at $GITHUB_EVENT_PATH)');
  const nothing = (summary: string): ClosedReport => ({ feature: undefined, issue: undefined, summary });
  if (event.action !== 'closed') return nothing(`pull request #${pull.number} was ${event.action ?? 'changed'}, not closed; nothing to report`);
  if (pull.merged) return nothing(`pull request #${pull.number} was merged; nothing to report`);
  const branch = pull.head?.ref ?? '';
  const subscription = options.config.subscriptions.find((s) => syncBranchName(options.config.pullRequest.branchPrefix, s.path) === branch);
  if (!subscription) return nothing(`pull request #${pull.number} (${branch}) is not a sync pull request of this cousin; nothing to report`);
  const who = event.sender?.login ? ` by @${event.sender.login}` : '';
  const message = `The sync pull request ${options.cousin}#${pull.number} for \`${subscription.path}\` was closed without merging${who}: ${pull.html_url ?? ''}\n\nThe cousin declined this upstream change for now; the next sync proposes it again.`;
  if (options.dryRun || !options.upstreamOctokit) {
    return { feature: subscription.path, issue: undefined, summary: `would report: pull request #${pull.number} for ${subscription.path} closed without merging` };
  }
  const issue = await reportToUpstream(options.upstreamOctokit, {
    upstream: parseRepoName(requireUpstream(options.config)),
    cousin: options.cousin,
    feature: subscription.path,
    kind: 'declined',
    message,
    runUrl: options.runUrl,
  });
  return { feature: subscription.path, issue, summary: `reported the declined pull request #${pull.number} on upstream issue #${issue.number} ${issue.htmlUrl}` };
}
