import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../index.js';
import { octokit, quiet, simWithRepo, statusOf } from '../test-support/sim.js';

let sim: Sim;
let close: () => Promise<void>;
let token: string;
let sha: string;

beforeEach(async () => {
  ({ sim, close } = await simWithRepo());
  token = sim.createToken({ login: 'ci', repos: ['acme/widgets'] });
  sha = (await octokit(sim, token).rest.repos.getBranch({ owner: 'acme', repo: 'widgets', branch: 'main' })).data.commit.sha;
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await close();
});

describe('commit statuses', () => {
  it('sums the latest status of each context: pending without any, failure wins, then success', async () => {
    const client = octokit(sim, token);
    const combined = () => client.rest.repos.getCombinedStatusForRef({ owner: 'acme', repo: 'widgets', ref: 'main' });
    expect((await combined()).data).toMatchObject({ state: 'pending', total_count: 0, sha });
    const created = await client.rest.repos.createCommitStatus({ owner: 'acme', repo: 'widgets', sha, state: 'failure', context: 'ci/test', target_url: 'https://ci.example/1' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ state: 'failure', context: 'ci/test', creator: { login: 'ci' } });
    await client.rest.repos.createCommitStatus({ owner: 'acme', repo: 'widgets', sha, state: 'success', context: 'ci/lint' });
    expect((await combined()).data).toMatchObject({ state: 'failure', total_count: 2 });
    await client.rest.repos.createCommitStatus({ owner: 'acme', repo: 'widgets', sha, state: 'success', context: 'ci/test' });
    const latest = (await combined()).data;
    expect(latest).toMatchObject({ state: 'success', total_count: 2 });
    expect(latest.statuses.map((s) => `${s.context}=${s.state}`).sort()).toEqual(['ci/lint=success', 'ci/test=success']);
  });

  it('refuses an unknown commit (422) and a read-only token (403)', async () => {
    const client = octokit(sim, token);
    expect(await statusOf(client.rest.repos.createCommitStatus({ owner: 'acme', repo: 'widgets', sha: 'f'.repeat(40), state: 'success' }))).toBe(422);
    const reader = octokit(sim, sim.createToken({ login: 'reader', repos: ['acme/widgets'], permissions: 'read' }));
    expect(await statusOf(reader.rest.repos.createCommitStatus({ owner: 'acme', repo: 'widgets', sha, state: 'success' }))).toBe(403);
  });
});

describe('check runs', () => {
  it('are created by a GitHub App only and listed per commit, the newest of each name', async () => {
    expect(await statusOf(octokit(sim, token).rest.checks.create({ owner: 'acme', repo: 'widgets', name: 'build', head_sha: sha }))).toBe(403);
    const app = sim.createApp({ installations: [{ account: 'acme', repos: ['acme/widgets'], permissions: { contents: 'write' } }] });
    const installationId = app.installations[0]!.id;
    const bot = new Octokit({ baseUrl: sim.url, authStrategy: createAppAuth, auth: { appId: app.appId, privateKey: app.privateKey, installationId }, log: quiet });
    await bot.rest.checks.create({ owner: 'acme', repo: 'widgets', name: 'build', head_sha: sha, status: 'in_progress' });
    await bot.rest.checks.create({ owner: 'acme', repo: 'widgets', name: 'build', head_sha: sha, conclusion: 'failure' });
    await bot.rest.checks.create({ owner: 'acme', repo: 'widgets', name: 'test', head_sha: sha, conclusion: 'success' });
    const listed = await octokit(sim, token).rest.checks.listForRef({ owner: 'acme', repo: 'widgets', ref: sha });
    expect(listed.data.total_count).toBe(2);
    expect(listed.data.check_runs.map((run) => `${run.name}=${run.status}/${run.conclusion}`).sort()).toEqual(['build=completed/failure', 'test=completed/success']);
    const all = await octokit(sim, token).rest.checks.listForRef({ owner: 'acme', repo: 'widgets', ref: sha, filter: 'all' });
    expect(all.data.total_count).toBe(3);
    expect(await statusOf(bot.rest.checks.create({ owner: 'acme', repo: 'widgets', name: 'x', head_sha: sha, status: 'completed' }))).toBe(422);
  });
});
