export { deliverOutbox, recordSpend, type DeliverOptions, type Delivery, type StopReason } from './deliver.js';
export { emptyOutbox, enqueuePlan, markDelivered, markFailed, parseOutbox, pendingEntries, type Outbox, type OutboxEntry } from './state.js';
export { FileStore, GitRefStore, OutboxSaver, OUTBOX_REF, type OutboxStore } from './stores.js';
export { REFUSALS_BEFORE_STOP, tokenWideFailure } from './token-wide.js';
export { pendingDeliveries, readOutboxThroughApi, type PendingDelivery } from './read-api.js';
