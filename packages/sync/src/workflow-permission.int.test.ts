import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Git, GitHubError } from '@ecosystem-dispatcher/core';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { CousinRepo } from './cousin-repo.js';
import { gitAuthEnv } from './git-auth.js';
import { type Scratch, TEST_GIT_ENV, workRepo } from './test-support/repos.js';
import { useSimAndScratch } from './test-support/sim-lifecycle.js';
import { WORKFLOW_PERMISSION_HINT } from './workflow-permission.js';

let sim: Sim;
let scratch: Scratch;
useSimAndScratch((started, folder) => {
  sim = started;
  scratch = folder;
});

const REPO = 'acme/wf-cousin';

/** A clone with one commit that adds a workflow file, not pushed yet. */
async function workflowCommit(name: string): Promise<{ dir: string; head: string }> {
  const dir = join(scratch.dir, name);
  await new Git(scratch.dir, { ...TEST_GIT_ENV, ...gitAuthEnv(sim.adminToken) }).run(['clone', '--quiet', `${sim.gitUrl}/${REPO}.git`, dir]);
  const repo = workRepo(dir, new Git(dir, TEST_GIT_ENV));
  // Each push its own commit: identical ones made in the same second would share a SHA, and a
  // push of a commit the server already has brings no new workflow change to refuse.
  return { dir, head: await repo.commit({ '.github/workflows/ci.yml': `on: push\n# ${name}\n` }, `Add CI (${name})`) };
}

const push = async (token: string, name: string) => {
  const { dir, head } = await workflowCommit(name);
  const cousin = await CousinRepo.open(dir, token, TEST_GIT_ENV);
  return cousin.push(head, `sync/${name}`, undefined, false);
};

describe('the fix a refused workflow push suggests', () => {
  it('works: a fine-grained PAT given "Workflows: Read and write" pushes what one without it could not; a GITHUB_TOKEN never can', async () => {
    const seed = join(scratch.dir, 'seed');
    await workRepo(seed, new Git(seed, TEST_GIT_ENV)).write({ 'README.md': 'cousin\n' });
    await sim.createRepo(REPO, { fromDir: seed });
    const contents = { metadata: 'read', contents: 'write', pull_requests: 'write' } as const;

    const without = sim.createToken({ login: 'bot', repos: [REPO], permissions: { ...contents } });
    const refused = await push(without, 'without').then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(GitHubError);
    expect((refused as Error).message).toBe(`cannot push sync/without: the token may not change workflow files (.github/workflows/ci.yml); ${WORKFLOW_PERMISSION_HINT}`);

    const withWorkflows = sim.createToken({ login: 'bot', repos: [REPO], permissions: { ...contents, workflows: 'write' } });
    await expect(push(withWorkflows, 'with')).resolves.toBeUndefined();

    const actions = sim.createToken({ kind: 'actions', repos: [REPO], permissions: { ...contents, workflows: 'write' } });
    await expect(push(actions, 'actions')).rejects.toThrow(/the token may not change workflow files/);
  });
});
