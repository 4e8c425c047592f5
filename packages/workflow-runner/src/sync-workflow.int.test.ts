import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildPayload, PROJECT_REPO } from '@ecosystem-dispatcher/core';
import { checkAnswers, renderSubscriptions, renderWorkflow } from 'create-cousin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedAppToken, runWorkflow } from './index.js';
import type { RunnerOptions, WorkflowRun } from './index.js';
import { createWorld, dispatchPayload, pullClosedPayload, REPOSITORY_ROOT } from './test-support/shipped-workflow-world.js';
import type { World } from './test-support/shipped-workflow-world.js';

const COUSIN = 'acme/flask-push-app';
const FEATURE = 'features/webpush/flask';

let world: World;
let syncWorkflow: string;
let upstreamHead: string;
let cousinHead: string;
let token: string;

beforeAll(async () => {
  world = await createWorld();
  await world.sim.createRepo('acme/monorepo', { fromDir: path.join(REPOSITORY_ROOT, 'examples/monorepo') });
  upstreamHead = (await (await world.clone('acme/monorepo')).output(['rev-parse', 'HEAD'])).trim();

  // The cousin as create-cousin writes it: the generated workflow and subscriptions.json.
  const answers = checkAnswers({
    dir: path.join(world.scratch, 'cousin'),
    upstream: 'acme/monorepo',
    subscribe: [`${FEATURE}:app/push`],
    method: undefined,
    labels: undefined,
    repo: COUSIN,
    standalone: false,
    ref: undefined,
  });
  const cousinDir = path.join(world.scratch, 'cousin');
  await mkdir(path.join(cousinDir, '.github', 'workflows'), { recursive: true });
  syncWorkflow = path.join(cousinDir, '.github', 'workflows', 'sync-upstream.yml');
  await writeFile(syncWorkflow, renderWorkflow(answers));
  await writeFile(path.join(cousinDir, 'subscriptions.json'), renderSubscriptions(answers));
  await writeFile(path.join(cousinDir, 'main.py'), 'print("cousin")\n');
  await world.sim.createRepo(COUSIN, { fromDir: cousinDir });
  cousinHead = (await (await world.clone(COUSIN)).output(['rev-parse', 'HEAD'])).trim();
  token = world.sim.createToken({ login: 'sync-bot', repos: [COUSIN, 'acme/monorepo'], permissions: 'write' });
});

afterAll(async () => {
  await world.close();
});

function options(clientPayload: Record<string, unknown>, extra: Partial<RunnerOptions> = {}): RunnerOptions {
  return world.runnerOptions({
    event: { name: 'repository_dispatch', payload: dispatchPayload(COUSIN, 'feature-update', clientPayload) },
    github: { repository: COUSIN, sha: cousinHead, ref: 'refs/heads/main' },
    secrets: { ECOSYSTEM_TOKEN: token, GITHUB_TOKEN: world.sim.createToken({ login: 'github-actions', repos: [COUSIN], permissions: 'read' }) },
    workflowRepositories: { [PROJECT_REPO]: REPOSITORY_ROOT },
    ...extra,
  });
}

function failureLog(run: WorkflowRun): string {
  const jobs = Object.values(run.jobs).flatMap((job) => [job, ...Object.values(job.called?.jobs ?? {})]);
  return jobs.flatMap((job) => job.steps).filter((step) => step.conclusion === 'failure').map((step) => `${step.name}: ${step.stderr}${step.stdout}`).join('\n');
}

