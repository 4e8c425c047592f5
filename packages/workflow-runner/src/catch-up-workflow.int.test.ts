import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_REPO } from '@ecosystem-dispatcher/core';
import { checkAnswers, renderSubscriptions, renderWorkflow } from 'create-cousin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runWorkflow } from './index.js';
import type { RunnerOptions, WorkflowRun } from './index.js';
import { createWorld, REPOSITORY_ROOT, writeAndCommit } from './test-support/shipped-workflow-world.js';
import type { World } from './test-support/shipped-workflow-world.js';

/*
 * `create-cousin --schedule CRON` end to end: the generated sync-upstream.yml, on its
 * schedule event, runs the reusable cousin-sync.yml in catch-up mode against github-sim.
 */

const COUSIN = 'acme/scheduled-cousin';
const FEATURE = 'features/webpush/flask';
const CRON = '17 * * * *';

let world: World;
let syncWorkflow: string;
let cousinHead: string;
let token: string;

beforeAll(async () => {
  world = await createWorld();
  await world.sim.createRepo('acme/monorepo', { fromDir: path.join(REPOSITORY_ROOT, 'examples/monorepo') });
  const cousinDir = path.join(world.scratch, 'cousin');
  const answers = checkAnswers({
    dir: cousinDir, upstream: 'acme/monorepo', subscribe: [`${FEATURE}:app/push`], method: undefined, labels: undefined, repo: COUSIN, standalone: false, ref: undefined, schedule: CRON,
  });
  await mkdir(path.join(cousinDir, '.github', 'workflows'), { recursive: true });
  syncWorkflow = path.join(cousinDir, '.github', 'workflows', 'sync-upstream.yml');
  await writeFile(syncWorkflow, renderWorkflow(answers));
  await writeFile(path.join(cousinDir, 'subscriptions.json'), renderSubscriptions(answers));
  await world.sim.createRepo(COUSIN, { fromDir: cousinDir });
  cousinHead = (await (await world.clone(COUSIN)).output(['rev-parse', 'HEAD'])).trim();
  token = world.sim.createToken({ login: 'sync-bot', repos: [COUSIN, 'acme/monorepo'], permissions: 'write' });
});

afterAll(async () => {
  await world.close();
});

function scheduled(): RunnerOptions {
  return world.runnerOptions({
    event: { name: 'schedule', payload: { schedule: CRON, workflow: '.github/workflows/sync-upstream.yml' } },
    github: { repository: COUSIN, sha: cousinHead, ref: 'refs/heads/main' },
    secrets: { ECOSYSTEM_TOKEN: token, GITHUB_TOKEN: world.sim.createToken({ login: 'github-actions', repos: [COUSIN], permissions: 'read' }) },
    workflowRepositories: { [PROJECT_REPO]: REPOSITORY_ROOT },
  });
}

function catchUpStep(run: WorkflowRun) {
  return run.jobs.sync?.called?.jobs.sync?.steps.find((step) => step.name === 'Catch up with upstream');
}

describe('the generated workflow with --schedule, on its schedule event', () => {
  it('declares the cron', () => {
    const workflow = parse(renderWorkflow(checkAnswers({ dir: '/tmp/c', upstream: 'acme/monorepo', subscribe: [FEATURE], method: undefined, labels: undefined, repo: COUSIN, standalone: false, ref: undefined, schedule: CRON })));
    expect(workflow.on.schedule).toEqual([{ cron: CRON }]);
  });

  it('catches up: the feature is synced to the latest upstream commit in a pull request', async () => {
    const run = await runWorkflow(syncWorkflow, scheduled());
    const step = catchUpStep(run);
    expect(run.result, `${step?.stderr}${step?.stdout}`).toBe('success');
    expect(step?.conclusion).toBe('success');
    expect(run.jobs.sync?.called?.jobs.sync?.steps.find((s) => s.name === 'Sync from upstream')?.conclusion).toBe('skipped');
    const pulls = world.sim.pulls(COUSIN);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.head).toMatch(/^ecosystem\/sync\//);
  });

  it('the next run with nothing new says "up to date"; a new upstream commit is brought into the same pull request', async () => {
    const quiet = await runWorkflow(syncWorkflow, scheduled());
    expect(quiet.result).toBe('success');
    expect(catchUpStep(quiet)?.stdout).toMatch(/^Up to date: 1 feature\(s\) of acme\/monorepo/m);
    const upstream = await world.clone('acme/monorepo');
    const latest = await writeAndCommit(upstream, { [`${FEATURE}/app/push.py`]: 'print("new")\n' }, 'Upstream change');
    await upstream.run(['push', '--quiet', 'origin', 'HEAD:main']);
    const busy = await runWorkflow(syncWorkflow, scheduled());
    expect(busy.result).toBe('success');
    const pulls = world.sim.pulls(COUSIN);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.title).toContain(latest.slice(0, 7));
  });
});
