export { sendDispatches, sendOne, type SendOptions } from './send-dispatches.js';
export * from './outbox/index.js';
export { reposWith, summarise, type DispatchReport, type DispatchResult, type DispatchStatus } from './report.js';
export { reportMarkdown, resultsTable } from './report-markdown.js';
export { notifyIssue, NOTIFY_LABEL, type NotifyIssueInput, type NotifyIssueOutcome } from './notify-issue.js';
export { notifyWebhook, webhookSummary, type WebhookSummary } from './notify-webhook.js';
export { writeStepOutputs, appendStepSummary } from './actions-files.js';
export { runLinkFrom } from './run-link.js';