describe('the generated sync-upstream.yml → cousin-sync.yml on a feature-update dispatch', () => {
  let run: WorkflowRun;

  beforeAll(async () => {
    const payload = buildPayload({ features: [FEATURE], files: [`${FEATURE}/app/push.py`], head: upstreamHead, sourceRepo: 'acme/monorepo', ref: 'refs/heads/main' }, 'feature-update');
    run = await runWorkflow(syncWorkflow, options({ ...payload }));
  });

  it('runs green through the reusable workflow of the pinned project ref', () => {
    expect(run.result, failureLog(run)).toBe('success');
    expect(Object.keys(run.jobs.sync?.called?.jobs ?? {})).toEqual(['sync', 'results', 'report-declined']);
    expect(JSON.parse(run.jobs.sync?.called?.outputs['pull-request-operation'] ?? '')).toEqual(['created']);
    expect(run.jobs.sync?.called?.jobs['report-declined']?.result).toBe('skipped');
  });

  it('opens one pull request on the cousin from the stable sync branch', () => {
    const pulls = world.sim.pulls(COUSIN);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ state: 'open', base: 'main' });
    expect(pulls[0]?.head).toMatch(/^ecosystem\/sync\//);
  });

  it('the pull request brings the feature into its mapped folder, with the Upstream-* trailers', async () => {
    const [pull] = world.sim.pulls(COUSIN);
    const cousin = await world.clone(COUSIN);
    await cousin.run(['fetch', '--quiet', 'origin', pull!.head]);
    const upstreamFile = await readFile(path.join(REPOSITORY_ROOT, 'examples/monorepo', FEATURE, 'app/push.py'), 'utf8');
    expect(await cousin.output(['show', 'FETCH_HEAD:app/push/app/push.py'])).toBe(upstreamFile);
    const message = await cousin.output(['log', '-1', '--format=%B', 'FETCH_HEAD']);
    expect(message).toContain(`Upstream-Commit: ${upstreamHead}`);
    expect(message).toContain('Upstream-Repo: acme/monorepo');
    expect(message).toContain(`Upstream-Feature: ${FEATURE}`);
  });

  it('the same dispatch again, authenticated as an App, leaves that single pull request', async () => {
    const payload = buildPayload({ features: [FEATURE], files: [`${FEATURE}/app/push.py`], head: upstreamHead, sourceRepo: 'acme/monorepo', ref: 'refs/heads/main' }, 'feature-update');
    // This time as a GitHub App: the token comes from create-github-app-token, not the secret.
    const again = await runWorkflow(
      syncWorkflow,
      options({ ...payload }, { secrets: { ECOSYSTEM_APP_ID: '1', ECOSYSTEM_APP_PRIVATE_KEY: 'test-key', GITHUB_TOKEN: token }, actions: { 'actions/create-github-app-token': fixedAppToken(token) } }),
    );
    expect(again.result, failureLog(again)).toBe('success');
    expect(world.sim.pulls(COUSIN)).toHaveLength(1);
  });
});

describe('the generated sync-upstream.yml → cousin-sync.yml when a sync pull request is closed unmerged', () => {
  it('reports it on the monorepo, in one issue for this cousin and feature', async () => {
    const [pull] = world.sim.pulls(COUSIN);
    const closed = await fetch(`${world.sim.url}/repos/${COUSIN}/pulls/${pull!.number}`, {
      method: 'PATCH',
      headers: { authorization: `token ${world.sim.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'closed' }),
    });
    expect(closed.status).toBe(200);
    const issuesBefore = world.sim.issues('acme/monorepo').length;
    const run = await runWorkflow(
      syncWorkflow,
      options({}, { event: { name: 'pull_request', payload: pullClosedPayload(COUSIN, { number: pull!.number, head: pull!.head, base: 'main', merged: false }) } }),
    );
    expect(run.result, failureLog(run)).toBe('success');
    expect(run.jobs.sync?.called?.jobs.sync?.result).toBe('skipped');
    expect(run.jobs.sync?.called?.jobs['report-declined']?.result).toBe('success');
    const issues = world.sim.issues('acme/monorepo');
    expect(issues).toHaveLength(issuesBefore + 1);
    expect(issues.at(-1)?.body ?? '').toContain(`${COUSIN}#${pull!.number}`);
  });
});

describe('a dispatch payload carrying shell metacharacters', () => {
  it('is data all the way: nothing runs, no pull request, the sync refuses the unknown feature', async () => {
    const marker = path.join(world.scratch, 'injected');
    const evil = [`${FEATURE}; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, `x\ntouch ${marker}`, `' && touch ${marker} #`];
    const pullsBefore = world.sim.pulls(COUSIN).length;
    const run = await runWorkflow(
      syncWorkflow,
      options({
        payload_version: 2,
        updated_feature: evil[0],
        updated_features: evil,
        commit_sha: upstreamHead,
        before_sha: null,
        source_repo: 'acme/monorepo',
        ref: `refs/heads/main$(touch ${marker})`,
        changed_files: evil,
        changed_files_total: evil.length,
      }),
    );
    expect(run.result).toBe('failure');
    const syncJob = run.jobs.sync?.called?.jobs.sync;
    const syncStep = syncJob?.steps.find((step) => step.name === 'Sync from upstream');
    expect(syncStep?.conclusion).toBe('failure');
    expect(`${syncStep?.stderr}${syncStep?.stdout}`).toMatch(/reject/i);
    expect(existsSync(marker)).toBe(false);
    expect(world.sim.pulls(COUSIN)).toHaveLength(pullsBefore);
  });
});
