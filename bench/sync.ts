/**
 * Sync benchmark: a generated monorepo of 20,000 files and 2,000 commits, served by
 * github-sim over git's smart HTTP. One cousin syncs one feature (100 files) with
 * `runSync` — first sync, then a later one after 10 more upstream commits — and the same
 * run clones the monorepo whole, as the seed's workflow did. Figures: bytes received
 * (git pack files) and wall time. Target: the sync at most a tenth of the full clone on
 * both.
 */
import { mkdtemp, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Git, parseCousinConfig, parseDispatchPayload } from '@ecosystem-dispatcher/core';
import { createOctokit, type Octokit } from '@ecosystem-dispatcher/github';
import { startSim } from '@ecosystem-dispatcher/github-sim';
import { gitAuthEnv, runSync, UpstreamRepo } from '@ecosystem-dispatcher/sync';
import { prng } from './prng.js';
import { startThrottledLink, type LinkModel } from './throttled-link.js';

/** A typical link to GitHub from a developer machine or a self-hosted runner. */
const LINK: LinkModel = { rttMs: 40, bitsPerSecond: 50_000_000 };

const GROUPS = 50;
const IMPLS = 4;
const DIRS = 5;
const FILES_PER_DIR = 20; // 50 × 4 × 5 × 20 = 20,000 files
const COMMITS = 2_000;
const FILES_PER_COMMIT = 5;
const FEATURE = 'features/g07/i2';
const UPSTREAM = 'acme/monorepo';
const COUSIN = 'acme/cousin';
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };

const WORDS = 'const let return if else for while import export from class function async await value result items config request response error handler route user session token cache store index count total update create delete fetch render props state context service client server model view query param field record list map set key name path data body header status message event'.split(' ');

/** About 2 KB of source-like text: compresses like code does, not like repeated bytes. */
function sourceText(next: () => number, lines = 40): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const words = Array.from({ length: 4 + Math.floor(next() * 8) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    out.push(`${'  '.repeat(Math.floor(next() * 3))}${words.join(' ')}_${Math.floor(next() * 1000)};`);
  }
  return `${out.join('\n')}\n`;
}

const filePath = (g: number, i: number, d: number, f: number) => `features/g${String(g).padStart(2, '0')}/i${i}/d${d}/file-${f}.py`;

/** The `git fast-import` stream: one commit with every file, then small commits touching a few files each. */
function fastImportStream(): Buffer {
  const next = prng(7);
  const chunks: string[] = [];
  const start = Math.floor(Date.now() / 1000) - 20 * 24 * 3600;
  const commit = (n: number, files: [string, string][]) => {
    const when = start + n * 600;
    const message = `Change ${n}\n`;
    chunks.push(`commit refs/heads/main\nauthor Bench <bench@example.com> ${when} +0000\ncommitter Bench <bench@example.com> ${when} +0000\ndata ${Buffer.byteLength(message)}\n${message}`);
    for (const [path, text] of files) chunks.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    chunks.push('\n');
  };
  const all: [string, string][] = [];
  for (let g = 0; g < GROUPS; g++) for (let i = 0; i < IMPLS; i++) for (let d = 0; d < DIRS; d++) for (let f = 0; f < FILES_PER_DIR; f++) all.push([filePath(g, i, d, f), sourceText(next)]);
  commit(1, all);
  for (let n = 2; n <= COMMITS; n++) {
    const touched = Array.from({ length: FILES_PER_COMMIT }, () => all[Math.floor(next() * all.length)]![0]);
    commit(n, touched.map((path) => [path, sourceText(next)]));
  }
  return Buffer.from(chunks.join(''));
}

async function packBytes(gitDir: string): Promise<number> {
  const dir = join(gitDir, 'objects', 'pack');
  let total = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) if (name.endsWith('.pack')) total += (await stat(join(dir, name))).size;
  return total;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (time: number) => `${Math.round(time)} ms`;
const ratio = (part: number, whole: number) => `1/${(whole / part).toFixed(1)}`;

