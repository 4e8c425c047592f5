import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { createOctokit } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { issueMarker, trailerArgs } from '@ecosystem-dispatcher/sync';

export interface StatusFleet {
  sim: Sim;
  dir: string;
  /** ecosystem.json of the fleet, written in `dir`. */
  config: string;
  token: string;
  close(): Promise<void>;
}

const MONOREPO = 'acme/monorepo';
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * A small fleet in github-sim, built with real git pushes:
 * acme/one follows features/a (2 commits behind, open failure issue) and features/b
 * (1 behind, open sync PR labelled conflict); acme/two follows features/a and is up to
 * date; acme/three never synced; acme/gone does not exist.
 */
export async function buildStatusFleet(): Promise<StatusFleet> {
  const sim = await startSim();
  const dir = await mkdtemp(join(tmpdir(), 'cli-status-'));
  const close = async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const admin = createOctokit({ auth: { kind: 'token', token: sim.adminToken, source: 'test' }, baseUrl: sim.url, log: quiet, throttle: { secondMs: 1 } });
    await writeFiles(dir, { 'seed/README.md': '# seed\n' });
    for (const repo of [MONOREPO, 'acme/one', 'acme/two', 'acme/three']) await sim.createRepo(repo, { fromDir: join(dir, 'seed') });
    const mono = await clone(sim, dir, MONOREPO);
    const m0 = await commit(mono, { 'features/a/x': '0', 'features/b/y': '0' }, 'a and b');
    await commit(mono, { 'features/a/x': '1' }, 'a');
    const m2 = await commit(mono, { 'features/a/x': '2', 'features/b/y': '2' }, 'a and b again');
    await mono.run(['push', '--quiet', 'origin', 'HEAD:main']);

    const sync = (feature: string, upstream: string) => trailerArgs({ repo: MONOREPO, commit: upstream, feature });
    const one = await clone(sim, dir, 'acme/one');
    await commit(one, { 'a/x': '0' }, 'Sync features/a', sync('features/a', m0));
    await commit(one, { 'b/y': '0' }, 'Sync features/b', sync('features/b', m0));
    await one.run(['push', '--quiet', 'origin', 'HEAD:main']);
    await commit(one, { 'b/y': '<<<<<<< ours\n0\n=======\n2\n>>>>>>> upstream\n' }, 'Sync features/b', sync('features/b', m2));
    await one.run(['push', '--quiet', 'origin', 'HEAD:refs/heads/ecosystem/sync/features-b']);
    await admin.rest.issues.createLabel({ owner: 'acme', repo: 'one', name: 'conflict', color: 'b60205', description: 'Has merge conflicts' });
    const pull = await admin.rest.pulls.create({ owner: 'acme', repo: 'one', head: 'ecosystem/sync/features-b', base: 'main', title: 'Sync features/b' });
    await admin.rest.issues.addLabels({ owner: 'acme', repo: 'one', issue_number: pull.data.number, labels: ['conflict'] });
    await admin.rest.issues.createLabel({ owner: 'acme', repo: 'monorepo', name: 'upstream-issue', color: 'd93f0b', description: 'A cousin could not sync' });
    await admin.rest.issues.create({ owner: 'acme', repo: 'monorepo', title: 'Sync failed: features/a in acme/one', body: `Failed.\n\n${issueMarker('acme/one', 'features/a')}\n`, labels: ['upstream-issue'] });

    const two = await clone(sim, dir, 'acme/two');
    await commit(two, { 'x': '2' }, 'Sync features/a', sync('features/a', m2));
    await two.run(['push', '--quiet', 'origin', 'HEAD:main']);

    const config = join(dir, 'ecosystem.json');
    await writeFile(config, JSON.stringify([
      { repo: 'acme/one', subscriptions: ['features/a', 'features/b'] },
      { repo: 'acme/two', subscriptions: ['features/a'] },
      { repo: 'acme/three', subscriptions: ['features/a'] },
      { repo: 'acme/gone', subscriptions: ['features/a'] },
    ]));
    const token = sim.createToken({ login: 'reader', repos: '*', permissions: 'read' });
    return { sim, dir, config, token, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function clone(sim: Sim, dir: string, fullName: string): Promise<Git> {
  const url = new URL(`${sim.gitUrl}/${fullName}.git`);
  url.username = 'x-access-token';
  url.password = sim.adminToken;
  const target = join(dir, fullName.replace('/', '__'));
  await new Git(dir, TEST_GIT_ENV).run(['clone', '--quiet', url.toString(), target]);
  return new Git(target, TEST_GIT_ENV);
}

async function commit(git: Git, files: Record<string, string>, message: string, extra: string[] = []): Promise<string> {
  await writeFiles(git.cwd, files);
  await git.run(['add', '--all']);
  await git.run(['commit', '--quiet', '-m', message, ...extra]);
  return (await git.output(['rev-parse', 'HEAD'])).trim();
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}
