import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { createOctokit, type Octokit } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { issueMarker, trailerArgs } from '@ecosystem-dispatcher/sync';
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export const MONOREPO = 'acme/monorepo';

/** A working clone of a sim repository, pushing with the admin token. */
export class Clone {
  private constructor(
    readonly dir: string,
    readonly git: Git,
  ) {}

  static async of(sim: Sim, fullName: string, root: string): Promise<Clone> {
    const dir = join(root, fullName.replace('/', '__'));
    const url = new URL(`${sim.gitUrl}/${fullName}.git`);
    url.username = 'x-access-token';
    url.password = sim.adminToken;
    await new Git(root, TEST_GIT_ENV).run(['clone', '--quiet', url.toString(), dir]);
    return new Clone(dir, new Git(dir, TEST_GIT_ENV));
  }

  async commit(files: Record<string, string>, message: string, trailers: string[] = []): Promise<string> {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(this.dir, path)), { recursive: true });
      await writeFile(join(this.dir, path), content);
    }
    await this.git.run(['add', '--all']);
    await this.git.run(['commit', '--quiet', '--allow-empty', '-m', message, ...trailers]);
    return (await this.git.output(['rev-parse', 'HEAD'])).trim();
  }

  /** A sync commit exactly as `ecosystem sync` writes it: the Upstream-* trailers. */
  syncCommit(files: Record<string, string>, feature: string, upstreamCommit: string): Promise<string> {
    return this.commit(files, `Sync ${feature} from ${MONOREPO}`, trailerArgs({ repo: MONOREPO, commit: upstreamCommit, feature }));
  }

  async push(branch = 'main'): Promise<void> {
    await this.git.run(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
  }

  async checkout(branch: string, from = 'main'): Promise<void> {
    await this.git.run(['checkout', '--quiet', '-B', branch, from]);
  }
}

export interface Fleet {
  sim: Sim;
  admin: Octokit;
  /** A read-only token for every repository: status never needs to write. */
  readToken: string;
  root: string;
  upstream: { m0: string; m1: string; m2: string; m3: string };
  close(): Promise<void>;
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * The fleet the status tests read:
 * - monorepo: m0 (features a and b), m1 touches features/a, m2 touches only docs/,
 *   m3 touches features/a and features/b;
 * - acme/one follows a and b, synced both at m0 (a: 2 behind, b: 1 behind); an open
 *   sync PR for b brings m3 and is labelled `conflict`; an open failure issue for a;
 * - acme/two follows a, synced at m3 (up to date), and an open sync PR for a whose
 *   branch no longer merges (mergeable false, no label);
 * - acme/three follows a and has never synced; acme/empty follows a and has no commit at all;
 * - acme/gone is in the config but does not exist.
 */
export async function buildFleet(): Promise<Fleet> {
  const sim = await startSim();
  const root = await mkdtemp(join(tmpdir(), 'status-fleet-'));
  const admin = createOctokit({ auth: { kind: 'token', token: sim.adminToken, source: 'test' }, baseUrl: sim.url, log: quiet, throttle: { secondMs: 1 } });
  try {
    const seed = join(root, 'seed');
    await mkdir(seed);
    await writeFile(join(seed, 'README.md'), '# seed\n');
    for (const repo of [MONOREPO, 'acme/one', 'acme/two', 'acme/three']) await sim.createRepo(repo, { fromDir: seed });

    const mono = await Clone.of(sim, MONOREPO, root);
    const m0 = await mono.commit({ 'features/a/app.py': 'a0\n', 'features/b/app.py': 'b0\n' }, 'features a and b');
    const m1 = await mono.commit({ 'features/a/app.py': 'a1\n' }, 'change a');
    const m2 = await mono.commit({ 'docs/guide.md': 'docs\n' }, 'docs only');
    const m3 = await mono.commit({ 'features/a/app.py': 'a3\n', 'features/b/app.py': 'b3\n' }, 'change a and b');
    await mono.push();

    const one = await Clone.of(sim, 'acme/one', root);
    await one.syncCommit({ 'app/a.py': 'a0\n' }, 'features/a', m0);
    await one.syncCommit({ 'app/b.py': 'b0\n' }, 'features/b', m0);
    await one.commit({ 'local.txt': 'own work\n' }, 'local work without trailers');
    await one.push();
    await one.checkout('ecosystem/sync/features-b');
    await one.syncCommit({ 'app/b.py': '<<<<<<< ours\nb0\n=======\nb3\n>>>>>>> upstream\n' }, 'features/b', m3);
    await one.push('ecosystem/sync/features-b');
    // Labels are created with a description first, as sync does.
    for (const name of ['upstream-sync', 'conflict']) await admin.rest.issues.createLabel({ owner: 'acme', repo: 'one', name, color: 'b60205', description: `${name} label` });
    await admin.rest.issues.createLabel({ owner: 'acme', repo: 'monorepo', name: 'upstream-issue', color: 'd93f0b', description: 'A cousin could not sync a feature' });
    const pullOne = await admin.rest.pulls.create({ owner: 'acme', repo: 'one', head: 'ecosystem/sync/features-b', base: 'main', title: 'Sync features/b' });
    await admin.rest.issues.addLabels({ owner: 'acme', repo: 'one', issue_number: pullOne.data.number, labels: ['upstream-sync', 'conflict'] });
    await admin.rest.issues.create({
      owner: 'acme',
      repo: 'monorepo',
      title: 'Sync failed: features/a in acme/one',
      body: `The 3-way apply failed.\n\n${issueMarker('acme/one', 'features/a')}\n`,
      labels: ['upstream-issue'],
    });

    const two = await Clone.of(sim, 'acme/two', root);
    await two.syncCommit({ 'a.py': 'a3\n' }, 'features/a', m3);
    await two.checkout('ecosystem/sync/features-a');
    await two.commit({ 'README.md': '# changed on the sync branch\n' }, 'edit README on the branch');
    await two.push('ecosystem/sync/features-a');
    await two.checkout('main');
    await two.commit({ 'README.md': '# changed on main\n' }, 'edit README on main');
    await two.push();
    await admin.rest.pulls.create({ owner: 'acme', repo: 'two', head: 'ecosystem/sync/features-a', base: 'main', title: 'Sync features/a' });

    await sim.createRepo('acme/empty');
    const readToken = sim.createToken({ login: 'status-reader', repos: [MONOREPO, 'acme/one', 'acme/two', 'acme/three', 'acme/empty', 'acme/gone'], permissions: 'read' });
    return {
      sim,
      admin,
      readToken,
      root,
      upstream: { m0, m1, m2, m3 },
      async close() {
        await sim.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sim.close();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** The ecosystem.json of the fleet, as its object form. */
export const FLEET_CONFIG = {
  cousins: [
    { repo: 'acme/one', subscriptions: ['features/a', 'features/b'] },
    { repo: 'acme/two', subscriptions: ['features/a'] },
    { repo: 'acme/three', subscriptions: ['features/a'] },
    { repo: 'acme/empty', subscriptions: ['features/a'] },
    { repo: 'acme/gone', subscriptions: ['features/b'] },
  ],
};
