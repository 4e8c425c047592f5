import { resolve } from 'node:path';
import { UsageError } from '@ecosystem-dispatcher/core';
import { FileStore, OUTBOX_REF, pendingDeliveries, readOutboxThroughApi, type Outbox, type PendingDelivery } from '@ecosystem-dispatcher/dispatch';
import type { Octokit } from '@ecosystem-dispatcher/github';
import type { CommandIO } from './io.js';
import { renderMarkdownTable, renderTable } from './table.js';

export const DELIVERY_FLAGS = {
  state: { type: 'string' },
  'state-ref': { type: 'string' },
} as const;

export const DELIVERY_HELP = `  --state FILE              also show what the dispatcher's outbox (a local file) still owes each cousin
  --state-ref REF           the same from a ref of the monorepo, read through the API (e.g. ${OUTBOX_REF}; 2 requests)`;

/** What the outbox still owes, for the status report; undefined when no outbox was named. */
export interface DeliveryStatus {
  plannedThrough: string | null;
  pending: PendingDelivery[];
}

export async function readDeliveryStatus(values: { state?: string | undefined; 'state-ref'?: string | undefined }, io: CommandIO, monorepo: string, client: () => Promise<Octokit>): Promise<DeliveryStatus | undefined> {
  if (values.state && values['state-ref']) throw new UsageError('choose one of --state FILE or --state-ref REF');
  let outbox: Outbox;
  if (values.state) outbox = await new FileStore(resolve(io.cwd, values.state)).load();
  else if (values['state-ref']) outbox = await readOutboxThroughApi(await client(), monorepo, values['state-ref']);
  else return undefined;
  return { plannedThrough: outbox.plannedThrough, pending: pendingDeliveries(outbox) };
}

function rows(delivery: DeliveryStatus): string[][] {
  return delivery.pending.map((p) => [p.repo, p.features.join(', '), p.commit.slice(0, 12), p.since.replace(/\.\d+Z$/, 'Z'), String(p.attempts), p.lastError ?? '']);
}

const HEADER = ['cousin', 'pending features', 'commit', 'pending since', 'tries', 'last error'];

export function renderDelivery(delivery: DeliveryStatus, markdown: boolean): string {
  const through = delivery.plannedThrough ? ` (planned through ${delivery.plannedThrough.slice(0, 12)})` : '';
  const title = markdown ? `#### Delivery${through}` : `Delivery${through}:`;
  if (delivery.pending.length === 0) return `${title}\n\nNothing pending: every planned dispatch was delivered.\n`;
  const table = markdown ? renderMarkdownTable(HEADER, rows(delivery)) : renderTable(HEADER, rows(delivery));
  return `${title}\n\n${table}\n\n${delivery.pending.length} cousin(s) with a dispatch pending; the next dispatch run (a push or the schedule) sends them.\n`;
}
