import { buildPayload, repoKey, type PlannedDispatch } from '@ecosystem-dispatcher/core';
import type { WriteBudget } from '@ecosystem-dispatcher/github';
import { summarise, type DispatchReport, type DispatchResult } from '../report.js';
import { sendOne, type SendOptions } from '../send-dispatches.js';
import { markDelivered, markFailed, pendingEntries, type Outbox, type OutboxEntry } from './state.js';
import type { OutboxSaver } from './stores.js';
import { tokenWideFailure } from './token-wide.js';

export interface DeliverOptions extends Pick<SendOptions, 'octokitFor' | 'authSource' | 'onProgress'> {
  saver: OutboxSaver;
  /** The identity's write budget: a send that cannot start before the deadline waits for the next run. */
  budget?: WriteBudget;
  /** Names the identity in the outbox's `writeSpend`, where the budget's spend is saved with every send. */
  budgetKey?: string;
  /** Epoch ms after which no send starts (`--max-duration`). */
  deadline?: number;
  /** Aborted on SIGTERM/SIGINT: the send in flight finishes, nothing new starts. */
  signal?: AbortSignal;
  /** Rollout: only these cousins. */
  only?: readonly string[];
  now?: () => number;
}

export type StopReason = 'deadline' | 'signal' | 'token';

export interface Delivery {
  report: DispatchReport;
  /** Why the run stopped with work left; absent when everything pending was tried. */
  stoppedBy?: StopReason;
  /** For `token`: the one line that says why no further cousin was tried. */
  stopMessage?: string;
}

/**
 * Sends what the outbox holds: one dispatch per entry, each carrying every pending
 * feature at the newest commit. Fresh entries go oldest first, then the ones that failed
 * before, so a broken cousin never holds up the others. The outbox is saved after every
 * send, so a killed run repeats at most the dispatch in flight.
 */
export async function deliverOutbox(outbox: Outbox, options: DeliverOptions): Promise<Delivery> {
  const now = options.now ?? Date.now;
  const startedAt = new Date(now());
  const only = options.only ? new Set(options.only.map(repoKey)) : undefined;
  const queue = orderForSending(pendingEntries(outbox)).filter(([, entry]) => !only || only.has(repoKey(entry.repo)));
  const results: DispatchResult[] = [];
  let stoppedBy: StopReason | undefined;
  let stopMessage: string | undefined;
  let refusedInARow = 0;
  let delivered = 0;
  for (const [index, [key, entry]] of queue.entries()) {
    stoppedBy = await waitForTurn(options, now);
    if (stoppedBy) {
      for (const [, left] of queue.slice(index)) results.push(pendingResult(left, stoppedBy));
      break;
    }
    const result = await sendOne(toDispatch(outbox, entry), options);
    if (result.status === 'delivered') {
      markDelivered(outbox, key, new Date(now()));
      delivered += 1;
      refusedInARow = 0;
    } else {
      markFailed(outbox, key, new Date(now()), result.reason ?? 'failed', result.httpStatus);
      refusedInARow = result.httpStatus === 403 || result.httpStatus === 404 ? refusedInARow + 1 : 0;
    }
    recordSpend(outbox, options);
    options.saver.request(outbox);
    results.push(result);
    options.onProgress?.(results.length, queue.length, result);
    stopMessage = result.status === 'failed' ? tokenWideFailure(result, { authSource: options.authSource, refusedInARow, deliveredThisRun: delivered }) : undefined;
    if (stopMessage) {
      stoppedBy = 'token';
      for (const [, left] of queue.slice(index + 1)) results.push(pendingResult(left, 'token'));
      break;
    }
  }
  if (recordSpend(outbox, options)) options.saver.request(outbox);
  await options.saver.flush();
  const plan = { head: outbox.plannedThrough ?? '', base: null, sourceRepo: outbox.sourceRepo, ref: outbox.ref, dispatches: [], skipped: [] };
  const report = summarise(plan, results, { startedAt, dryRun: false, unknownOnly: [] });
  return { report, ...(stoppedBy ? { stoppedBy } : {}), ...(stopMessage ? { stopMessage } : {}) };
}

/**
 * Copies the budget's spend into the outbox (true when it changed). Saved after each
 * answer: a run killed mid-send leaves that one write out, so the next run may send one
 * write more than the window holds, at worst.
 */
export function recordSpend(outbox: Outbox, options: Pick<DeliverOptions, 'budget' | 'budgetKey'>): boolean {
  if (!options.budget || !options.budgetKey) return false;
  const spent = options.budget.spent();
  const saved = outbox.writeSpend?.[options.budgetKey] ?? [];
  if (saved.length === spent.length && saved.every((at, i) => at === spent[i])) return false;
  outbox.writeSpend = { ...outbox.writeSpend, [options.budgetKey]: spent };
  return true;
}

/** Fresh entries oldest first, then retries oldest first. */
function orderForSending(entries: [string, OutboxEntry][]): [string, OutboxEntry][] {
  return [...entries.filter(([, e]) => e.attempts === 0), ...entries.filter(([, e]) => e.attempts > 0)];
}

/** Waits for the budget; says why not when the run must stop instead. */
async function waitForTurn(options: DeliverOptions, now: () => number): Promise<StopReason | undefined> {
  if (options.signal?.aborted) return 'signal';
  const delay = options.budget?.delayMs() ?? 0;
  if (options.deadline !== undefined && now() + delay > options.deadline) return 'deadline';
  // The previous send's save lands before the next send leaves (meanwhile the budget's
  // spacing runs anyway): a kill then repeats at most the one dispatch in flight.
  const [slept] = await Promise.all([delay > 0 ? sleepUnlessAborted(delay, options.signal) : true, options.saver.flush()]);
  if (!slept || options.signal?.aborted) return 'signal';
  return undefined;
}

function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const WHY_PENDING: Record<StopReason, string> = {
  deadline: 'kept for the next run: --max-duration or the write budget ran out',
  signal: 'kept for the next run: this run was stopped',
  token: 'kept for the next run: the token was refused',
};

function pendingResult(entry: OutboxEntry, why: StopReason): DispatchResult {
  return { repo: entry.repo, eventType: entry.eventType, features: entry.features, status: 'pending', reason: WHY_PENDING[why], attempts: 0 };
}

function toDispatch(outbox: Outbox, entry: OutboxEntry): PlannedDispatch {
  const input = { features: entry.features, files: entry.files, head: entry.commit!, before: entry.before ?? undefined, sourceRepo: outbox.sourceRepo ?? undefined, ref: outbox.ref ?? undefined };
  return { repo: entry.repo, eventType: entry.eventType, features: entry.features, files: entry.files, payload: buildPayload(input, entry.eventType) };
}
