/**
 * cousin-sync.yml's outputs for a dispatch of several features: one matrix job per
 * feature, each keeping its result as an artifact, and the results job merging them into
 * JSON lists (a matrix job's own outputs would hold only the last job's values).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildPayload } from '@ecosystem-dispatcher/core';
import { checkAnswers, renderSubscriptions } from 'create-cousin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflow } from './index.js';
import type { WorkflowRun } from './index.js';
import { createWorld, dispatchPayload, workflowFile, writeAndCommit } from './test-support/shipped-workflow-world.js';
import type { World } from './test-support/shipped-workflow-world.js';

const MONOREPO = 'acme/mono';
const COUSIN = 'acme/two-features';
const [A, B] = ['features/a', 'features/b'];
const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');

let world: World;
let upstream: Awaited<ReturnType<World['clone']>>;
let token: string;

beforeAll(async () => {
  world = await createWorld();
  const mono = path.join(world.scratch, 'mono');
  await mkdir(path.join(mono, A), { recursive: true });
  await mkdir(path.join(mono, B), { recursive: true });
  await writeFile(path.join(mono, 'ecosystem.json'), JSON.stringify({ cousins: [{ repo: COUSIN, subscriptions: [A, B] }] }, null, 2));
  await writeFile(path.join(mono, A, 'main.py'), lines(3));
  await writeFile(path.join(mono, B, 'main.py'), lines(3));
  await world.sim.createRepo(MONOREPO, { fromDir: mono });
  upstream = await world.clone(MONOREPO);
  const base = (await upstream.output(['rev-parse', 'HEAD'])).trim();

  // A cousin that synced both features at `base` already: same files, the trailers of a sync.
  const answers = checkAnswers({
    dir: path.join(world.scratch, 'cousin'), upstream: MONOREPO, subscribe: [`${A}:app/a`, `${B}:app/b`],
    method: undefined, labels: undefined, repo: COUSIN, standalone: false, ref: undefined,
  });
  const cousinDir = path.join(world.scratch, 'cousin');
  await mkdir(path.join(cousinDir, 'app', 'a'), { recursive: true });
  await mkdir(path.join(cousinDir, 'app', 'b'), { recursive: true });
  await writeFile(path.join(cousinDir, 'subscriptions.json'), renderSubscriptions(answers));
  await writeFile(path.join(cousinDir, 'app', 'a', 'main.py'), lines(3));
  await writeFile(path.join(cousinDir, 'app', 'b', 'main.py'), lines(3));
  await world.sim.createRepo(COUSIN, { fromDir: cousinDir });
  const cousin = await world.clone(COUSIN);
  for (const feature of [A, B]) {
    await cousin.run(['commit', '--quiet', '--allow-empty', '-m', 'Earlier sync', '--trailer', `Upstream-Repo: ${MONOREPO}`, '--trailer', `Upstream-Commit: ${base}`, '--trailer', `Upstream-Feature: ${feature}`]);
  }
  await cousin.run(['push', '--quiet', 'origin', 'HEAD:main']);
  token = world.sim.createToken({ login: 'sync-bot', repos: [COUSIN, MONOREPO], permissions: 'write' });
});

afterAll(async () => {
  await world.close();
});

/** Commits upstream, then runs cousin-sync.yml for a dispatch naming `features`. */
async function dispatch(files: Record<string, string>, features: string[]): Promise<WorkflowRun> {
  const head = await writeAndCommit(upstream, files, 'Upstream change');
  await upstream.run(['push', '--quiet', 'origin', 'HEAD:main']);
  const payload = buildPayload({ features, files: Object.keys(files), head, sourceRepo: MONOREPO, ref: 'refs/heads/main' }, 'feature-update');
  const cousinHead = (await (await world.clone(COUSIN)).output(['rev-parse', 'HEAD'])).trim();
  const run = await runWorkflow(
    workflowFile('cousin-sync.yml'),
    world.runnerOptions({
      event: { name: 'repository_dispatch', payload: dispatchPayload(COUSIN, 'feature-update', { ...payload }) },
      github: { repository: COUSIN, sha: cousinHead, ref: 'refs/heads/main' },
      secrets: { token, GITHUB_TOKEN: world.sim.createToken({ login: 'github-actions', repos: [COUSIN], permissions: 'read' }) },
    }),
  );
  const failed = Object.values(run.jobs).flatMap((job) => job.steps).filter((step) => step.conclusion === 'failure');
  expect(run.result, failed.map((step) => `${step.name}: ${step.stderr}${step.stdout}`).join('\n')).toBe('success');
  return run;
}

const listed = (run: WorkflowRun) => ({
  features: JSON.parse(run.outputs.features!) as string[],
  numbers: JSON.parse(run.outputs['pull-request-number']!) as (number | null)[],
  urls: JSON.parse(run.outputs['pull-request-url']!) as (string | null)[],
  operations: JSON.parse(run.outputs['pull-request-operation']!) as string[],
});

describe('cousin-sync.yml outputs for a dispatch of two features', () => {
  let first: ReturnType<typeof listed>;

  it('runs one sync job per feature, then the results job', async () => {
    const run = await dispatch({ [`${A}/main.py`]: lines(4), [`${B}/main.py`]: lines(4) }, [A, B]);
    expect(run.jobs.sync?.legs?.map((leg) => leg.result)).toEqual(['success', 'success']);
    expect(run.jobs.results?.result).toBe('success');
    first = listed(run);
  });

  it('lists both pull requests as created, in the order of features', () => {
    const pulls = world.sim.pulls(COUSIN);
    expect(first.features).toEqual([A, B]);
    expect(first.operations).toEqual(['created', 'created']);
    expect(first.numbers).toEqual([A, B].map((feature) => pulls.find((pull) => pull.title.includes(feature))!.number));
    expect(first.urls).toEqual(first.numbers.map((n) => expect.stringMatching(new RegExp(`/${COUSIN}/pull/${n}$`))));
  });

  it('a second dispatch that changes only one: updated, and none for the other (its open pull request still named)', async () => {
    const second = listed(await dispatch({ [`${A}/main.py`]: lines(5) }, [A, B]));
    expect(second).toEqual({ features: [A, B], numbers: first.numbers, urls: first.urls, operations: ['updated', 'none'] });
  });

  it('a revert that leaves nothing to bring in: closed, with the closed pull request', async () => {
    const third = listed(await dispatch({ [`${A}/main.py`]: lines(3) }, [A]));
    expect(third).toEqual({ features: [A], numbers: [first.numbers[0]], urls: [first.urls[0]], operations: ['closed'] });
    expect(world.sim.pulls(COUSIN).find((pull) => pull.number === first.numbers[0])?.state).toBe('closed');
  });
});
