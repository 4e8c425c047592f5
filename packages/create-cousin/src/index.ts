export { runCreateCousin } from './main.js';
export type { ScaffoldIO } from './io.js';
export { processIO } from './io.js';
export { checkAnswers, parseSubscribeSpec, METHODS, DEFAULT_REF, type Answers, type Draft, type FeatureSubscription } from './answers.js';
export { renderWorkflow, renderSubscriptions, subscriptionsDocument, planCousinFiles, WORKFLOW_FILE, SUBSCRIPTIONS_FILE, README_FILE, SECRET_NAMES } from './cousin-files.js';
export { spliceCousinEntry, type CousinRegistration, type SpliceResult } from './ecosystem-splice.js';
export { listFeatures } from './monorepo.js';
export { unifiedDiff } from './unified-diff.js';
export { VERSION } from './version.js';
