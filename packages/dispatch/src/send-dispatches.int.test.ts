import { GitHubError } from '@ecosystem-dispatcher/core';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchResult } from './report.js';
import { sendDispatches } from './send-dispatches.js';
import { dispatchPosts, planned, planOf, simClient, simWithRepos } from './test-support/sim.js';

let sim: Sim | undefined;

afterEach(async () => {
  expect(sim?.contractViolations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

describe('sendDispatches with mixed outcomes', () => {
  it('delivers what it can and explains each failure without stopping', async () => {
    const started = await simWithRepos(['acme/ok-1', 'acme/ok-2', 'acme/flaky', 'acme/oversized']);
    sim = started.sim;
    await sim.createRepo('other/hidden', { private: true });
    await sim.createRepo('other/public');
    sim.setFaults({ rate: 1, kinds: [502], path: /^\/repos\/acme\/flaky\/dispatches$/ });
    // A hand-made plan entry whose body breaks GitHub's 64 KB limit (core's planner never makes one).
    const oversized = planned('acme/oversized');
    oversized.payload.changed_files = Array.from({ length: 3000 }, (_, i) => `features/webpush/flask/generated/file-${i}.py`);
    const plan = planOf([planned('acme/ok-1'), planned('acme/missing'), planned('other/hidden'), planned('acme/flaky'), oversized, planned('other/public'), planned('acme/ok-2')]);
    const progress: [number, number, string][] = [];
    const octokit = simClient(sim, started.token);
    const report = await sendDispatches(plan, { octokitFor: () => octokit, onProgress: (done, total, r) => progress.push([done, total, r.status]) });

    const byRepo = Object.fromEntries(report.results.map((r) => [r.repo, r]));
    expect(byRepo['acme/ok-1']).toMatchObject({ status: 'delivered', attempts: 1, httpStatus: 204 });
    expect(byRepo['acme/ok-2']).toMatchObject({ status: 'delivered', attempts: 1, httpStatus: 204 });
    for (const repo of ['acme/missing', 'other/hidden']) {
      expect(byRepo[repo]).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 404, reason: "the repository does not exist or the token cannot see it — check the token's repository access" });
    }
    // A public repository is visible to every token: GitHub answers 403, not 404.
    expect(byRepo['other/public']).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 403, reason: expect.stringMatching(/may not do this .*Contents: read and write/) });
    expect(byRepo['acme/flaky']).toMatchObject({ status: 'failed', attempts: 4, httpStatus: 502, reason: expect.stringMatching(/HTTP 502 after 4 attempts/) });
    expect(byRepo['acme/oversized']).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 422, reason: expect.stringMatching(/invalid \(422\).*64 KB/) });
    expect(report.counts).toEqual({ total: 7, delivered: 2, failed: 5, skipped: 0, pending: 0 });
    expect(report.results.map((r) => r.repo)).toEqual(plan.dispatches.map((d) => d.repo));
    expect(progress.map(([done, total]) => `${done}/${total}`)).toEqual(['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7']);
    expect(progress.map(([, , status]) => status)).toEqual(report.results.map((r) => r.status));
    expect(report.requests).toBe(dispatchPosts(sim).length);
    expect(sim.dispatches().map((d) => d.repo)).toEqual(['acme/ok-1', 'acme/ok-2']);
  });

  it('sends each planned payload unchanged, with its event type', async () => {
    const started = await simWithRepos(['acme/one', 'acme/legacy']);
    sim = started.sim;
    const plan = planOf([planned('acme/one', ['features/a', 'features/b'], ['features/a/x', 'features/b/y']), planned('acme/legacy', ['features/a'], ['features/a/x'], 'webpush-update')]);
    await sendDispatches(plan, { octokitFor: () => simClient(started.sim, started.token) });
    expect(sim.dispatches().map((d) => ({ repo: d.repo, event_type: d.event_type, client_payload: d.client_payload }))).toEqual(
      plan.dispatches.map((d) => ({ repo: d.repo, event_type: d.eventType, client_payload: d.payload })),
    );
  });
});

describe('sendDispatches skips what it was told not to send', () => {
  it('reports disabled cousins, cousins outside --only and names --only entries the plan lacks', async () => {
    const started = await simWithRepos(['acme/one', 'acme/two']);
    sim = started.sim;
    const plan = planOf([planned('acme/one'), planned('acme/two')], [{ repo: 'acme/paused', features: ['features/a'], reason: 'disabled' }]);
    const report = await sendDispatches(plan, { octokitFor: () => simClient(started.sim, started.token), only: ['ACME/Two', 'acme/typo'] });
    expect(report.results.map((r) => [r.repo, r.status, r.reason ?? ''])).toEqual([
      ['acme/one', 'skipped', 'not in --only'],
      ['acme/two', 'delivered', ''],
      ['acme/paused', 'skipped', 'disabled in ecosystem.json'],
    ]);
    expect(report.unknownOnly).toEqual(['acme/typo']);
    expect(sim.dispatches().map((d) => d.repo)).toEqual(['acme/two']);
  });

  it('sends nothing in a dry run and asks for no client', async () => {
    const plan = planOf([planned('acme/one'), planned('acme/two')]);
    const report = await sendDispatches(plan, { octokitFor: () => { throw new Error('a dry run needs no client'); }, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.results.every((r: DispatchResult) => r.status === 'skipped' && r.reason === 'dry run' && r.attempts === 0)).toBe(true);
    expect(report.counts).toEqual({ total: 2, delivered: 0, failed: 0, skipped: 2, pending: 0 });
  });

  it('turns a client that cannot be had (App not installed) into that cousin failure', async () => {
    const started = await simWithRepos(['acme/one']);
    sim = started.sim;
    const octokit = simClient(started.sim, started.token);
    const report = await sendDispatches(planOf([planned('elsewhere/x'), planned('acme/one')]), {
      octokitFor: (repo) => (repo.startsWith('elsewhere/') ? Promise.reject(new GitHubError('elsewhere/x: the GitHub App 1 is not installed on elsewhere', 404)) : octokit),
    });
    expect(report.results.map((r) => [r.repo, r.status, r.attempts])).toEqual([['elsewhere/x', 'failed', 0], ['acme/one', 'delivered', 1]]);
    expect(report.results[0]!.reason).toBe('the GitHub App 1 is not installed on elsewhere');
  });
});
