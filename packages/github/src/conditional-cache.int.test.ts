import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConditionalCache } from './conditional-cache.js';
import { simClient, simWithRepos } from './test-support/sim.js';

let sim: Sim;
let token: string;
let dir: string;

beforeEach(async () => {
  ({ sim, token } = await simWithRepos(['acme/one']));
  dir = await mkdtemp(join(tmpdir(), 'conditional-cache-'));
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const statuses = (from: number) => sim.requests().slice(from).map((r) => `${r.method} ${r.path} ${r.status}`);

describe('conditional requests', () => {
  it('send the stored ETag, reuse the body on 304 and leave the primary budget untouched', async () => {
    const cache = new ConditionalCache();
    const client = simClient(sim, token, { cache });
    const first = await client.rest.repos.get({ owner: 'acme', repo: 'one' });
    const before = sim.requests().length;
    const second = await client.rest.repos.get({ owner: 'acme', repo: 'one' });
    expect(second.data).toEqual(first.data);
    expect(statuses(before)).toEqual(['GET /repos/acme/one 304']);
    expect(second.headers['x-ratelimit-remaining']).toBe(first.headers['x-ratelimit-remaining']);
    expect(cache.stats).toMatchObject({ notModified: 1, fetched: 1 });
  });

  it('fetch the new answer once the resource changed', async () => {
    const client = simClient(sim, token);
    expect((await client.rest.issues.listLabelsForRepo({ owner: 'acme', repo: 'one' })).data).toEqual([]);
    await client.rest.issues.createLabel({ owner: 'acme', repo: 'one', name: 'fresh', color: 'ededed' });
    const after = await client.rest.issues.listLabelsForRepo({ owner: 'acme', repo: 'one' });
    expect([after.status, after.data.map((l) => l.name)]).toEqual([200, ['fresh']]);
  });

  it('answer a second read pinned to a commit SHA from memory, and still revalidate one at a branch', async () => {
    await writeFile(join(dir, 'a.txt'), 'a\n');
    await sim.createRepo('acme/files', { fromDir: dir });
    const client = simClient(sim, sim.adminToken);
    const sha = (await client.rest.git.getRef({ owner: 'acme', repo: 'files', ref: 'heads/main' })).data.object.sha;
    const before = sim.requests().length;
    const pinned = await client.rest.repos.getContent({ owner: 'acme', repo: 'files', path: '', ref: sha });
    const again = await client.rest.repos.getContent({ owner: 'acme', repo: 'files', path: '', ref: sha });
    await client.rest.repos.getContent({ owner: 'acme', repo: 'files', path: '', ref: 'main' });
    await client.rest.repos.getContent({ owner: 'acme', repo: 'files', path: '', ref: 'main' });
    expect(again.data).toEqual(pinned.data);
    expect(statuses(before)).toEqual(['GET /repos/acme/files/contents 200', 'GET /repos/acme/files/contents 200', 'GET /repos/acme/files/contents 304']);
  });

  it('keep answers in a file between runs: the next run revalidates them with 304s', async () => {
    const file = join(dir, 'nested', 'cache.json');
    const cache = await ConditionalCache.load(file);
    await simClient(sim, token, { cache }).rest.repos.get({ owner: 'acme', repo: 'one' });
    await cache.save(file);
    const nextRun = await ConditionalCache.load(file);
    const before = sim.requests().length;
    const answer = await simClient(sim, token, { cache: nextRun }).rest.repos.get({ owner: 'acme', repo: 'one' });
    expect(answer.data.full_name).toBe('acme/one');
    expect(statuses(before)).toEqual(['GET /repos/acme/one 304']);
  });

  it('treat a missing or unreadable cache file as an empty cache', async () => {
    expect((await ConditionalCache.load(join(dir, 'none.json'))).size).toBe(0);
    await writeFile(join(dir, 'bad.json'), '{not json');
    expect((await ConditionalCache.load(join(dir, 'bad.json'))).size).toBe(0);
  });

  it('page through a list with 304s as with 200s', async () => {
    const client = simClient(sim, token);
    for (const name of ['a', 'b', 'c']) await client.rest.issues.createLabel({ owner: 'acme', repo: 'one', name, color: 'ededed' });
    const first = await client.paginate(client.rest.issues.listLabelsForRepo, { owner: 'acme', repo: 'one', per_page: 2 });
    const before = sim.requests().length;
    const second = await client.paginate(client.rest.issues.listLabelsForRepo, { owner: 'acme', repo: 'one', per_page: 2 });
    expect(second.map((l) => l.name)).toEqual(first.map((l) => l.name));
    expect(statuses(before).every((line) => line.endsWith(' 304'))).toBe(true);
    expect(statuses(before)).toHaveLength(2);
  });

  it('can be turned off', async () => {
    const client = simClient(sim, token, { cache: false });
    await client.rest.repos.get({ owner: 'acme', repo: 'one' });
    const before = sim.requests().length;
    await client.rest.repos.get({ owner: 'acme', repo: 'one' });
    expect(statuses(before)).toEqual(['GET /repos/acme/one 200']);
  });
});
