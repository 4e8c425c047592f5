import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEcosystemConfig } from '@ecosystem-dispatcher/core';
import { createOctokit, RepoClients } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { syncStatePath } from '@ecosystem-dispatcher/sync';
import { readFleetStatus } from './read-fleet.js';
import type { FleetStatus } from './model.js';
import { Clone, MONOREPO } from './test-support/fleet.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const FEATURE = 'features/a';
const BRANCH = 'ecosystem/sync/features-a';
let sim: Sim;
let root: string;
let status: FleetStatus;
const m: string[] = [];
let squashCommit: string;

/** The state file every sync commit writes, as sync writes it. */
const stateFile = (commit: string) => ({ [syncStatePath(FEATURE)]: `${JSON.stringify({ upstream: MONOREPO, feature: FEATURE, commit }, null, 2)}\n` });
const row = (cousin: string) => status.rows.find((r) => r.cousin === cousin)!;

beforeAll(async () => {
  sim = await startSim();
  root = await mkdtemp(join(tmpdir(), 'status-baseline-'));
  const admin = createOctokit({ auth: { kind: 'token', token: sim.adminToken, source: 'test' }, baseUrl: sim.url, log: quiet, throttle: { secondMs: 1 } });
  const seed = join(root, 'seed');
  await mkdir(seed);
  await writeFile(join(seed, 'README.md'), '# seed\n');
  const cousins = ['acme/squashed', 'acme/state-only', 'acme/trailer-newer'];
  for (const repo of [MONOREPO, ...cousins]) await sim.createRepo(repo, { fromDir: seed });

  // m0, then three commits that each touch features/a.
  const mono = await Clone.of(sim, MONOREPO, root);
  for (let i = 0; i < 4; i++) m.push(await mono.commit({ 'features/a/app.py': `a${i}\n` }, `change a ${i}`));
  await mono.push();

  // A sync PR for m3 squash-merged with a message of its own: the trailers are gone, the state file stays.
  const squashed = await Clone.of(sim, 'acme/squashed', root);
  await squashed.syncCommit({ 'app/a.py': 'a0\n' }, FEATURE, m[0]!);
  await squashed.push();
  await squashed.checkout(BRANCH);
  await squashed.syncCommit({ 'app/a.py': 'a3\n', ...stateFile(m[3]!) }, FEATURE, m[3]!);
  await squashed.commit({ 'app/notes.md': 'fixed by hand\n' }, 'Fix by hand');
  await squashed.push(BRANCH);
  const pull = await admin.rest.pulls.create({ owner: 'acme', repo: 'squashed', head: BRANCH, base: 'main', title: 'Sync features/a' });
  squashCommit = (await admin.rest.pulls.merge({ owner: 'acme', repo: 'squashed', pull_number: pull.data.number, merge_method: 'squash', commit_title: 'Bring features/a up to date', commit_message: 'Squashed by hand.' })).data.sha;

  // Only the state file on main (m1); an open sync PR whose head records m3 in its state file alone.
  const stateOnly = await Clone.of(sim, 'acme/state-only', root);
  await stateOnly.commit({ 'app/a.py': 'a1\n', ...stateFile(m[1]!) }, 'Bring features/a in');
  await stateOnly.push();
  await stateOnly.checkout(BRANCH);
  await stateOnly.commit({ 'app/a.py': 'a3\n', ...stateFile(m[3]!) }, 'Bring features/a up to date');
  await stateOnly.push(BRANCH);
  await admin.rest.pulls.create({ owner: 'acme', repo: 'state-only', head: BRANCH, base: 'main', title: 'Sync features/a' });

  // The state file says m1, a later commit's trailers say m2: ancestry picks m2, as sync would.
  const trailerNewer = await Clone.of(sim, 'acme/trailer-newer', root);
  await trailerNewer.commit(stateFile(m[1]!), 'State');
  await trailerNewer.syncCommit({ 'app/a.py': 'a2\n' }, FEATURE, m[2]!);
  await trailerNewer.push();

  const readToken = sim.createToken({ login: 'status-reader', repos: [MONOREPO, ...cousins], permissions: 'read' });
  const config = parseEcosystemConfig(JSON.stringify({ cousins: cousins.map((repo) => ({ repo, subscriptions: [FEATURE] })) }), 'ecosystem.json');
  const clients = new RepoClients({ kind: 'token', token: readToken, source: 'test' }, { baseUrl: sim.url, log: quiet });
  status = await readFleetStatus({ config, monorepo: MONOREPO, clients });
});

afterAll(async () => {
  await sim?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('status reads the baseline the way sync does', () => {
  it('after a squash merge that lost the trailers: synced and behind come from the state file', () => {
    expect(row('acme/squashed')).toMatchObject({ synced: { upstreamCommit: m[3] }, behind: 0, state: 'up-to-date' });
  });

  it('with a state file and no trailers at all, the feature counts as synced', () => {
    expect(row('acme/state-only')).toMatchObject({ synced: { upstreamCommit: m[1] }, behind: 2, state: 'behind' });
    expect(row('acme/state-only').pull?.upstreamCommit).toBe(m[3]);
  });

  it('takes the newest recorded commit by ancestry, whichever record names it', () => {
    expect(row('acme/trailer-newer')).toMatchObject({ synced: { upstreamCommit: m[2] }, behind: 1 });
  });

  it('names the cousin commit that carried the state file, when that record won', () => {
    expect(row('acme/squashed').synced?.cousinCommit).toBe(squashCommit);
  });
});
