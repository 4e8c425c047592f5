export { readFleetStatus, type ReadFleetOptions } from './read-fleet.js';
export { rowState, totalsOf, type FeatureRow, type FleetStatus, type FleetTotals, type RowState, type SyncedCommit, type SyncPullInfo, type FailureIssueInfo } from './model.js';
export { parseTrailerBlocks, syncedCommitIn, type TrailerBlock } from './trailers.js';
export { findSyncPull } from './sync-pulls.js';
export { findFailureIssue } from './failure-issues.js';
export { STATUS_COLUMNS, STATE_ORDER, summaryLine, behindText, pullText, type StatusColumn } from './columns.js';
export { renderHtml, escapeHtml } from './render-html.js';
export { FAIL_CONDITIONS, parseFailOn, failedConditions, type FailCondition } from './fail-on.js';
