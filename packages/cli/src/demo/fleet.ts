import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Git, SCHEMA_URLS } from '@ecosystem-dispatcher/core';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { gitAuthEnv } from '@ecosystem-dispatcher/sync';
import { demoBins, runNode } from './processes.js';

export const MONOREPO = 'acme/monorepo';

/** A cousin of the demo fleet: what it starts with and how create-cousin sets it up. */
export interface DemoCousin {
  repo: string;
  subscribe: string[];
  layout: string;
  files: Record<string, string>;
}

export const DEMO_COUSINS: readonly DemoCousin[] = [
  {
    repo: 'acme/flask-push-app',
    subscribe: ['features/webpush/flask:app/push'],
    layout: 'own layout (feature under app/push), with a local edit',
    files: { 'README.md': '# Flask push app\n', 'app/main.py': 'from push.app import create_app\n\napp = create_app()\n' },
  },
  {
    repo: 'acme/react-push-app',
    subscribe: ['features/webpush/react'],
    layout: 'mirror layout (same paths as the monorepo)',
    files: { 'README.md': '# React push app\n', 'index.html': '<div id="root"></div>\n' },
  },
  {
    repo: 'acme/pwa-starter',
    subscribe: ['features/pwa/vanilla:public'],
    layout: 'subscribed to pwa/vanilla only (under public/)',
    files: { 'README.md': '# PWA starter\n' },
  },
];

export interface FleetContext {
  sim: Sim;
  token: string;
  work: string;
  env: Record<string, string>;
  monorepo: Git;
  cousins: Map<string, Git>;
}

export interface SetupReport {
  scaffolded: Array<{ repo: string; layout: string; subscribe: string[]; files: string[] }>;
  lint: { ok: boolean; problems: number };
}

/**
 * A clone as actions/checkout makes one with `persist-credentials: false`: nothing stored in
 * it. The returned Git carries the token in its environment (as sync does), never in argv,
 * a URL or .git/config.
 */
export async function cloneRepo(ctx: Pick<FleetContext, 'sim' | 'token' | 'env'>, repo: string, dir: string): Promise<Git> {
  const git = new Git(dir, { ...ctx.env, ...gitAuthEnv(ctx.token) });
  await mkdir(dir, { recursive: true });
  await git.run(['clone', '--quiet', `${ctx.sim.gitUrl}/${repo}.git`, '.']);
  return git;
}

export async function commitAndPush(git: Git, message: string): Promise<{ before: string; after: string }> {
  const before = (await git.output(['rev-parse', 'HEAD'])).trim();
  await git.run(['add', '--all']);
  await git.run(['commit', '--quiet', '-m', message]);
  const after = (await git.output(['rev-parse', 'HEAD'])).trim();
  await git.run(['push', '--quiet', 'origin', 'HEAD:main']);
  return { before, after };
}

/**
 * The monorepo from examples/monorepo with no cousins yet, and three cousins scaffolded
 * with create-cousin and registered in its ecosystem.json, then linted.
 */
export async function setUpFleet(ctx: FleetContext, exampleDir: string): Promise<SetupReport> {
  const seed = join(ctx.work, 'seed', 'monorepo');
  await cp(exampleDir, seed, { recursive: true });
  await writeFile(join(seed, 'ecosystem.json'), `${JSON.stringify({ $schema: SCHEMA_URLS.ecosystem, cousins: [] }, null, 2)}\n`);
  await ctx.sim.createRepo(MONOREPO, { fromDir: seed, description: 'Features that cousins follow' });
  ctx.monorepo = await cloneRepo(ctx, MONOREPO, join(ctx.work, 'monorepo'));

  const bins = demoBins();
  const scaffolded: SetupReport['scaffolded'] = [];
  for (const cousin of DEMO_COUSINS) {
    const cousinSeed = join(ctx.work, 'seed', cousin.repo);
    for (const [path, content] of Object.entries(cousin.files)) {
      await mkdir(join(cousinSeed, path, '..'), { recursive: true });
      await writeFile(join(cousinSeed, path), content);
    }
    await ctx.sim.createRepo(cousin.repo, { fromDir: cousinSeed });
    const git = await cloneRepo(ctx, cousin.repo, join(ctx.work, 'cousins', cousin.repo));
    const args = [git.cwd, '--upstream', MONOREPO, ...cousin.subscribe.flatMap((s) => ['--subscribe', s]), '--repo', cousin.repo, '--yes', '--register', join(ctx.monorepo.cwd, 'ecosystem.json')];
    const result = await runNode(bins.createCousin, args, { cwd: ctx.work, env: ctx.env });
    if (result.code !== 0) throw new Error(`create-cousin for ${cousin.repo} failed: ${lastLine(result.stderr || result.stdout)}`);
    const files = (await git.output(['status', '--porcelain', '--untracked-files=all'])).split('\n').filter(Boolean).map((line) => line.slice(3));
    await commitAndPush(git, 'Follow the monorepo with Ecosystem Dispatcher');
    ctx.cousins.set(cousin.repo, git);
    scaffolded.push({ repo: cousin.repo, layout: cousin.layout, subscribe: cousin.subscribe, files });
  }
  await commitAndPush(ctx.monorepo, 'Register the cousins');

  const lint = await runNode(bins.ecosystem, ['lint', 'ecosystem.json', '--root', '.', '--format', 'json'], { cwd: ctx.monorepo.cwd, env: ctx.env });
  if (lint.code === 2) throw new Error(`ecosystem lint failed: ${lastLine(lint.stderr)}`);
  const report = JSON.parse(lint.stdout) as { ok: boolean; problems: unknown[] };
  return { scaffolded, lint: { ok: report.ok, problems: report.problems.length } };
}

export async function editFile(git: Git, path: string, edit: (text: string) => string): Promise<void> {
  const file = join(git.cwd, path);
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the demo's edit of ${path} changed nothing`);
  await writeFile(file, after);
}

export function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
