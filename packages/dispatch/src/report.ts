import type { DispatchPlan } from '@ecosystem-dispatcher/core';

/** `pending`: kept in the outbox for a later run (out of time or budget, or the run was stopped). */
export type DispatchStatus = 'delivered' | 'failed' | 'skipped' | 'pending';

/** What happened to one planned dispatch (or one matched cousin that was not notified). */
export interface DispatchResult {
  repo: string;
  /** null for a cousin skipped before it had an event (disabled in ecosystem.json). */
  eventType: string | null;
  features: string[];
  status: DispatchStatus;
  /** Why it failed or was skipped, in words a maintainer can act on. */
  reason?: string;
  /** HTTP attempts made, retries included (0 when nothing was sent). */
  attempts: number;
  /** The last HTTP status GitHub answered with; absent when no answer came back. */
  httpStatus?: number;
  durationMs?: number;
}

export interface DispatchReport {
  head: string;
  base: string | null;
  sourceRepo: string | null;
  ref: string | null;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  results: DispatchResult[];
  counts: { total: number; delivered: number; failed: number; skipped: number; pending: number };
  /** HTTP requests sent for dispatches, retries included. */
  requests: number;
  /** `--only` names that the plan does not notify (likely a typo). */
  unknownOnly: string[];
}

export function summarise(plan: DispatchPlan, results: DispatchResult[], times: { startedAt: Date; dryRun: boolean; unknownOnly: string[] }): DispatchReport {
  const count = (status: DispatchStatus) => results.filter((r) => r.status === status).length;
  return {
    head: plan.head,
    base: plan.base,
    sourceRepo: plan.sourceRepo,
    ref: plan.ref,
    dryRun: times.dryRun,
    startedAt: times.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    results,
    counts: { total: results.length, delivered: count('delivered'), failed: count('failed'), skipped: count('skipped'), pending: count('pending') },
    requests: results.reduce((sum, r) => sum + r.attempts, 0),
    unknownOnly: times.unknownOnly,
  };
}

/** Repository names with at least one result of the status, each once, in plan order. */
export function reposWith(report: DispatchReport, status: DispatchStatus): string[] {
  return [...new Set(report.results.filter((r) => r.status === status).map((r) => r.repo))];
}
