import { resolve } from 'node:path';
import { Git, UsageError, type DispatchPlan, type EcosystemConfig } from '@ecosystem-dispatcher/core';
import { enqueuePlan, FileStore, GitRefStore, OUTBOX_REF, type Outbox, type OutboxStore } from '@ecosystem-dispatcher/dispatch';
import { gitAuthEnv } from '@ecosystem-dispatcher/sync';
import type { CommandIO } from './io.js';
import { selectPlan, type SelectorValues } from './plan-selectors.js';

export const OUTBOX_FLAGS = {
  state: { type: 'string' },
  'state-ref': { type: 'string' },
  'state-remote': { type: 'string', default: 'origin' },
  pending: { type: 'boolean', default: false },
  'max-duration': { type: 'string', default: '50m' },
  'write-budget': { type: 'string', default: '80/min,500/h' },
} as const;

export const OUTBOX_HELP = `Delivery that loses nothing (an outbox of what each cousin is owed):
  --state FILE            keep the outbox in a local file
  --state-ref REF         keep it on a ref of the monorepo, pushed with git (e.g. ${OUTBOX_REF};
                          the token is $ECOSYSTEM_STATE_TOKEN, else $GITHUB_TOKEN: contents: write)
  --state-remote NAME     the monorepo remote of --repo-dir for --state-ref (default origin)
  --pending               send only what is pending; plan nothing new
  --max-duration TIME     start no send after this long (default 50m; e.g. 90s, 20m, 2h);
                          the rest stays pending for the next run
  --write-budget SPEC     content-creation budget of the token (default 80/min,500/h: GitHub's)`;

export interface OutboxValues extends SelectorValues {
  state?: string | undefined;
  'state-ref'?: string | undefined;
  'state-remote': string;
  pending: boolean;
}

/** The store the flags name, or undefined for a run without an outbox. */
export function outboxStoreFrom(values: OutboxValues, io: CommandIO): OutboxStore | undefined {
  if (values.state && values['state-ref']) throw new UsageError('choose one of --state FILE or --state-ref REF');
  if (values.state) return new FileStore(resolve(io.cwd, values.state));
  if (values['state-ref']) {
    const ref = values['state-ref'];
    if (!/^refs\/[A-Za-z0-9._/-]+$/.test(ref) || ref.includes('..') || ref.endsWith('/')) throw new UsageError(`--state-ref ${JSON.stringify(ref)} is not a full ref name; e.g. ${OUTBOX_REF}`);
    const git = new Git(resolve(io.cwd, values['repo-dir']), gitAuthEnv(io.env.ECOSYSTEM_STATE_TOKEN || io.env.GITHUB_TOKEN || undefined));
    return new GitRefStore(git, values['state-remote'], ref);
  }
  if (values.pending) throw new UsageError('--pending needs the outbox: pass --state FILE or --state-ref REF');
  return undefined;
}

/**
 * Plans from the outbox's last planned commit to the head (not just this push), so a run
 * GitHub cancelled while it was pending loses nothing: the next run plans its commits too.
 */
export async function planIntoOutbox(values: OutboxValues, io: CommandIO, outbox: Outbox, now: Date): Promise<{ outbox: Outbox; plan: DispatchPlan; config: EcosystemConfig }> {
  let selected = await selectPlan(values, io);
  const through = outbox.plannedThrough;
  const head = selected.plan.head;
  if (through && head && values['files-from'] === undefined && through !== selected.plan.base) {
    const git = new Git(resolve(io.cwd, values['repo-dir']));
    if (through === head || (await git.isAncestor(head, through).catch(() => false))) {
      // A re-run of a push already planned: nothing new to add.
      return { outbox, plan: { ...selected.plan, dispatches: [], skipped: [] }, config: selected.config };
    }
    if (await git.isAncestor(through, head).catch(() => false)) {
      const { plan } = selected;
      selected = await selectPlan({ ...values, event: undefined, base: through, head, 'source-repo': plan.sourceRepo ?? undefined, ref: plan.ref ?? undefined }, io);
    }
  }
  return { outbox: enqueuePlan(outbox, selected.plan, now, selected.config), plan: selected.plan, config: selected.config };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** `90s`, `50m`, `2h`, or plain minutes. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smh]?)$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) throw new UsageError(`${flag} ${JSON.stringify(text)} is not a duration; e.g. 90s, 50m, 2h`);
  return Number(match[1]) * UNIT_SECONDS[match[2] || 'm']!;
}

/**
 * SIGTERM and SIGINT (a cancelled Actions run) abort the returned signal instead of killing
 * the process: the send in flight completes, and the outbox, report, step summary and
 * outputs are written before the command returns.
 */
export function stopOnSignals(): { signal: AbortSignal; received: () => string | undefined; dispose: () => void } {
  const controller = new AbortController();
  let name: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    name ??= signal;
    controller.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    signal: controller.signal,
    received: () => name,
    dispose: () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}
