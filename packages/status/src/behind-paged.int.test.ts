import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEcosystemConfig } from '@ecosystem-dispatcher/core';
import { RepoClients } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { readFleetStatus } from './read-fleet.js';
import type { FleetStatus } from './model.js';
import { Clone, MONOREPO } from './test-support/fleet.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const COMMITS = 300;
let sim: Sim;
let root: string;
let status: FleetStatus;

/**
 * `count` commits on top of HEAD in one `git fast-import`: every fourth-but-one touches
 * docs/ only, the others features/a. Dates a minute apart, as a busy monorepo has them.
 */
async function manyCommits(clone: Clone, count: number): Promise<number> {
  const parent = (await clone.git.output(['rev-parse', 'HEAD'])).trim();
  const start = Math.floor(Date.now() / 1000) - count * 60;
  let touching = 0;
  const chunks: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = i % 8 === 3 ? `docs/page-${i}.md` : 'features/a/app.py';
    if (path.startsWith('features/')) touching += 1;
    const message = `commit ${i}\n`;
    const content = `version ${i}\n`;
    chunks.push(`commit refs/heads/main\ncommitter Dev <dev@example.com> ${start + i * 60} +0000\ndata ${message.length}\n${message}`);
    if (i === 0) chunks.push(`from ${parent}\n`);
    chunks.push(`M 100644 inline ${path}\ndata ${content.length}\n${content}\n`);
  }
  await clone.git.run(['fast-import', '--quiet'], { input: chunks.join('') });
  await clone.git.run(['reset', '--quiet', '--hard', 'main']);
  return touching;
}

let expected: number;
beforeAll(async () => {
  sim = await startSim();
  root = await mkdtemp(join(tmpdir(), 'status-paged-'));
  const seed = join(root, 'seed');
  await mkdir(seed);
  await writeFile(join(seed, 'README.md'), '# seed\n');
  for (const repo of [MONOREPO, 'acme/one']) await sim.createRepo(repo, { fromDir: seed });
  const mono = await Clone.of(sim, MONOREPO, root);
  const m0 = await mono.commit({ 'features/a/app.py': 'a0\n' }, 'feature a');
  expected = await manyCommits(mono, COMMITS);
  await mono.push();
  const one = await Clone.of(sim, 'acme/one', root);
  await one.syncCommit({ 'app/a.py': 'a0\n' }, 'features/a', m0);
  await one.push();
  const readToken = sim.createToken({ login: 'status-reader', repos: [MONOREPO, 'acme/one'], permissions: 'read' });
  const clients = new RepoClients({ kind: 'token', token: readToken, source: 'test' }, { baseUrl: sim.url, log: quiet });
  const config = parseEcosystemConfig(JSON.stringify({ cousins: [{ repo: 'acme/one', subscriptions: ['features/a'] }] }), 'ecosystem.json');
  status = await readFleetStatus({ config, monorepo: MONOREPO, clients });
});

afterAll(async () => {
  await sim?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('behind, over more commits than one compare lists', () => {
  it(`counts exactly across the compare's pages (${COMMITS} commits since the sync; an unpaged compare lists 250)`, () => {
    expect(expected).toBeGreaterThan(250);
    expect(status.rows[0]).toMatchObject({ behind: expected, state: 'behind' });
    expect(status.rows[0]!.behindApproximate).toBeUndefined();
  });

  it('read the compare page by page', () => {
    const compares = sim.requests().filter((r) => r.login === 'status-reader' && r.path.includes('/compare/'));
    expect(compares.map((r) => new URLSearchParams(r.query).get('page'))).toEqual(['1', '2', '3']);
  });
});
