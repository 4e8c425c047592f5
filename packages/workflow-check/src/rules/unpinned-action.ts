import type { Node } from 'yaml';
import type { Problem } from '../problem.js';
import { entry, jobsOf, problemAtNode, scalarText, stepsOf } from '../workflow-document.js';
import type { WorkflowDocument } from '../workflow-document.js';
import { isTrustedRepository, parseActionReference } from './action-reference.js';
import type { RuleOptions, WorkflowRule } from './rule.js';

export const UNPINNED_ACTION = 'workflow/unpinned-action';

/**
 * Tags can be moved: the tj-actions/changed-files compromise (CVE-2025-30066)
 * re-pointed every tag at code that dumped secrets. A commit SHA cannot move.
 * Local `./` references run the caller's own commit and are exempt.
 */
export const unpinnedAction: WorkflowRule = {
  id: UNPINNED_ACTION,
  description: 'third-party actions, reusable workflows and docker images pinned to an immutable commit SHA or digest',
  check(workflow, options) {
    const problems: Problem[] = [];
    for (const job of jobsOf(workflow)) {
      const jobUses = entry(job.body, 'uses')?.value;
      if (jobUses) problems.push(...checkUses(workflow, jobUses, options));
      for (const step of stepsOf(job)) {
        const stepUses = entry(step, 'uses')?.value;
        if (stepUses) problems.push(...checkUses(workflow, stepUses, options));
      }
    }
    return problems;
  },
};

function checkUses(workflow: WorkflowDocument, node: Node, options: RuleOptions): Problem[] {
  const uses = scalarText(node);
  if (uses === undefined) return [];
  const reference = parseActionReference(uses);
  if (reference.kind === 'local' || reference.kind === 'expression') return [];
  if (reference.kind === 'docker') {
    if (reference.pinned) return [];
    return [problemAtNode(workflow, { rule: UNPINNED_ACTION, severity: 'error', message: `pin ${uses} to an image digest (docker://image@sha256:…): tags can be re-pointed` }, node)];
  }
  if (reference.pinned || isTrustedRepository(reference.repository, options.trustedRepositories)) return [];
  const message =
    `pin ${uses} to a full 40-character commit SHA with the version in a comment ` +
    `(uses: ${uses.split('@')[0]}@<commit-sha> # ${reference.ref ?? 'vX.Y.Z'}): tags and branches can be re-pointed`;
  return [problemAtNode(workflow, { rule: UNPINNED_ACTION, severity: 'error', message }, node)];
}
