import { isSeq } from 'yaml';
import type { Node } from 'yaml';
import { entry, jobsOf, problemAtNode } from '../workflow-document.js';
import type { WorkflowRule } from './rule.js';

export const MISSING_TIMEOUT = 'workflow/missing-timeout';

/** GitHub's default job timeout is 360 minutes: a hung git or API call burns six hours of runner time. */
export const missingTimeout: WorkflowRule = {
  id: MISSING_TIMEOUT,
  description: 'every job with steps sets timeout-minutes',
  check(workflow) {
    return jobsOf(workflow)
      .filter((job) => isSeq(entry(job.body, 'steps')?.value) && !entry(job.body, 'timeout-minutes'))
      .map((job) =>
        problemAtNode(
          workflow,
          {
            rule: MISSING_TIMEOUT,
            severity: 'warning',
            message: `job "${job.id}" has no timeout-minutes (GitHub's default is 360): set one a little above its usual run time`,
          },
          job.key as Node,
        ),
      );
  },
};
