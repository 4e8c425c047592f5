import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Problem } from '../problem.js';
import { entry, jobsOf, mapEntries, problemAtNode, scalarText } from '../workflow-document.js';
import type { WorkflowDocument } from '../workflow-document.js';
import type { WorkflowRule } from './rule.js';

export const MISSING_PERMISSIONS = 'workflow/missing-permissions';
export const BROAD_PERMISSIONS = 'workflow/broad-permissions';

/**
 * Without a top-level `permissions:` every job gets the repository's default
 * GITHUB_TOKEN scopes, often write-all. `permissions: {}` at the top and a
 * minimal grant per job means an unlisted scope is `none`.
 */
export const missingPermissions: WorkflowRule = {
  id: MISSING_PERMISSIONS,
  description: 'a top-level permissions: block (best: permissions: {} with grants per job)',
  check(workflow) {
    if (!isMap(workflow.document.contents) || entry(workflow.document.contents, 'permissions')) return [];
    const anchor = (workflow.document.contents.items[0]?.key ?? workflow.document.contents) as Node;
    return [
      problemAtNode(
        workflow,
        {
          rule: MISSING_PERMISSIONS,
          severity: 'error',
          message: 'add `permissions: {}` at the top of the workflow and grant each job only the scopes it needs',
        },
        anchor,
      ),
    ];
  },
};

export const broadPermissions: WorkflowRule = {
  id: BROAD_PERMISSIONS,
  description: 'no write-all / read-all, and no write scope granted to every job at the top level',
  check(workflow) {
    const problems: Problem[] = [];
    const topLevel = entry(workflow.document.contents, 'permissions')?.value;
    if (topLevel) problems.push(...checkTopLevel(workflow, topLevel));
    for (const job of jobsOf(workflow)) {
      const permissions = entry(job.body, 'permissions')?.value;
      if (scalarText(permissions) === 'write-all') {
        problems.push(warning(workflow, permissions, `job "${job.id}" has write-all: list only the scopes it needs (for example contents: read)`));
      }
    }
    return problems;
  },
};

function checkTopLevel(workflow: WorkflowDocument, permissions: Node): Problem[] {
  const shorthand = scalarText(permissions);
  if (isScalar(permissions) && (shorthand === 'write-all' || shorthand === 'read-all')) {
    return [warning(workflow, permissions, `top-level permissions: ${shorthand} reaches every job: use permissions: {} and grant scopes per job`)];
  }
  return mapEntries(permissions)
    .filter((pair) => scalarText(pair.value) === 'write')
    .map((pair) =>
      warning(workflow, pair.key, `top-level ${String(pair.key.value)}: write reaches every job: grant it only in the job that needs it`),
    );
}

function warning(workflow: WorkflowDocument, node: Node | null | undefined, message: string): Problem {
  return problemAtNode(workflow, { rule: BROAD_PERMISSIONS, severity: 'warning', message }, node);
}
