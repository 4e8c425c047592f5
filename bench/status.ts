/**
 * Status benchmark: the API requests one `ecosystem status` run makes, counted at
 * github-sim, per cousin and on the monorepo, for a fleet of COUSINS cousins that each
 * follow two features synced at an older monorepo commit (so "behind" is counted), a
 * quarter of them with an open sync PR. The figure that matters: requests per cousin,
 * and what 1,000 cousins cost against one token's 5,000 requests an hour. Then a second,
 * scheduled run with the first run's kept answers (`--cache FILE`) and nothing changed:
 * its requests, and those that counted against the primary limit (a 304 does not).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Git, parseEcosystemConfig } from '@ecosystem-dispatcher/core';
import { ConditionalCache, createOctokit, RepoClients } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { readFleetStatus } from '@ecosystem-dispatcher/status';
import { trailerArgs } from '@ecosystem-dispatcher/sync';

const COUSINS = 24;
const MONOREPO = 'acme/monorepo';
const FEATURES = ['features/a', 'features/b'];
const QUIET = { debug() {}, info() {}, warn() {}, error() {} };
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };

async function localRepo(root: string, name: string): Promise<Git> {
  const git = new Git(join(root, name), GIT_ENV);
  await new Git(root, GIT_ENV).run(['init', '--quiet', '-b', 'main', name]);
  return git;
}

async function commit(git: Git, message: string, trailers: string[] = []): Promise<string> {
  await git.run(['commit', '--quiet', '--allow-empty', '-m', message, ...trailers]);
  return (await git.output(['rev-parse', 'HEAD'])).trim();
}

function pushUrl(sim: Sim, repo: string): string {
  const url = new URL(`${sim.gitUrl}/${repo}.git`);
  url.username = 'x-access-token';
  url.password = sim.adminToken;
  return url.toString();
}

/** Monorepo m0..m3 touching both features; every cousin synced both at m0; every 4th has a sync PR bringing the head. */
async function buildFleet(sim: Sim, root: string): Promise<string[]> {
  const mono = await localRepo(root, 'monorepo');
  const commits: string[] = [];
  for (let i = 0; i < 4; i++) {
    for (const feature of FEATURES) {
      await mkdir(join(root, 'monorepo', feature), { recursive: true });
      await writeFile(join(root, 'monorepo', feature, 'app.py'), `v${i}\n`);
    }
    await mono.run(['add', '-A']);
    commits.push(await commit(mono, `m${i}`));
  }
  await sim.createRepo(MONOREPO);
  await mono.run(['push', '--quiet', pushUrl(sim, MONOREPO), 'HEAD:refs/heads/main']);
  const m0 = commits[0]!;
  const head = commits[3]!;
  const cousin = await localRepo(root, 'cousin');
  await commit(cousin, 'cousin start');
  for (const feature of FEATURES) await commit(cousin, `Sync ${feature}`, trailerArgs({ repo: MONOREPO, commit: m0, feature }));
  await commit(cousin, 'own work');
  const admin = createOctokit({ auth: { kind: 'token', token: sim.adminToken, source: 'bench' }, baseUrl: sim.url, log: QUIET, throttle: { secondMs: 1 } });
  const repos = Array.from({ length: COUSINS }, (_, i) => `org-${i % 4}/cousin-${i}`);
  for (const [i, repo] of repos.entries()) {
    await sim.createRepo(repo);
    await cousin.run(['push', '--quiet', pushUrl(sim, repo), 'HEAD:refs/heads/main']);
    if (i % 4 !== 0) continue;
    await cousin.run(['commit', '--quiet', '--allow-empty', '-m', 'Sync features/a', ...trailerArgs({ repo: MONOREPO, commit: head, feature: 'features/a' })]);
    await cousin.run(['push', '--quiet', pushUrl(sim, repo), 'HEAD:refs/heads/ecosystem/sync/features-a']);
    await cousin.run(['reset', '--quiet', '--hard', 'HEAD~1']);
    const [owner, name] = repo.split('/');
    await admin.rest.pulls.create({ owner: owner!, repo: name!, head: 'ecosystem/sync/features-a', base: 'main', title: 'Sync features/a' });
  }
  return repos;
}

