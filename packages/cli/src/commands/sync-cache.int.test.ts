import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

const UPSTREAM = 'acme/cache-mono';
const COUSIN = 'acme/cache-cousin';
const CATCH_UP_UPSTREAM = 'acme/catch-mono';
const CATCH_UP_COUSIN = 'acme/catch-cousin';

let sim: Sim;
let dir: string;
let token: string;
let checkout: string;
let catchUpCheckout: string;

const seed = (name: string, files: Record<string, string>) => seedRepo(sim, dir, name, files);

beforeAll(async () => {
  sim = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'ecosystem-cli-cache-'));
  await seed(UPSTREAM, { 'features/a/main.py': 'print(1)\n' });
  await seed(COUSIN, { 'subscriptions.json': JSON.stringify({ upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } }) });
  token = sim.createToken({ login: 'sync-bot', repos: [UPSTREAM, COUSIN], permissions: 'write' });
  checkout = join(dir, 'cousin');
  await new Git(dir, { ...TEST_GIT_ENV, ...gitAuthEnv(token) }).run(['clone', '--quiet', `${sim.gitUrl}/${COUSIN}.git`, checkout]);
  await seed(CATCH_UP_UPSTREAM, { 'features/a/main.py': 'a\n', 'features/b/main.py': 'b\n' });
  await seed(CATCH_UP_COUSIN, { 'subscriptions.json': JSON.stringify({ upstream: CATCH_UP_UPSTREAM, subscriptions: { 'features/a': 'app/a', 'features/b': 'app/b' } }) });
  catchUpCheckout = join(dir, 'catch-cousin');
  const catchUpToken = sim.createToken({ login: 'catch-bot', repos: [CATCH_UP_UPSTREAM, CATCH_UP_COUSIN], permissions: 'write' });
  await new Git(dir, { ...TEST_GIT_ENV, ...gitAuthEnv(catchUpToken) }).run(['clone', '--quiet', `${sim.gitUrl}/${CATCH_UP_COUSIN}.git`, catchUpCheckout]);
  catchUpEnv = { ECOSYSTEM_TOKEN: catchUpToken, GITHUB_REPOSITORY: CATCH_UP_COUSIN };
});
let catchUpEnv: Record<string, string>;
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function sync(argv: string[], cwd = checkout, env: Record<string, string> = {}) {
  const io = captureIO({ cwd, env: { ...TEST_GIT_ENV, ECOSYSTEM_TOKEN: token, GITHUB_REPOSITORY: COUSIN, GITHUB_API_URL: sim.url, ECOSYSTEM_SECOND_MS: '1', ...env } });
  const code = await runCli(['sync', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('ecosystem sync --cache FILE', () => {
  it("keeps GitHub's answers between runs, so the next run's unchanged reads are 304s that cost no budget", async () => {
    const file = join(dir, 'state', 'github-cache.json');
    expect((await sync(['--feature', 'features/a', '--cache', file])).code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).entries.length).toBeGreaterThan(0);
    // The first run opened the pull request and pushed: the next one sees those changes once.
    expect((await sync(['--feature', 'features/a', '--cache', file])).code).toBe(0);
    const before = sim.requests().length;
    const again = await sync(['--feature', 'features/a', '--cache', file]);
    expect(again.code).toBe(0);
    const reads = sim.requests().slice(before).filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((r) => r.status === 200).map((r) => r.path)).toEqual([]);
  });

  it('treats an unreadable cache file as empty and still syncs', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, 'not json');
    const result = await sync(['--feature', 'features/a', '--cache', file]);
    expect([result.code, result.err]).toEqual([0, '']);
  });
});

describe('ecosystem sync --all: the catch-up a scheduled run makes', () => {
  const catchUp = (argv: string[]) => sync(['--all', ...argv], catchUpCheckout, catchUpEnv);

  it('syncs every subscribed feature to the latest commit; with nothing new it says "up to date" and, with --cache, spends no budget', async () => {
    const file = join(dir, 'catch-up-cache.json');
    const first = await catchUp(['--cache', file]);
    expect([first.code, first.err]).toEqual([0, '']);
    expect(first.out).toMatch(/^Synced 2 feature\(s\) of acme\/catch-mono at [0-9a-f]{12}\.$/m);
    expect(sim.pulls(CATCH_UP_COUSIN)).toHaveLength(2);
    // The first run opened the pull requests: the next sees them once.
    expect((await catchUp(['--cache', file])).out).toMatch(/^Up to date: 2 feature\(s\) of acme\/catch-mono, nothing new to bring in at [0-9a-f]{12}\.$/m);
    const before = sim.requests().length;
    const quiet = await catchUp(['--cache', file]);
    expect(quiet.code).toBe(0);
    expect(quiet.out).toContain('Up to date: 2 feature(s)');
    const asked = sim.requests().slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((r) => r.status !== 304).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
  });

  it('takes none of the flags that pick what to sync', async () => {
    for (const extra of [['--feature', 'features/a'], ['--to', 'latest'], ['--payload', 'event.json']]) {
      const result = await catchUp(extra);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/--all syncs every subscribed feature .* takes none of --feature, --to/);
    }
  });
});
