import { GitHubError } from '@ecosystem-dispatcher/core';
import type { DispatchReport } from './report.js';

export interface WebhookSummary {
  /** Slack (and Mattermost, Discord's /slack endpoint, Teams' incoming webhooks) show this field. */
  text: string;
  source_repo: string | null;
  commit_sha: string;
  run_url: string | null;
  delivered: number;
  failed: { repo: string; features: string[]; reason: string }[];
}

export function webhookSummary(report: DispatchReport, runLink: string | null): WebhookSummary {
  const failed = report.results.filter((r) => r.status === 'failed').map((r) => ({ repo: r.repo, features: r.features, reason: r.reason ?? 'failed' }));
  const where = report.sourceRepo ? ` from ${report.sourceRepo}` : '';
  const lines = [`Ecosystem dispatch${where} (${report.head.slice(0, 12)}): ${failed.length} cousin(s) not notified, ${report.counts.delivered} delivered.`];
  for (const f of failed) lines.push(`• ${f.repo}: ${f.reason}`);
  if (runLink) lines.push(runLink);
  return { text: lines.join('\n'), source_repo: report.sourceRepo, commit_sha: report.head, run_url: runLink, delivered: report.counts.delivered, failed };
}

/**
 * POSTs the summary when anything failed; does nothing otherwise. The URL is a secret
 * (Slack puts the credential in the path): it is never part of an error message.
 */
export async function notifyWebhook(url: string, report: DispatchReport, runLink: string | null, timeoutMs = 10_000): Promise<boolean> {
  if (report.counts.failed === 0) return false;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'ecosystem-dispatcher' },
      body: JSON.stringify(webhookSummary(report, runLink)),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new GitHubError(`notify webhook: could not reach the webhook (${cause})`);
  }
  await response.arrayBuffer();
  if (!response.ok) throw new GitHubError(`notify webhook: the webhook answered HTTP ${response.status}`, response.status);
  return true;
}