export async function benchStatus(): Promise<string[]> {
  const sim = await startSim({ contractCheck: false });
  const root = await mkdtemp(join(tmpdir(), 'bench-status-'));
  try {
    const repos = await buildFleet(sim, root);
    const token = sim.createToken({ login: 'status-reader', repos: '*' });
    const auth = { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' } as const;
    const cache = new ConditionalCache();
    const config = parseEcosystemConfig(JSON.stringify(repos.map((repo) => ({ repo, subscriptions: FEATURES }))), 'ecosystem.json');
    const status = await readFleetStatus({ config, monorepo: MONOREPO, clients: new RepoClients(auth, { baseUrl: sim.url, log: QUIET, cache }) });
    const requests = sim.requests().filter((r) => r.login === 'status-reader');
    const scheduled = await scheduledRun(sim, token, requests.length, async () => {
      // A new run: new clients, the answers kept in the cache file (saved and loaded as `--cache` does).
      const file = join(root, 'status-cache.json');
      await cache.save(file);
      await readFleetStatus({ config, monorepo: MONOREPO, clients: new RepoClients(auth, { baseUrl: sim.url, log: QUIET, cache: await ConditionalCache.load(file) }) });
    });
    const onMonorepo = requests.filter((r) => r.path.startsWith(`/repos/${MONOREPO}/`) || r.path === `/repos/${MONOREPO}`).length;
    const perCousin = (requests.length - onMonorepo) / repos.length;
    const withPull = repos.filter((_, i) => i % 4 === 0);
    const countFor = (repo: string) => requests.filter((r) => r.path === `/repos/${repo}` || r.path.startsWith(`/repos/${repo}/`)).length;
    const pullCost = withPull.map(countFor);
    const plainCost = repos.filter((_, i) => i % 4 !== 0).map(countFor);
    // The monorepo's requests do not grow with the fleet (asked once per commit, path and feature).
    const thousand = Math.round(perCousin * 1000 + onMonorepo);
    const behind = status.rows.filter((row) => (row.behind ?? 0) > 0).length;
    return [
      `status: ${COUSINS} cousins x ${FEATURES.length} features, synced at an older monorepo commit (${behind} rows behind), ${withPull.length} with an open sync PR; requests counted at github-sim`,
      `  ${requests.length} requests: ${perCousin.toFixed(1)} per cousin (${Math.min(...plainCost)}-${Math.max(...plainCost)} without a sync PR, ${Math.min(...pullCost)}-${Math.max(...pullCost)} with one), ${onMonorepo} on the monorepo in all`,
      `  1,000 such cousins: about ${thousand.toLocaleString('en')} requests = ${((thousand / 5000) * 100).toFixed(0)}% of one PAT's 5,000 an hour`,
      ...scheduled,
    ];
  } finally {
    await sim.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** The token's spent primary budget, as GitHub reports it (GET /rate_limit itself is free). */
async function primaryUsed(sim: Sim, token: string): Promise<number> {
  const response = await fetch(`${sim.url}/rate_limit`, { headers: { authorization: `token ${token}` } });
  return ((await response.json()) as { resources: { core: { used: number } } }).resources.core.used;
}

/** A repeat run with nothing changed: what it asks, and what of it counts against the primary limit. */
async function scheduledRun(sim: Sim, token: string, firstRequests: number, run: () => Promise<void>): Promise<string[]> {
  const before = sim.requests().length;
  const usedBefore = await primaryUsed(sim, token);
  await run();
  const counted = (await primaryUsed(sim, token)) - usedBefore;
  const asked = sim.requests().slice(before).filter((r) => r.login === 'status-reader' && r.path !== '/rate_limit');
  const notFound = asked.filter((r) => r.status === 404).length;
  const perCousin = counted / COUSINS;
  const thousand = Math.round(perCousin * 1000);
  return [
    `  scheduled repeat with the kept cache, nothing changed: ${asked.length} requests (first run ${firstRequests}), ${asked.filter((r) => r.status === 304).length} answered 304; ${counted} counted against the primary limit (${notFound} of them 404s, which carry no ETag)`,
    `  = ${perCousin.toFixed(2)} counted per cousin; 1,000 such cousins: about ${thousand.toLocaleString('en')} = ${((thousand / 5000) * 100).toFixed(0)}% of one PAT's 5,000 an hour`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchStatus()) console.log(line);
}
