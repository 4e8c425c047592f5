import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_REPO } from '@ecosystem-dispatcher/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listensTo, loadWorkflow, runWorkflow } from './index.js';
import type { WorkflowRun } from './index.js';
import { createWorld, dispatchPayload, pushPayload, REPOSITORY_ROOT, workflowFile, writeAndCommit } from './test-support/shipped-workflow-world.js';
import type { World } from './test-support/shipped-workflow-world.js';

/**
 * examples/monorepo with every cousin of examples/cousins, as committed: a push touching
 * every feature goes through the monorepo's dispatch workflow, and each dispatch through
 * the receiving cousin's own workflow file, to its pull requests.
 */
const EXAMPLES = path.join(REPOSITORY_ROOT, 'examples');
const COUSINS: Record<string, { folder: string; pulls: string[] }> = {
  'acme/flask-push-app': { folder: 'flask-push-app', pulls: ['features/webpush/flask'] },
  'acme/react-push-app': { folder: 'react-push-app', pulls: ['features/webpush/react'] },
  'acme/pwa-starter': { folder: 'pwa-starter', pulls: ['features/pwa/vanilla'] },
  // Its ecosystem.json entry is the glob features/*/flask/** and a folder, batch: false.
  'acme/flask-suite': { folder: 'flask-suite', pulls: ['features/cms/supabase/flask-implementation', 'features/webpush/flask'] },
};
const CHANGES = {
  'features/webpush/flask/app/push.py': 'def push():\n    return "v2"\n',
  'features/webpush/react/src/usePush.ts': 'export const usePush = () => "v2";\n',
  'features/pwa/vanilla/sw.js': '// v2\n',
  'features/cms/supabase/flask-implementation/cms.py': 'VERSION = 2\n',
};

let world: World;
let dispatchRun: WorkflowRun;
const cousinRuns = new Map<string, WorkflowRun[]>();

function failureLog(run: WorkflowRun): string {
  const jobs = Object.values(run.jobs).flatMap((job) => [job, ...Object.values(job.called?.jobs ?? {})]);
  return jobs.flatMap((job) => job.steps).filter((step) => step.conclusion === 'failure').map((step) => `${step.name}: ${step.stderr}${step.stdout}`).join('\n');
}

beforeAll(async () => {
  world = await createWorld();
  await world.sim.createRepo('acme/monorepo', { fromDir: path.join(EXAMPLES, 'monorepo') });
  for (const [repo, { folder }] of Object.entries(COUSINS)) await world.sim.createRepo(repo, { fromDir: path.join(EXAMPLES, 'cousins', folder) });
  const monorepo = await world.clone('acme/monorepo');
  const before = (await monorepo.output(['rev-parse', 'HEAD'])).trim();
  const after = await writeAndCommit(monorepo, CHANGES, 'every feature: v2');
  await monorepo.run(['push', '--quiet', 'origin', 'main']);
  dispatchRun = await runWorkflow(
    workflowFile('dispatch-updates.yml'),
    world.runnerOptions({
      event: { name: 'push', payload: pushPayload('acme/monorepo', before, after) },
      github: { repository: 'acme/monorepo', sha: after, ref: 'refs/heads/main' },
      secrets: { ECOSYSTEM_TOKEN: world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' }), GITHUB_TOKEN: world.sim.createToken({ login: 'github-actions', repos: ['acme/monorepo'], permissions: { contents: 'write' } }) },
    }),
  );
  const syncToken = world.sim.createToken({ login: 'sync-bot', repos: [...Object.keys(COUSINS), 'acme/monorepo'], permissions: 'write' });
  for (const [repo, { folder }] of Object.entries(COUSINS)) {
    const file = path.join(EXAMPLES, 'cousins', folder, '.github/workflows/sync-upstream.yml');
    const workflow = await loadWorkflow(file);
    const head = (await (await world.clone(repo)).output(['rev-parse', 'HEAD'])).trim();
    const runs: WorkflowRun[] = [];
    // As GitHub would: only a workflow that listens to the dispatch's type runs at all.
    for (const sent of world.sim.dispatches(repo).filter((d) => listensTo(workflow, 'repository_dispatch', d.event_type))) {
      runs.push(
        await runWorkflow(
          file,
          world.runnerOptions({
            event: { name: 'repository_dispatch', payload: dispatchPayload(repo, sent.event_type, sent.client_payload as Record<string, unknown>) },
            github: { repository: repo, sha: head, ref: 'refs/heads/main' },
            secrets: { ECOSYSTEM_TOKEN: syncToken, GITHUB_TOKEN: world.sim.createToken({ login: 'github-actions', repos: [repo], permissions: 'read' }) },
            workflowRepositories: { [PROJECT_REPO]: REPOSITORY_ROOT },
          }),
        ),
      );
    }
    cousinRuns.set(repo, runs);
  }
}, 600_000);

afterAll(async () => {
  await world.close();
});

describe('examples/monorepo and every cousin of examples/cousins, end to end', () => {
  it('the dispatch workflow runs green and notifies every cousin with concrete features only', () => {
    expect(dispatchRun.result, failureLog(dispatchRun)).toBe('success');
    for (const repo of Object.keys(COUSINS)) {
      for (const sent of world.sim.dispatches(repo)) expect(JSON.stringify(sent.client_payload.updated_features)).not.toMatch(/[*?{]/);
    }
  });

  it.each(Object.entries(COUSINS))('%s runs its own workflow for every dispatch it got, and gets one pull request per feature', async (repo, { pulls }) => {
    const runs = cousinRuns.get(repo) ?? [];
    expect(runs.length).toBe(world.sim.dispatches(repo).length);
    for (const run of runs) expect(run.result, failureLog(run)).toBe('success');
    const opened = world.sim.pulls(repo);
    expect(opened).toHaveLength(pulls.length);
    const features: string[] = [];
    const cousin = await world.clone(repo);
    for (const pull of opened) {
      await cousin.run(['fetch', '--quiet', 'origin', pull.head]);
      const message = await cousin.output(['log', '-1', '--format=%B', 'FETCH_HEAD']);
      features.push(/Upstream-Feature: (.*)/.exec(message)?.[1] ?? '');
    }
    expect(features.sort()).toEqual(pulls);
  });

  it('covers every example cousin', async () => {
    const answers = JSON.parse(await readFile(path.join(EXAMPLES, 'cousins/answers.json'), 'utf8')) as Record<string, string[]>;
    expect(Object.keys(answers).sort()).toEqual(Object.values(COUSINS).map((c) => c.folder).sort());
  });
});
