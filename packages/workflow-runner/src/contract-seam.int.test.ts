import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_REPO } from '@ecosystem-dispatcher/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listensTo, loadWorkflow, runWorkflow } from './index.js';
import type { WorkflowRun } from './index.js';
import { createWorld, dispatchPayload, pushPayload, REPOSITORY_ROOT, workflowFile, writeAndCommit } from './test-support/shipped-workflow-world.js';
import type { World } from './test-support/shipped-workflow-world.js';

/**
 * The seam between the two sides, crossed for real: the monorepo's dispatch workflow sends
 * what its ecosystem.json says (a custom event type, a glob subscription), and the cousin's
 * workflow — written by create-cousin from that same ecosystem.json — must start for that
 * event and turn the feature it names into a pull request.
 */
const COUSIN = 'acme/flask-suite';
const CREATE_COUSIN = path.join(REPOSITORY_ROOT, 'packages/create-cousin/dist/bin.js');
const ECOSYSTEM = {
  defaults: { eventType: 'mono-sync' },
  cousins: [{ repo: COUSIN, subscriptions: ['features/*/flask/**'], batch: false }],
};

let world: World;
let cousinWorkflow: string;
let after: string;
let dispatchRun: WorkflowRun;

function failureLog(run: WorkflowRun): string {
  const jobs = Object.values(run.jobs).flatMap((job) => [job, ...Object.values(job.called?.jobs ?? {})]);
  return jobs.flatMap((job) => job.steps).filter((step) => step.conclusion === 'failure').map((step) => `${step.name}: ${step.stderr}${step.stdout}`).join('\n');
}

beforeAll(async () => {
  world = await createWorld();
  const monorepoDir = path.join(world.scratch, 'monorepo-source');
  await cp(path.join(REPOSITORY_ROOT, 'examples/monorepo'), monorepoDir, { recursive: true });
  await writeFile(path.join(monorepoDir, 'ecosystem.json'), `${JSON.stringify(ECOSYSTEM, null, 2)}\n`);
  await world.sim.createRepo('acme/monorepo', { fromDir: monorepoDir });

  // The cousin, as create-cousin writes it next to a checkout of that monorepo: no --event-type given.
  const cousinDir = path.join(world.scratch, 'cousin');
  await promisify(execFile)(process.execPath, [CREATE_COUSIN, cousinDir, '--upstream', 'acme/monorepo', '--repo', COUSIN, '--subscribe', 'features/webpush/flask:app/push', '--monorepo', monorepoDir]);
  cousinWorkflow = path.join(cousinDir, '.github/workflows/sync-upstream.yml');
  await world.sim.createRepo(COUSIN, { fromDir: cousinDir });

  const monorepo = await world.clone('acme/monorepo');
  const before = (await monorepo.output(['rev-parse', 'HEAD'])).trim();
  after = await writeAndCommit(monorepo, { 'features/webpush/flask/app/push.py': 'def push():\n    return "v2"\n' }, 'webpush/flask: v2');
  await monorepo.run(['push', '--quiet', 'origin', 'main']);
  dispatchRun = await runWorkflow(
    workflowFile('dispatch-updates.yml'),
    world.runnerOptions({
      event: { name: 'push', payload: pushPayload('acme/monorepo', before, after) },
      github: { repository: 'acme/monorepo', sha: after, ref: 'refs/heads/main' },
      // The job token has contents: write on the monorepo (dispatch-updates.yml grants it) to push the outbox ref.
      secrets: { ECOSYSTEM_TOKEN: world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' }), GITHUB_TOKEN: world.sim.createToken({ login: 'github-actions', repos: ['acme/monorepo'], permissions: { contents: 'write' } }) },
    }),
  );
});

afterAll(async () => {
  await world.close();
});

describe('a custom event type and a glob subscription, from dispatch to pull request', () => {
  it('the dispatcher sends the event type of ecosystem.json and the concrete folder the glob selects', () => {
    expect(dispatchRun.result, failureLog(dispatchRun)).toBe('success');
    const sent = world.sim.dispatches(COUSIN);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.event_type).toBe('mono-sync');
    expect(sent[0]?.client_payload).toMatchObject({ updated_feature: 'features/webpush/flask', updated_features: ['features/webpush/flask'], commit_sha: after, source_repo: 'acme/monorepo', ref: 'refs/heads/main' });
    expect(JSON.stringify(sent[0]?.client_payload)).not.toMatch(/[*?]/);
  });

  it('the workflow create-cousin wrote listens to exactly that type, and the sync opens the pull request', async () => {
    const workflow = await loadWorkflow(cousinWorkflow);
    const [sent] = world.sim.dispatches(COUSIN);
    expect(listensTo(workflow, 'repository_dispatch', sent!.event_type)).toBe(true);
    expect(listensTo(workflow, 'repository_dispatch', 'feature-update')).toBe(false);
    const cousinHead = (await (await world.clone(COUSIN)).output(['rev-parse', 'HEAD'])).trim();
    const run = await runWorkflow(
      cousinWorkflow,
      world.runnerOptions({
        event: { name: 'repository_dispatch', payload: dispatchPayload(COUSIN, sent!.event_type, sent!.client_payload as Record<string, unknown>) },
        github: { repository: COUSIN, sha: cousinHead, ref: 'refs/heads/main' },
        secrets: {
          ECOSYSTEM_TOKEN: world.sim.createToken({ login: 'sync-bot', repos: [COUSIN, 'acme/monorepo'], permissions: 'write' }),
          GITHUB_TOKEN: world.sim.createToken({ login: 'github-actions', repos: [COUSIN], permissions: 'read' }),
        },
        workflowRepositories: { [PROJECT_REPO]: REPOSITORY_ROOT },
      }),
    );
    expect(run.result, failureLog(run)).toBe('success');
    const pulls = world.sim.pulls(COUSIN);
    expect(pulls).toHaveLength(1);
    const cousin = await world.clone(COUSIN);
    await cousin.run(['fetch', '--quiet', 'origin', pulls[0]!.head]);
    expect(await cousin.output(['show', 'FETCH_HEAD:app/push/app/push.py'])).toBe('def push():\n    return "v2"\n');
    expect(await cousin.output(['log', '-1', '--format=%B', 'FETCH_HEAD'])).toContain('Upstream-Feature: features/webpush/flask');
  });

  it('the generated workflow names that type in its on: block', async () => {
    const text = await readFile(cousinWorkflow, 'utf8');
    expect(text).toContain('types: [mono-sync]');
  });
});
