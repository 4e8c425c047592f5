import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { createOctokit } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { gitAuthEnv } from '@ecosystem-dispatcher/sync';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';
import { seedRepo } from '../test-support/seed-repo.js';

// Every fix a sync message suggests is run here as the message words it, and must work.
const UPSTREAM = 'acme/fix-mono';
const COUSIN = 'acme/fix-cousin';
const BRANCH = 'ecosystem/sync/features-a';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let sim: Sim;
let dir: string;
let token: string;
let checkout: string;
let upstream: Git;
const c = { start: '', side: '', fix: '' };

const seed = (name: string, files: Record<string, string>) => seedRepo(sim, dir, name, files);

async function upstreamCommit(files: Record<string, string>, message: string): Promise<string> {
  for (const [path, content] of Object.entries(files)) await writeFile(join(upstream.cwd, path), content);
  await upstream.run(['add', '--all']);
  await upstream.run(['commit', '--quiet', '-m', message]);
  return (await upstream.output(['rev-parse', 'HEAD'])).trim();
}

/** `ecosystem ARGV` in the cousin's checkout, with what its workflow has in the environment. */
async function ecosystem(argv: string[], env: Record<string, string> = {}) {
  const io = captureIO({ cwd: checkout, env: { ...TEST_GIT_ENV, ECOSYSTEM_TOKEN: token, GITHUB_REPOSITORY: COUSIN, GITHUB_API_URL: sim.url, ECOSYSTEM_SECOND_MS: '1', ...env } });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const sync = (argv: string[], env: Record<string, string> = {}) => ecosystem(['sync', ...argv], env);

async function dispatch(commit: string) {
  const event = join(dir, `event-${commit}.json`);
  await writeFile(event, JSON.stringify({ action: 'feature-update', client_payload: { payload_version: 2, updated_feature: 'features/a', updated_features: ['features/a'], commit_sha: commit, source_repo: UPSTREAM, ref: 'refs/heads/main' } }));
  return sync([], { GITHUB_EVENT_PATH: event });
}

/** The command a message suggests, as argv for `ecosystem` (it names no quoted words). */
function suggested(message: string, after: string): string[] {
  const line = message.split('\n').find((l) => l.includes(after));
  expect(line, `no "${after}" in: ${message}`).toBeDefined();
  return line!.slice(line!.indexOf(after) + after.length).trim().split(/\s+/).slice(1);
}

beforeAll(async () => {
  sim = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'ecosystem-cli-fixes-'));
  await seed(UPSTREAM, { 'features/a/auth.py': 'check = False\n' });
  await seed(COUSIN, { 'subscriptions.json': JSON.stringify({ upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } }), 'README.md': 'cousin\n' });
  token = sim.createToken({ login: 'sync-bot', repos: [UPSTREAM, COUSIN], permissions: 'write' });
  const env = { ...TEST_GIT_ENV, ...gitAuthEnv(token) };
  await new Git(dir, env).run(['clone', '--quiet', `${sim.gitUrl}/${UPSTREAM}.git`, join(dir, 'upstream')]);
  upstream = new Git(join(dir, 'upstream'), env);
  c.start = (await upstream.output(['rev-parse', 'HEAD'])).trim();
  // A side branch of older work, then the fix on main, then the side branch merged: the side commit is on main, but before the fix.
  await upstream.run(['checkout', '--quiet', '-b', 'side']);
  c.side = await upstreamCommit({ 'features/a/notes.md': 'side work\n' }, 'Side work');
  await upstream.run(['checkout', '--quiet', 'main']);
  c.fix = await upstreamCommit({ 'features/a/auth.py': 'check = True\n' }, 'Security fix');
  await upstream.run(['merge', '--quiet', '--no-ff', '-m', 'Merge side', 'side']);
  await upstream.run(['push', '--quiet', 'origin', 'main']);
  checkout = join(dir, 'cousin');
  await new Git(dir, env).run(['clone', '--quiet', `${sim.gitUrl}/${COUSIN}.git`, checkout]);

  // The cousin synced the fix, and merged it.
  expect((await dispatch(c.fix)).code).toBe(0);
  const octokit = createOctokit({ auth: { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, log: quiet, throttle: { secondMs: 1 } });
  await octokit.rest.pulls.merge({ owner: 'acme', repo: 'fix-cousin', pull_number: sim.pulls(COUSIN)[0]!.number, merge_method: 'squash' });
  await new Git(checkout, env).run(['pull', '--quiet', '--ff-only', 'origin', 'main']);
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the fixes sync messages suggest work as worded', () => {
  it('a refused rollback names the pull-mode command that does it on purpose, and that command does it', async () => {
    const refused = await dispatch(c.side);
    expect(refused.code).toBe(1);
    const argv = suggested(refused.err, 'To do that on purpose:');
    expect(argv).toEqual(['sync', '--feature', 'features/a', '--to', c.side, '--allow-rollback']);

    const done = await ecosystem(argv);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    const pull = sim.pulls(COUSIN).find((p) => p.state === 'open')!;
    expect(pull.title).toContain(c.side.slice(0, 7));
    await new Git(checkout, TEST_GIT_ENV).run(['fetch', '--quiet', 'origin', BRANCH]);
    expect(await new Git(checkout, TEST_GIT_ENV).output(['show', `origin/${BRANCH}:app/a/auth.py`])).toBe('check = False\n');
  });

  it('pull mode with the sync branch checked out says to switch branches, and after switching the same command works', async () => {
    const git = new Git(checkout, TEST_GIT_ENV);
    const command = ['--feature', 'features/a', '--to', 'latest', '--no-pr'];
    expect((await sync(command)).code).toBe(0);
    await git.run(['checkout', '--quiet', BRANCH]);
    await upstreamCommit({ 'features/a/auth.py': 'check = True  # and logged\n' }, 'Log the check');
    await upstream.run(['push', '--quiet', 'origin', 'main']);
    const refused = await sync(command);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/ecosystem\/sync\/features-a is checked out here; switch to another branch so the sync can update it/);

    await git.run(['checkout', '--quiet', 'main']);
    const done = await sync(command);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(await git.output(['show', `${BRANCH}:app/a/auth.py`])).toBe('check = True  # and logged\n');
  });
});
