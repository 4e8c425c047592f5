import type { Problem } from '../problem.js';
import type { WorkflowDocument } from '../workflow-document.js';

/** Options a caller may pass to the project's own rules. */
export interface RuleOptions {
  /**
   * `owner` or `owner/repo` names whose actions and reusable workflows may be
   * referenced by tag instead of commit SHA (your own organisation, say).
   * Default: none — every third-party reference must be pinned.
   */
  trustedRepositories?: readonly string[];
}

/** One of the project's own workflow rules: a stable id and a pure check. */
export interface WorkflowRule {
  id: string;
  description: string;
  check(workflow: WorkflowDocument, options: RuleOptions): Problem[];
}
