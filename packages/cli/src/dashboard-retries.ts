import { buildPayload, type DispatchPlan, type EcosystemConfig, type PlannedDispatch } from '@ecosystem-dispatcher/core';
import type { DispatchReport } from '@ecosystem-dispatcher/dispatch';
import type { Octokit } from '@ecosystem-dispatcher/github';
import { findDashboardIssue, tickedRows, untickDashboardRows, type RetryRow } from '@ecosystem-dispatcher/status';
import type { CommandIO } from './io.js';

export interface RetryPlan {
  plan: DispatchPlan;
  /** Ticked rows this run sends again (to untick once delivered). */
  retried: RetryRow[];
  /** Ticked rows that cannot be sent, and why. */
  refused: { row: RetryRow; reason: string }[];
}

/**
 * Adds a dispatch at the plan's head for every ticked dashboard row the plan does not
 * already send. A row whose cousin left the config or was disabled is refused, not sent.
 */
export function addRetries(plan: DispatchPlan, config: EcosystemConfig, ticked: readonly RetryRow[]): RetryPlan {
  const dispatches = [...plan.dispatches];
  const retried: RetryRow[] = [];
  const refused: RetryPlan['refused'] = [];
  for (const row of ticked) {
    const cousin = config.cousins.find((c) => c.repo.toLowerCase() === row.cousin.toLowerCase());
    if (!cousin || !cousin.subscriptions.includes(row.feature)) refused.push({ row, reason: `not in the config any more` });
    else if (!cousin.enabled) refused.push({ row, reason: 'disabled in ecosystem.json' });
    else if (!plan.head) refused.push({ row, reason: 'no monorepo commit to send' });
    else {
      retried.push(row);
      if (!dispatches.some((d) => d.repo === cousin.repo && d.features.includes(row.feature))) dispatches.push(retryDispatch(plan, cousin.repo, cousin.eventType, row.feature));
    }
  }
  return { plan: { ...plan, dispatches }, retried, refused };
}

function retryDispatch(plan: DispatchPlan, repo: string, eventType: string, feature: string): PlannedDispatch {
  const payload = buildPayload({ features: [feature], files: [], head: plan.head, sourceRepo: plan.sourceRepo ?? undefined, ref: plan.ref ?? undefined }, eventType);
  return { repo, eventType, features: [feature], files: [], payload };
}

/** The retried rows whose cousin got its dispatch: those are unticked. */
export function deliveredRetries(report: DispatchReport, retried: readonly RetryRow[]): RetryRow[] {
  return retried.filter((row) => report.results.some((r) => r.status === 'delivered' && r.repo.toLowerCase() === row.cousin.toLowerCase() && r.features.includes(row.feature)));
}

export interface DashboardRun {
  plan: DispatchPlan;
  /** Only the dispatches the ticked rows added (what an outbox run enqueues). */
  retries: PlannedDispatch[];
  /** Unticks what was delivered and says what happened. */
  finish(report: DispatchReport): Promise<void>;
}

/**
 * Reads the ticked rows of the monorepo's dashboard issue and adds their dispatches to the
 * plan; after sending, unticks the delivered ones. No dashboard issue: the plan as it was.
 */
export async function dashboardRun(octokit: Octokit, monorepo: string, plan: DispatchPlan, config: EcosystemConfig, out: Pick<CommandIO, 'stdout' | 'stderr'>): Promise<DashboardRun> {
  const issue = await findDashboardIssue(octokit, monorepo);
  const ticked = issue ? tickedRows(issue.body) : [];
  const retry = addRetries(plan, config, ticked);
  for (const { row, reason } of retry.refused) out.stderr.write(`warning: dashboard row ${row.cousin} ${row.feature} is ticked but not sent: ${reason}\n`);
  return {
    plan: retry.plan,
    retries: retry.plan.dispatches.slice(plan.dispatches.length),
    async finish(report) {
      const delivered = deliveredRetries(report, retry.retried);
      await untickDashboardRows(octokit, monorepo, delivered);
      if (retry.retried.length > 0) out.stdout.write(`Dashboard: re-dispatched ${delivered.length} ticked row(s) of issue #${issue!.number}${delivered.length < retry.retried.length ? `; ${retry.retried.length - delivered.length} failed and stay ticked` : ''}.\n`);
    },
  };
}
