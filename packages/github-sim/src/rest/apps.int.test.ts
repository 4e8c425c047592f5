import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../index.js';
import { octokit, simWithRepo, quiet } from '../test-support/sim.js';

let sim: Sim;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ sim, close } = await simWithRepo());
  await sim.createRepo('acme/other', { private: true });
  await sim.createRepo('elsewhere/thing', { private: true });
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await close();
});

describe('GitHub App authentication', () => {
  it('lets @octokit/auth-app find the installation and act with an installation token', async () => {
    const app = sim.createApp({ installations: [{ account: 'acme', repos: ['acme/widgets'], permissions: { contents: 'write', pull_requests: 'write' } }] });
    const appClient = new Octokit({ baseUrl: sim.url, authStrategy: createAppAuth, auth: { appId: app.appId, privateKey: app.privateKey }, log: quiet });
    const { data: self } = await appClient.rest.apps.getAuthenticated();
    expect(self?.id).toBe(app.appId);
    const { data: installation } = await appClient.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'widgets' });
    expect(installation.id).toBe(app.installations[0]!.id);
    const client = new Octokit({ baseUrl: sim.url, authStrategy: createAppAuth, auth: { appId: app.appId, privateKey: app.privateKey, installationId: installation.id }, log: quiet });
    await client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync' });
    expect(sim.dispatches('acme/widgets')).toHaveLength(1);
    expect(sim.requests().at(-1)?.login).toBe(`${app.slug}[bot]`);
    const hidden = await client.rest.repos.get({ owner: 'acme', repo: 'other' }).catch((error: { status: number }) => error.status);
    expect(hidden).toBe(404);
    const noIssues = await client.rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'x' }).catch((error: { status: number; message: string }) => error);
    expect(noIssues).toMatchObject({ status: 403, message: expect.stringContaining('Resource not accessible by integration') });
  });

  it('finds installations by user and org, and 404s elsewhere', async () => {
    const app = sim.createApp({ installations: [{ account: 'acme', repos: '*' }] });
    const appClient = new Octokit({ baseUrl: sim.url, authStrategy: createAppAuth, auth: { appId: app.appId, privateKey: app.privateKey }, log: quiet });
    expect((await appClient.rest.apps.getOrgInstallation({ org: 'acme' })).data.repository_selection).toBe('all');
    expect((await appClient.rest.apps.getUserInstallation({ username: 'acme' })).data.app_id).toBe(app.appId);
    const missing = await appClient.rest.apps.getRepoInstallation({ owner: 'elsewhere', repo: 'thing' }).catch((error: { status: number }) => error.status);
    expect(missing).toBe(404);
  });

  it('covers every repository of the account with a "*" installation, even ones created later', async () => {
    const app = sim.createApp({ installations: [{ account: 'acme', repos: '*', permissions: 'read' }] });
    const auth = createAppAuth({ appId: app.appId, privateKey: app.privateKey, installationId: app.installations[0]!.id, request: octokit(sim).request });
    const { token, expiresAt } = await auth({ type: 'installation' });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    await sim.createRepo('acme/later', { private: true });
    const client = octokit(sim, token);
    expect((await client.rest.repos.get({ owner: 'acme', repo: 'later' })).status).toBe(200);
    expect(await client.rest.repos.get({ owner: 'elsewhere', repo: 'thing' }).catch((error: { status: number }) => error.status)).toBe(404);
  });

  it('narrows a token to the requested repositories', async () => {
    const app = sim.createApp({ installations: [{ account: 'acme', repos: '*' }] });
    const auth = createAppAuth({ appId: app.appId, privateKey: app.privateKey, installationId: app.installations[0]!.id, request: octokit(sim).request });
    const { token } = await auth({ type: 'installation', repositoryNames: ['widgets'] });
    const client = octokit(sim, token);
    expect((await client.rest.repos.get({ owner: 'acme', repo: 'widgets' })).status).toBe(200);
    expect(await client.rest.repos.get({ owner: 'acme', repo: 'other' }).catch((error: { status: number }) => error.status)).toBe(404);
  });

  it('shows the bot as author of what an installation token creates', async () => {
    const app = sim.createApp({ installations: [{ account: 'acme', repos: ['acme/widgets'], permissions: { issues: 'write' } }] });
    const auth = createAppAuth({ appId: app.appId, privateKey: app.privateKey, installationId: app.installations[0]!.id, request: octokit(sim).request });
    const { token } = await auth({ type: 'installation' });
    const { data } = await octokit(sim, token).rest.issues.create({ owner: 'acme', repo: 'widgets', title: 'from the app' });
    expect(data.user).toMatchObject({ login: `${app.slug}[bot]`, type: 'Bot', url: `${sim.url}/users/${app.slug}%5Bbot%5D` });
  });

  it('refuses a JWT signed with another key', async () => {
    const app = sim.createApp({ installations: [{ account: 'acme', repos: '*' }] });
    const impostor = sim.createApp();
    const forged = new Octokit({ baseUrl: sim.url, authStrategy: createAppAuth, auth: { appId: app.appId, privateKey: impostor.privateKey }, log: quiet });
    expect(await forged.rest.apps.getAuthenticated().catch((error: { status: number }) => error.status)).toBe(401);
  });
});
