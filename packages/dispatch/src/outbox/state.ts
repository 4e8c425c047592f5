import { repoKey, UsageError, type DispatchPlan, type EcosystemConfig } from '@ecosystem-dispatcher/core';

/** What the dispatcher still owes one cousin (or one feature of an unbatched cousin). */
export interface OutboxEntry {
  repo: string;
  eventType: string;
  /** Features pending delivery; coalesced over every push since the last delivery. */
  features: string[];
  /** Changed files of those features, for the payload (cut to fit, like any payload). */
  files: string[];
  /** The newest commit to send, or null when nothing is pending. */
  commit: string | null;
  /** The commit the cousin last heard of (the oldest pending push's base). */
  before: string | null;
  /** When the oldest pending change was planned (ISO time); null when nothing is pending. */
  pendingSince: string | null;
  /** Sends tried since the entry became pending. */
  attempts: number;
  lastError?: { at: string; message: string; httpStatus?: number };
  delivered?: { commit: string; at: string; features: string[] };
}

/** The dispatcher's durable state: kept on a ref of the monorepo or in a local file. */
export interface Outbox {
  version: 1;
  /** Every commit up to this one has been planned into the entries. */
  plannedThrough: string | null;
  sourceRepo: string | null;
  ref: string | null;
  updatedAt: string | null;
  entries: Record<string, OutboxEntry>;
  /**
   * Per identity (e.g. `token ECOSYSTEM_TOKEN`), the times (epoch ms) of its recent
   * content-creating requests: GitHub's 80/min and 500/h hold across runs, so the next
   * run starts from what this one spent.
   */
  writeSpend?: Record<string, number[]>;
}

/** Changed files kept per entry: the payload carries a cut list anyway (64 KB). */
const MAX_FILES = 1000;

export function emptyOutbox(): Outbox {
  return { version: 1, plannedThrough: null, sourceRepo: null, ref: null, updatedAt: null, entries: {} };
}

export function parseOutbox(text: string, where: string): Outbox {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON (${(error as Error).message}); delete it to start a fresh outbox`);
  }
  const o = value as Partial<Outbox> | null;
  if (!o || typeof o !== 'object' || o.version !== 1 || typeof o.entries !== 'object' || o.entries === null) {
    throw new UsageError(`${where} is not an ecosystem outbox (version 1 with "entries"); delete it to start a fresh outbox`);
  }
  return { ...emptyOutbox(), ...o } as Outbox;
}

/**
 * Adds a plan to the outbox. One entry per cousin (per feature for a cousin that is not
 * batched): a cousin still waiting for an earlier push gets the union of features at
 * the newest commit, so it is sent once however many pushes it missed.
 */
export function enqueuePlan(outbox: Outbox, plan: DispatchPlan, now: Date, config?: EcosystemConfig): Outbox {
  const unbatched = new Set((config?.cousins ?? []).filter((c) => !c.batch).map((c) => repoKey(c.repo)));
  const entries = { ...outbox.entries };
  for (const dispatch of plan.dispatches) {
    const key = unbatched.has(repoKey(dispatch.repo)) ? `${repoKey(dispatch.repo)}#${dispatch.features[0]}` : repoKey(dispatch.repo);
    const old = entries[key];
    const pending = old?.commit ? old : undefined;
    entries[key] = {
      ...old,
      repo: dispatch.repo,
      eventType: dispatch.eventType,
      features: union(pending?.features ?? [], dispatch.features),
      files: union(pending?.files ?? [], dispatch.files).slice(0, MAX_FILES),
      commit: plan.head,
      before: pending ? pending.before : plan.base,
      pendingSince: pending?.pendingSince ?? now.toISOString(),
      attempts: pending?.attempts ?? 0,
    };
  }
  return { ...outbox, plannedThrough: plan.head || outbox.plannedThrough, sourceRepo: plan.sourceRepo ?? outbox.sourceRepo, ref: plan.ref ?? outbox.ref, entries };
}

/** Pending entries, oldest change first (ties in name order, so runs are repeatable). */
export function pendingEntries(outbox: Outbox): [string, OutboxEntry][] {
  return Object.entries(outbox.entries)
    .filter(([, entry]) => entry.commit !== null)
    .sort(([ka, a], [kb, b]) => (a.pendingSince ?? '').localeCompare(b.pendingSince ?? '') || ka.localeCompare(kb));
}

export function markDelivered(outbox: Outbox, key: string, at: Date): void {
  const entry = outbox.entries[key];
  if (!entry?.commit) return;
  outbox.entries[key] = { repo: entry.repo, eventType: entry.eventType, features: [], files: [], commit: null, before: null, pendingSince: null, attempts: 0, delivered: { commit: entry.commit, at: at.toISOString(), features: entry.features } };
  outbox.updatedAt = at.toISOString();
}

export function markFailed(outbox: Outbox, key: string, at: Date, message: string, httpStatus?: number): void {
  const entry = outbox.entries[key];
  if (!entry) return;
  entry.attempts += 1;
  entry.lastError = { at: at.toISOString(), message, ...(httpStatus ? { httpStatus } : {}) };
  outbox.updatedAt = at.toISOString();
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
