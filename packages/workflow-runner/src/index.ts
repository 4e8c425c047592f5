export { runWorkflow, calledWorkflowFile } from './run-workflow.js';
export { listensTo, loadWorkflow } from './workflow-file.js';
export type { JobRun, RunnerOptions, StepRun, WorkflowRun } from './runner-options.js';
export type { ActionContext, ActionHandler, ActionMap } from './actions.js';
export { evaluateCondition, evaluateExpression, evaluateValue } from './expressions.js';
export type { ExpressionContexts } from './expressions.js';
export { parseCommandFile } from './command-files.js';
export { fixedAppToken, localCheckout, localSetupNode, workspaceEcosystem } from './local-actions.js';
export type { LocalCheckoutOptions } from './local-actions.js';
