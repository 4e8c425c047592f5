import { broadPermissions, missingPermissions } from './permissions.js';
import { expressionInRun } from './expression-in-run.js';
import { missingTimeout } from './missing-timeout.js';
import type { WorkflowRule } from './rule.js';
import { secretsInheritThirdParty } from './secrets-inherit-third-party.js';
import { unpinnedAction } from './unpinned-action.js';

export type { RuleOptions, WorkflowRule } from './rule.js';

/** The project's own rules, the ones actionlint and GitHub's parser do not have. */
export const workflowRules: readonly WorkflowRule[] = [
  expressionInRun,
  unpinnedAction,
  missingPermissions,
  broadPermissions,
  secretsInheritThirdParty,
  missingTimeout,
];
