import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../index.js';
import { octokit, simWithRepo, statusOf } from '../test-support/sim.js';
import { listensToDispatch } from '../workflow-runs.js';

const SYNC_WORKFLOW = 'name: Sync upstream\non:\n  repository_dispatch:\n    types: [feature-update]\n  workflow_dispatch:\njobs:\n  sync:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';

let sim: Sim;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ sim, close } = await simWithRepo({ 'README.md': '# hi\n', '.github/workflows/sync.yml': SYNC_WORKFLOW, '.github/workflows/ci.yml': 'on: push\njobs: {}\n' }));
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await close();
});

describe('a repository_dispatch starts a run of each default-branch workflow that listens to its type', () => {
  it('lists the run queued, then completed with the conclusion the runner reports, filtered by event', async () => {
    const token = sim.createToken({ login: 'dispatcher', repos: ['acme/widgets'] });
    const seen: number[][] = [];
    sim.onDispatch((dispatch) => void seen.push(dispatch.runIds ?? []));
    await octokit(sim, token).rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'feature-update' });
    await sim.idle();
    const [run] = sim.workflowRuns('acme/widgets');
    expect(seen).toEqual([[run!.id]]);
    const list = async (event: string) => (await octokit(sim, token).rest.actions.listWorkflowRunsForRepo({ owner: 'acme', repo: 'widgets', event, per_page: 1 })).data;
    expect(await list('repository_dispatch')).toMatchObject({ total_count: 1, workflow_runs: [{ id: run!.id, name: 'Sync upstream', path: '.github/workflows/sync.yml', status: 'queued', conclusion: null, head_branch: 'main' }] });
    expect((await list('push')).total_count).toBe(0);
    sim.finishRun('acme/widgets', run!.id, 'failure');
    expect((await list('repository_dispatch')).workflow_runs[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('starts no run when no workflow listens to the event type: the 204 leads nowhere', async () => {
    await octokit(sim, sim.adminToken).rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'mono-sync' });
    await sim.idle();
    expect(sim.dispatches('acme/widgets')[0]!.runIds).toEqual([]);
    expect(sim.workflowRuns('acme/widgets')).toEqual([]);
  });

  it('needs Actions read on the repository', async () => {
    const token = sim.createToken({ login: 'reader', repos: ['acme/widgets'], permissions: { contents: 'read' } });
    expect(await statusOf(octokit(sim, token).rest.actions.listWorkflowRunsForRepo({ owner: 'acme', repo: 'widgets' }))).toBe(403);
  });
});

describe('listensToDispatch reads every form of on:', () => {
  it.each([
    ['on: repository_dispatch', true],
    ['on: [push, repository_dispatch]', true],
    ['on:\n  repository_dispatch:', true],
    ['on:\n  repository_dispatch:\n    types: feature-update', true],
    ['on:\n  repository_dispatch:\n    types: [other]', false],
    ['on: push', false],
    ['on: [', false],
  ])('%j → %s', (text, expected) => {
    expect(listensToDispatch(text, 'feature-update')).toBe(expected);
  });
});

describe('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', () => {
  it('lists one level, or every path with recursive, for a branch name or a SHA', async () => {
    const client = octokit(sim, sim.adminToken);
    const top = (await client.rest.git.getTree({ owner: 'acme', repo: 'widgets', tree_sha: 'main' })).data;
    expect(top.tree.map((e) => e.path).sort()).toEqual(['.github', 'README.md']);
    const all = (await client.rest.git.getTree({ owner: 'acme', repo: 'widgets', tree_sha: top.sha, recursive: 'true' })).data;
    expect(all.truncated).toBe(false);
    expect(all.tree.filter((e) => e.type === 'blob').map((e) => e.path).sort()).toEqual(['.github/workflows/ci.yml', '.github/workflows/sync.yml', 'README.md']);
    expect(await statusOf(client.rest.git.getTree({ owner: 'acme', repo: 'widgets', tree_sha: 'nope' }))).toBe(404);
  });
});
