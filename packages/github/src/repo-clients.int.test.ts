import { GitHubError } from '@ecosystem-dispatcher/core';
import { startSim, type Sim, type SimApp } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepoClients } from './repo-clients.js';
import { dispatchTo, silentLog } from './test-support/sim.js';

let sim: Sim;
let app: SimApp;

beforeEach(async () => {
  sim = await startSim();
  for (const repo of ['acme/one', 'acme/two', 'beta/one', 'beta/two', 'gamma/x']) await sim.createRepo(repo, { private: true });
  app = sim.createApp({ installations: [{ account: 'acme', repos: '*' }, { account: 'beta', repos: ['beta/one'] }] });
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
});

function appClients(onSecret?: (secret: string) => void): RepoClients {
  return new RepoClients({ kind: 'app', appId: String(app.appId), privateKey: app.privateKey }, { baseUrl: sim.url, log: silentLog, throttle: { secondMs: 2 }, ...(onSecret ? { onSecret } : {}) });
}

const tokenRequests = () => sim.requests().filter((r) => /^\/app\/installations\/\d+\/access_tokens$/.test(r.path));
const lookups = () => sim.requests().filter((r) => r.path.endsWith('/installation'));

describe('RepoClients with a GitHub App', () => {
  it('uses one installation token per owner and hands each to onSecret', async () => {
    const secrets: string[] = [];
    const clients = appClients((s) => secrets.push(s));
    for (const repo of ['acme/one', 'acme/two', 'beta/one', 'acme/one']) await dispatchTo(await clients.forRepo(repo), repo);
    expect(sim.dispatches().map((d) => d.repo)).toEqual(['acme/one', 'acme/two', 'beta/one', 'acme/one']);
    expect(tokenRequests()).toHaveLength(2);
    expect(lookups().map((r) => r.path)).toEqual(['/repos/acme/one/installation', '/repos/beta/one/installation']);
    expect(secrets).toHaveLength(2);
    expect(secrets.every((s) => s.startsWith('ghs_'))).toBe(true);
    expect(clients.installationCount).toBe(2);
  });

  it('shares one lookup between concurrent first requests of an owner', async () => {
    const clients = appClients();
    await Promise.all([clients.forRepo('acme/one'), clients.forRepo('acme/two')]);
    expect(lookups()).toHaveLength(1);
  });

  it('says the App is not installed, and does not cache the refusal for the owner', async () => {
    const clients = appClients();
    const refusal = await clients.forRepo('gamma/x').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(GitHubError);
    expect(refusal).toMatchObject({ status: 404, message: `gamma/x: the GitHub App ${app.appId} is not installed on gamma or not given access to this repository` });
    // beta's installation covers beta/one only: the lookup for beta/two fails, beta/one still works.
    await expect(clients.forRepo('beta/two')).rejects.toThrow(/not installed on beta/);
    await dispatchTo(await clients.forRepo('beta/one'), 'beta/one');
    expect(sim.dispatches('beta/one')).toHaveLength(1);
  });

  it('names the bot it acts as', async () => {
    expect(await appClients().actorLogin()).toBe(`${app.slug}[bot]`);
  });
});

describe('RepoClients with a PAT', () => {
  it('serves every repository with one client and names the token user', async () => {
    const token = sim.createToken({ login: 'release-bot', repos: ['acme/one', 'beta/two'] });
    const clients = new RepoClients({ kind: 'token', token, source: 'ECOSYSTEM_TOKEN' }, { baseUrl: sim.url, log: silentLog });
    expect(await clients.forRepo('acme/one')).toBe(await clients.forRepo('beta/two'));
    expect(await clients.actorLogin()).toBe('release-bot');
  });
});
