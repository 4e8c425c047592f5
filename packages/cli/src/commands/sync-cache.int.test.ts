import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { gitAuthEnv } from '@ecosystem-dispatcher/sync';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';

const UPSTREAM = 'acme/cache-mono';
const COUSIN = 'acme/cache-cousin';

let sim: Sim;
let dir: string;
let token: string;
let checkout: string;

async function seed(name: string, files: Record<string, string>): Promise<void> {
  const seedDir = join(dir, `seed-${name.split('/')[1]}`);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(seedDir, path, '..'), { recursive: true });
    await writeFile(join(seedDir, path), content);
  }
  await sim.createRepo(name, { fromDir: seedDir });
}

beforeAll(async () => {
  sim = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'ecosystem-cli-cache-'));
  await seed(UPSTREAM, { 'features/a/main.py': 'print(1)\n' });
  await seed(COUSIN, { 'subscriptions.json': JSON.stringify({ upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } }) });
  token = sim.createToken({ login: 'sync-bot', repos: [UPSTREAM, COUSIN], permissions: 'write' });
  checkout = join(dir, 'cousin');
  await new Git(dir, { ...TEST_GIT_ENV, ...gitAuthEnv(token) }).run(['clone', '--quiet', `${sim.gitUrl}/${COUSIN}.git`, checkout]);
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function sync(argv: string[]) {
  const io = captureIO({ cwd: checkout, env: { ...TEST_GIT_ENV, ECOSYSTEM_TOKEN: token, GITHUB_REPOSITORY: COUSIN, GITHUB_API_URL: sim.url, ECOSYSTEM_SECOND_MS: '1' } });
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
