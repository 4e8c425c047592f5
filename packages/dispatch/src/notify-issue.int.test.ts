import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTIFY_LABEL, notifyIssue } from './notify-issue.js';
import { delivered, failed, reportOf } from './test-support/reports.js';
import { simClient, simWithRepos } from './test-support/sim.js';

const MONOREPO = 'acme/monorepo';
let sim: Sim;
let token: string;

beforeEach(async () => {
  ({ sim, token } = await simWithRepos([MONOREPO]));
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
});

const runLink = (id: number) => `https://github.com/${MONOREPO}/actions/runs/${id}`;

describe('notifyIssue keeps one issue for failed dispatches', () => {
  it('creates it once, updates it on the next failing run and closes it when all are delivered', async () => {
    const octokit = simClient(sim, token);
    const first = await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([delivered('acme/a'), failed('acme/b')]), runLink: runLink(1) });
    expect(first).toMatchObject({ action: 'created', number: 1 });
    let [issue] = sim.issues(MONOREPO);
    expect(issue).toMatchObject({ state: 'open', labels: [NOTIFY_LABEL], user: 'dispatcher' });
    expect(issue!.body).toContain('acme/b');
    expect(issue!.body).toContain(runLink(1));

    const second = await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([failed('acme/c'), failed('acme/d')]), runLink: runLink(2) });
    expect(second).toEqual({ action: 'updated', number: 1, url: first.action === 'created' ? first.url : '' });
    expect(sim.issues(MONOREPO)).toHaveLength(1);
    [issue] = sim.issues(MONOREPO);
    expect(issue!.body).toContain('acme/c');
    expect(issue!.body).not.toContain('acme/b');
    expect(issue!.comments.map((c) => c.body)).toEqual([`Run ${runLink(2)} failed for 2 cousin(s): \`acme/c\`, \`acme/d\`.`]);

    const third = await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([delivered('acme/c'), delivered('acme/d')]), runLink: runLink(3) });
    expect(third).toMatchObject({ action: 'closed', number: 1 });
    [issue] = sim.issues(MONOREPO);
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(issue!.comments.at(-1)!.body).toBe(`Run ${runLink(3)} delivered to every cousin (2). Closing.`);

    // A later failure opens a fresh issue rather than reopening history.
    expect(await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([failed('acme/e')]), runLink: runLink(4) })).toMatchObject({ action: 'created', number: 2 });
    expect(sim.issues(MONOREPO).map((i) => [i.number, i.state])).toEqual([[1, 'closed'], [2, 'open']]);
  });

  it('fits the issue and its comment in GitHub\'s 65,536 characters when 1,000 cousins failed', async () => {
    const octokit = simClient(sim, token);
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...failed(`acme/cousin-with-a-rather-long-name-${i}`), reason: `HTTP 502 from GitHub: ${'bad gateway, '.repeat(8)}` }));
    await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf(many), runLink: runLink(1) });
    await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf(many), runLink: runLink(2) });
    const [issue] = sim.issues(MONOREPO);
    expect(issue!.body!.length).toBeLessThanOrEqual(65_536);
    expect(issue!.body).toMatch(new RegExp(`\\| … and \\d+ more \\| \\| \\| \\| full table in the \\[run summary\\]\\(${runLink(2).replace(/[/.]/g, '\\$&')}\\) \\|`));
    expect(issue!.comments[0]!.body).toMatch(/failed for 1000 cousin\(s\): .* … and 700 more \(full list: https:/);
  });

  it('creates the label when the monorepo lacks it and reuses it afterwards', async () => {
    const octokit = simClient(sim, token);
    await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([failed('acme/b')]), runLink: null });
    const labelPosts = () => sim.requests().filter((r) => r.method === 'POST' && r.path === `/repos/${MONOREPO}/labels`);
    expect(labelPosts()).toHaveLength(1);
  });

  it('leaves alone an issue that people labelled, and issues opened by another login', async () => {
    const human = sim.createToken({ login: 'maintainer', repos: [MONOREPO] });
    const octokit = simClient(sim, token);
    await simClient(sim, human).request('POST /repos/{owner}/{repo}/issues', { owner: 'acme', repo: 'monorepo', title: 'discussion', body: 'about dispatch', labels: [NOTIFY_LABEL] });
    await notifyIssue({ octokit: simClient(sim, human), monorepo: MONOREPO, report: reportOf([failed('acme/x')]), runLink: null });
    const outcome = await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([failed('acme/b')]), runLink: null });
    expect(outcome).toMatchObject({ action: 'created', number: 3 });
    await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([delivered('acme/b')]), runLink: null });
    expect(sim.issues(MONOREPO).map((i) => [i.number, i.user, i.state])).toEqual([[1, 'maintainer', 'open'], [2, 'maintainer', 'open'], [3, 'dispatcher', 'closed']]);
  });

  it('does nothing on a dry run, or when all is well and no issue is open', async () => {
    const octokit = simClient(sim, token);
    expect(await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([failed('acme/b')], true), runLink: null })).toEqual({ action: 'none' });
    expect(await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([delivered('acme/b')]), runLink: null })).toEqual({ action: 'none' });
    expect(sim.issues(MONOREPO)).toEqual([]);
  });
});

describe('notifyIssue with a GitHub App', () => {
  it('finds its own issue by the bot login (installation tokens cannot call GET /user)', async () => {
    const { RepoClients } = await import('@ecosystem-dispatcher/github');
    const app = sim.createApp({ installations: [{ account: 'acme', repos: '*' }] });
    const clients = new RepoClients({ kind: 'app', appId: String(app.appId), privateKey: app.privateKey }, { baseUrl: sim.url, throttle: { secondMs: 2 } });
    const octokit = await clients.forRepo(MONOREPO);
    const login = await clients.actorLogin();
    await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([failed('acme/b')]), runLink: null, login });
    expect(await notifyIssue({ octokit, monorepo: MONOREPO, report: reportOf([failed('acme/c')]), runLink: null, login })).toMatchObject({ action: 'updated', number: 1 });
    expect(sim.issues(MONOREPO).map((i) => i.user)).toEqual([`${app.slug}[bot]`]);
  });
});