export async function benchSync(): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'ecosystem-bench-sync-'));
  // GitHub's limits (the sim's defaults) on the client's scaled clock: one GitHub second = 1 ms.
  const sim = await startSim({ contractCheck: false, secondMs: 1 });
  try {
    const generated = performance.now();
    const upstream = await sim.createRepo(UPSTREAM);
    const bare = new Git(upstream.path, GIT_ENV);
    await bare.run(['fast-import', '--quiet'], { input: fastImportStream() });
    await bare.run(['repack', '-a', '-d', '--quiet']);
    const generateMs = performance.now() - generated;

    const seed = join(scratch, 'cousin-seed');
    await mkdir(seed, { recursive: true });
    const config = { upstream: UPSTREAM, subscriptions: { [FEATURE]: 'app' } };
    await writeFile(join(seed, 'subscriptions.json'), JSON.stringify(config));
    await sim.createRepo(COUSIN, { fromDir: seed });
    const token = sim.createToken({ login: 'sync-bot', repos: [UPSTREAM, COUSIN], permissions: 'write' });
    const git = new Git(scratch, { ...GIT_ENV, ...gitAuthEnv(token) });

    const cloneStarted = performance.now();
    await git.run(['clone', '--quiet', '--bare', `${sim.gitUrl}/${UPSTREAM}.git`, join(scratch, 'full.git')]);
    const cloneMs = performance.now() - cloneStarted;
    const cloneBytes = await packBytes(join(scratch, 'full.git'));

    await git.run(['clone', '--quiet', `${sim.gitUrl}/${COUSIN}.git`, join(scratch, 'cousin')]);
    const octokit = clientFor(token, sim.url);
    const sync = async (commit: string) => {
      // A client of its own, as every workflow run starts with an empty request cache.
      const runOctokit = clientFor(token, sim.url);
      const asked = sim.requests().length;
      const started = performance.now();
      const result = await runSync({
        config: parseCousinConfig(JSON.stringify(config), 'subscriptions.json'),
        request: { kind: 'dispatch', payload: parseDispatchPayload({ payload_version: 2, commit_sha: commit, source_repo: UPSTREAM, updated_features: [FEATURE] }) },
        repoDir: join(scratch, 'cousin'), cousin: COUSIN, cousinOctokit: runOctokit, upstreamOctokit: runOctokit, cousinToken: token, upstreamToken: token,
        log: () => {}, gitEnv: GIT_ENV,
      });
      const status = result.features[0]?.status;
      if (status !== 'proposed') throw new Error(`the sync did not propose a pull request (${status})`);
      return { time: performance.now() - started, bytes: result.upstreamBytes, requests: sim.requests().length - asked };
    };
    const tip = (await bare.output(['rev-parse', 'main'])).trim();
    const fetched = await fetchLikeSync(`${sim.gitUrl}/${UPSTREAM}.git`, token, octokit, tip);
    const first = await sync(tip);

    // Ten more upstream commits, two of them in the feature; the open PR gets a commit on top.
    const work = join(scratch, 'mono-work');
    await git.run(['clone', '--quiet', '--filter=blob:none', '--sparse', `${sim.gitUrl}/${UPSTREAM}.git`, work]);
    const mono = git.at(work);
    await mono.run(['sparse-checkout', 'set', FEATURE, 'features/g01/i0']);
    const next = prng(11);
    for (let n = 0; n < 10; n++) {
      const path = n % 5 === 0 ? filePath(7, 2, n % DIRS, n) : filePath(1, 0, n % DIRS, n);
      await writeFile(join(work, path), sourceText(next));
      await mono.run(['commit', '--quiet', '-am', `Later change ${n}`]);
    }
    await mono.run(['push', '--quiet', 'origin', 'HEAD:main']);
    const second = await sync((await mono.output(['rev-parse', 'HEAD'])).trim());

    // The same clone and the same fetch again, through a link with real bandwidth and latency.
    const link = await startThrottledLink(Number(new URL(sim.gitUrl).port), LINK);
    const linkUrl = `http://127.0.0.1:${link.port}/${UPSTREAM}.git`;
    // The API calls of the fetch go through the same link.
    const linkOctokit = clientFor(token, `http://127.0.0.1:${link.port}/api/v3`);
    let linkClone: number;
    let linkFetch: { time: number; bytes: number };
    try {
      const started = performance.now();
      await git.run(['clone', '--quiet', '--bare', linkUrl, join(scratch, 'full-over-link.git')]);
      linkClone = performance.now() - started;
      linkFetch = await fetchLikeSync(linkUrl, token, linkOctokit, tip);
    } finally {
      await link.close();
    }

    const verdict = (bytes: number, time: number) => (bytes * 10 <= cloneBytes && time * 10 <= cloneMs ? 'target met (≤ 1/10 of both)' : 'target NOT met (≤ 1/10 of both)');
    return [
      `sync: monorepo of ${(GROUPS * IMPLS * DIRS * FILES_PER_DIR).toLocaleString('en')} files / ${COMMITS.toLocaleString('en')} commits (generated with git fast-import in ${ms(generateMs)}), one feature of ${DIRS * FILES_PER_DIR} files`,
      `  full clone (the seed's way):   ${mb(cloneBytes).padStart(10)}   ${ms(cloneMs).padStart(8)}`,
      `  fetch for one feature:         ${mb(fetched.bytes).padStart(10)}   ${ms(fetched.time).padStart(8)}   bytes ${ratio(fetched.bytes, cloneBytes)}, time ${ratio(fetched.time, cloneMs)} — ${verdict(fetched.bytes, fetched.time)}`,
      `  first sync (copy, opens PR):   ${mb(first.bytes).padStart(10)}   ${ms(first.time).padStart(8)}   bytes ${ratio(first.bytes, cloneBytes)}, time ${ratio(first.time, cloneMs)} — ${verdict(first.bytes, first.time)}`,
      `  next sync (3-way, updates PR): ${mb(second.bytes).padStart(10)}   ${ms(second.time).padStart(8)}   bytes ${ratio(second.bytes, cloneBytes)}, time ${ratio(second.time, cloneMs)} — ${verdict(second.bytes, second.time)}`,
      `  API requests of one run: first sync ${first.requests} (opens the PR, creates the sync labels), next sync ${second.requests} (updates the PR); before the lean-sync work 16 and 11`,
      '  (fetch: what a sync reads upstream — the history, and beside it one API call naming the feature\'s tree and one fetch of that tree with its files; sync: the whole command, also merge, push and the pull request)',
      `  over a ${LINK.bitsPerSecond / 1e6} Mbit/s, ${LINK.rttMs} ms link (a throttling proxy in front of the sim, measured):`,
      `    full clone ${ms(linkClone).padStart(8)}   fetch for one feature ${ms(linkFetch.time).padStart(8)}   time ${ratio(linkFetch.time, linkClone)} — ${linkFetch.bytes * 10 <= cloneBytes && linkFetch.time * 10 <= linkClone ? 'target met (≤ 1/10 of both)' : 'target NOT met (≤ 1/10 of both)'}`,
    ];
  } finally {
    await sim.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

function clientFor(token: string, baseUrl: string): Octokit {
  return createOctokit({ auth: { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' }, baseUrl, throttle: { secondMs: 1 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/**
 * Exactly the upstream reads of a first sync, timed alone: the like-for-like comparison
 * with a clone. The API call that names the feature's tree is part of it (and of the time).
 */
async function fetchLikeSync(url: string, token: string, octokit: Octokit, commit: string): Promise<{ time: number; bytes: number }> {
  const [owner = '', repo = ''] = UPSTREAM.split('/');
  // A sync starts by reading the repository (clone URL, default branch), so its client is
  // connected when it fetches; that read is not timed here, as the clone's is not.
  await octokit.rest.repos.get({ owner, repo });
  const started = performance.now();
  const upstream = await UpstreamRepo.create({ url, defaultBranch: 'main' }, { token, env: GIT_ENV, api: { octokit, owner, repo } });
  try {
    await upstream.fetchHistoryWith(commit, [FEATURE]);
    if ((await upstream.reachability(commit)) !== 'reachable') throw new Error('the commit is not on main');
    await upstream.fetchFeatureTrees([commit], [FEATURE]);
    const entries = await upstream.listFeature(commit, FEATURE);
    const blobs = await upstream.readBlobs(entries.map((e) => e.oid));
    if (blobs.size !== DIRS * FILES_PER_DIR) throw new Error(`read ${blobs.size} files, expected ${DIRS * FILES_PER_DIR}`);
    return { time: performance.now() - started, bytes: await upstream.receivedBytes() };
  } finally {
    await upstream.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchSync()) console.log(line);
}
