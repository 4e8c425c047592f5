import { describe, expect, it } from 'vitest';
import { GitError } from '@ecosystem-dispatcher/core';
import { workflowPushRefusal } from './workflow-permission.js';

describe('a push GitHub refuses for a workflow file', () => {
  it('becomes one line naming the file and the permission needed', () => {
    // GitHub's wording, as quoted in public issues (e.g. peter-evans/create-pull-request#3558).
    const stderr = 'remote: refusing to allow a Personal Access Token to create or update workflow `.github/workflows/ci.yml` without `workflow` scope\n ! [remote rejected] x -> x (pre-receive hook declined)\n';
    const error = workflowPushRefusal(new GitError(['push'], stderr, 1), 'ecosystem/sync/features-ci');
    expect(error?.message).toBe(
      'cannot push ecosystem/sync/features-ci: the token may not change workflow files (.github/workflows/ci.yml); give the token "Workflows: Read and write" (fine-grained PAT or GitHub App; classic PAT: the `workflow` scope); a GITHUB_TOKEN never can',
    );
    expect(workflowPushRefusal(new GitError(['push'], 'error: failed to push some refs', 1), 'b')).toBeUndefined();
  });
});
