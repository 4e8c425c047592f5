import type { Problem } from '../problem.js';
import { entry, jobsOf, problemAtNode, scalarText } from '../workflow-document.js';
import { isTrustedRepository, parseActionReference } from './action-reference.js';
import type { WorkflowRule } from './rule.js';

export const SECRETS_INHERIT_THIRD_PARTY = 'workflow/secrets-inherit-third-party';

/** `secrets: inherit` hands every secret of the caller to code someone else controls. */
export const secretsInheritThirdParty: WorkflowRule = {
  id: SECRETS_INHERIT_THIRD_PARTY,
  description: 'no secrets: inherit into a reusable workflow of another repository',
  check(workflow, options) {
    const problems: Problem[] = [];
    for (const job of jobsOf(workflow)) {
      const uses = scalarText(entry(job.body, 'uses')?.value);
      const secrets = entry(job.body, 'secrets')?.value;
      if (uses === undefined || scalarText(secrets) !== 'inherit') continue;
      const reference = parseActionReference(uses);
      if (reference.kind !== 'remote' || isTrustedRepository(reference.repository, options.trustedRepositories)) continue;
      problems.push(
        problemAtNode(
          workflow,
          {
            rule: SECRETS_INHERIT_THIRD_PARTY,
            severity: 'error',
            message: `job "${job.id}" passes every secret to ${reference.repository}: pass only the secrets it needs by name (secrets: { token: \${{ secrets.NAME }} })`,
          },
          secrets,
        ),
      );
    }
    return problems;
  },
};
