import { access, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { gitAuthEnv } from '@ecosystem-dispatcher/sync';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';
import { seedRepo } from '../test-support/seed-repo.js';

const GIT_ENV = TEST_GIT_ENV;
const UPSTREAM = 'acme/cli-mono';
const COUSIN = 'acme/cli-cousin';
const BRANCH = 'ecosystem/sync/features-a';

let sim: Sim;
let dir: string;
let token: string;
let checkout: string;
let head: string;

const seed = (name: string, files: Record<string, string>) => seedRepo(sim, dir, name, files);

beforeAll(async () => {
  sim = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'ecosystem-cli-sync-'));
  await seed(UPSTREAM, { 'features/a/main.py': 'print(1)\n', 'features/b/other.py': 'b\n' });
  await seed(COUSIN, { 'subscriptions.json': JSON.stringify({ upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } }), 'README.md': 'cousin\n' });
  token = sim.createToken({ login: 'sync-bot', repos: [UPSTREAM, COUSIN], permissions: 'write' });
  checkout = join(dir, 'cousin');
  await new Git(dir, { ...GIT_ENV, ...gitAuthEnv(token) }).run(['clone', '--quiet', `${sim.gitUrl}/${COUSIN}.git`, checkout]);
  const refs = await new Git(dir, { ...GIT_ENV, ...gitAuthEnv(token) }).output(['ls-remote', `${sim.gitUrl}/${UPSTREAM}.git`, 'refs/heads/main']);
  head = refs.split('\t')[0]!;
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function writeEvent(name: string, event: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(event));
  return file;
}

async function sync(argv: string[], env: Record<string, string> = {}) {
  const io = captureIO({
    cwd: checkout,
    env: { ...GIT_ENV, ECOSYSTEM_TOKEN: token, GITHUB_REPOSITORY: COUSIN, GITHUB_API_URL: sim.url, ECOSYSTEM_SECOND_MS: '1', GITHUB_RUN_ID: '42', GITHUB_SERVER_URL: sim.gitUrl, ...env },
  });
  const code = await runCli(['sync', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

const dispatchEvent = (features: string[], commit = head) => ({
  action: 'feature-update',
  client_payload: { payload_version: 2, updated_feature: features[0], updated_features: features, commit_sha: commit, source_repo: UPSTREAM, ref: 'refs/heads/main' },
});

describe('ecosystem sync', () => {
  it('rejects shell text in a feature with exit 1 and one line, runs nothing, writes nothing', async () => {
    const marker = join(dir, 'MARKER');
    const event = await writeEvent('evil.json', dispatchEvent([`features/a$(touch ${marker})`]));
    const { code, err } = await sync(['--no-notify'], { GITHUB_EVENT_PATH: event });
    expect(code).toBe(1);
    expect(err).toMatch(/^ecosystem sync: rejected: feature "features\/a\$\(touch .*\)" is not one this cousin subscribes to/);
    expect(err.trim().split('\n')).toHaveLength(1);
    await expect(access(marker)).rejects.toThrow();
    expect(sim.pulls(COUSIN)).toHaveLength(0);
    expect(sim.issues(UPSTREAM)).toHaveLength(0);
  });

  it('takes the payload from $GITHUB_EVENT_PATH and opens one pull request; a rerun adds nothing', async () => {
    const event = await writeEvent('event.json', dispatchEvent(['features/a']));
    const first = await sync([], { GITHUB_EVENT_PATH: event });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/features\/a: opened pull request #1 /);
    const second = await sync([], { GITHUB_EVENT_PATH: event });
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/already has upstream/);
    expect(sim.pulls(COUSIN)).toHaveLength(1);
    expect(sim.pulls(COUSIN)[0]!.head).toBe(BRANCH);
  });

  it('with --payload-feature syncs only that feature of the payload (one workflow job per feature)', async () => {
    const event = await writeEvent('batch.json', dispatchEvent(['features/zzz', 'features/a']));
    const picked = await sync(['--payload-feature', 'features/a'], { GITHUB_EVENT_PATH: event });
    expect(picked.code).toBe(0);
    expect(picked.out).not.toMatch(/features\/zzz/);
    const missing = await sync(['--payload-feature', 'features/b', '--no-notify'], { GITHUB_EVENT_PATH: event });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/--payload-feature "features\/b" is not one of the payload's features \(features\/zzz, features\/a\)/);
  });

  it('reports a sync pull request closed without merging on the monorepo', async () => {
    const pull = sim.pulls(COUSIN)[0]!;
    const event = await writeEvent('closed.json', { action: 'closed', pull_request: { number: pull.number, html_url: 'http://x', merged: false, head: { ref: BRANCH } } });
    const { code, out } = await sync(['--report-closed', '--payload', event]);
    expect(code).toBe(0);
    expect(out).toMatch(/reported the declined pull request #1 on upstream issue #\d+/);
    const issue = sim.issues(UPSTREAM).find((i) => i.labels.includes('upstream-issue'))!;
    expect(issue.body).toContain(`<!-- ecosystem-sync:${COUSIN}:features/a -->`);
    expect(issue.body).toContain('/acme/cli-cousin/actions/runs/42');
  });

  it('in pull mode with --no-pr commits to a local branch and pushes nothing', async () => {
    const remote = () => new Git(checkout, { ...GIT_ENV, ...gitAuthEnv(token) }).output(['ls-remote', 'origin']);
    const before = await remote();
    const { code, out, err } = await sync(['--feature', 'features/a', '--to', 'latest', '--no-pr', '--upstream-url', `${sim.gitUrl}/${UPSTREAM}.git`], { ECOSYSTEM_TOKEN: token });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/commit\(s\) on local branch ecosystem\/sync\/features-a/);
    const local = await new Git(checkout, GIT_ENV).output(['log', '-1', '--format=%(trailers:key=Upstream-Commit,valueonly)', BRANCH]);
    expect(local.trim()).toBe(head);
    expect(await remote()).toBe(before);
    expect(sim.pulls(COUSIN)).toHaveLength(1);
  });

  it('refuses a payload given as command-line text, and unknown combinations, with exit 2', async () => {
    expect((await sync(['{"commit_sha":"x"}'])).code).toBe(2);
    expect((await sync(['--to', 'latest'])).err).toMatch(/--to needs --feature/);
    expect((await sync([], { GITHUB_EVENT_PATH: '' })).err).toMatch(/no payload/);
  });
});
