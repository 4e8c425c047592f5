import type { Problem } from './problem.js';
import { entry, positionAt } from './workflow-document.js';
import type { WorkflowDocument } from './workflow-document.js';

/**
 * `@actions/workflow-parser` 0.3.x has a copy-paste slip in its schema: the string
 * form of the `repository_dispatch` trigger is defined as the constant
 * "branch_protection_rule", so `on: repository_dispatch` and `on: [push,
 * repository_dispatch]` — valid on GitHub — are reported as "Unexpected value". Only
 * that message, only inside `on:`, is dropped.
 */
export function withoutParserSchemaSlips(workflow: WorkflowDocument, problems: Problem[]): Problem[] {
  const on = entry(workflow.document.contents, 'on')?.value;
  const range = on?.range;
  if (!range) return problems;
  const from = positionAt(workflow, range[0]);
  const to = positionAt(workflow, range[1]);
  const insideOn = (problem: Problem) =>
    (problem.line > from.line || (problem.line === from.line && problem.column >= from.column)) &&
    (problem.line < to.line || (problem.line === to.line && problem.column <= to.column));
  return problems.filter((problem) => !(problem.message === "Unexpected value 'repository_dispatch'" && insideOn(problem)));
}
