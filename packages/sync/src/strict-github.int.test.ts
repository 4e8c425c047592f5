import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { Scratch, numberedLines as lines } from './test-support/repos.js';
import { simFixture } from './test-support/sim-fixture.js';

// What GitHub refuses on the way to a sync PR, against github-sim's GitHub-strict defaults.
let sim: Sim;
let scratch: Scratch;
beforeAll(async () => {
  sim = await startSim();
  scratch = await Scratch.create();
});
afterAll(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
  await scratch.remove();
});


describe('a sync against what GitHub refuses', () => {
  it('turns a 422 on reviewers (not a collaborator) and on assignees into warnings in the run and the PR body', async () => {
    const config = { subscriptions: { 'features/a': 'app/a' }, pullRequest: { reviewers: ['stranger'], assignees: ['nobody'] } };
    const f = await simFixture(sim, scratch, 'reviewers', { 'features/a/main.py': lines(3) }, {}, config);
    const result = await f.sync(await f.upstream.head());
    expect(result.features[0]).toMatchObject({ status: 'proposed' });
    const pull = sim.pulls(f.cousinName)[0]!;
    expect(pull.requestedReviewers).toEqual([]);
    expect(pull.body).toMatch(/^> \[!WARNING\]\n> Could not request reviews from @stranger: Reviews may only be requested from collaborators/);
    expect(pull.body).toContain('> Could not assign @nobody: GitHub only assigns collaborators');
    expect(result.log.filter((line) => line.startsWith('warning: features/a:'))).toHaveLength(2);
  });

  it('opens a normal PR labelled conflict when the private repository\'s plan has no drafts', async () => {
    const config = { subscriptions: { 'features/a': 'app/a' }, pullRequest: { draftOnConflict: true } };
    const f = await simFixture(sim, scratch, 'nodrafts', { 'features/a/main.py': lines(4) }, { 'app/a/main.py': lines(4).replace('line 2\n', 'cousin 2\n') }, config, { private: true });
    const base = await f.upstream.head();
    await f.cousin.git.run(['commit', '--quiet', '--allow-empty', '-m', 'Earlier sync', '--trailer', `Upstream-Repo: ${f.upstreamName}`, '--trailer', `Upstream-Commit: ${base}`, '--trailer', 'Upstream-Feature: features/a']);
    await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
    await f.upstream.commit({ 'features/a/main.py': lines(4).replace('line 2\n', 'upstream 2\n') });
    const result = await f.sync(await f.publish());
    expect(result.features[0]).toMatchObject({ status: 'proposed' });
    const pull = sim.pulls(f.cousinName)[0]!;
    expect(pull.labels).toContain('conflict');
    const { data } = await f.octokit.rest.pulls.get({ owner: 'acme', repo: 'nodrafts-cousin', pull_number: pull.number });
    expect(data.draft).toBe(false);
    expect(pull.body).toContain('GitHub refused a draft pull request here');
  });
});
