/**
 * Delivery benchmarks: the outbox and the write budget against github-sim enforcing
 * GitHub's content-creation limit of 500 writes an hour per identity, on a scaled clock
 * (one GitHub second lasts SECOND_MS here, on both sides). The sim enforces the hourly
 * window; the per-minute window (80) is checked on the sim's request log afterwards.
 *
 *  1. one push for 1,000 cousins: delivered, refusals, lost; wall time against the floor
 *     that 1 write/s and 500/h allow (~68 GitHub minutes);
 *  2. 10,000 cousins, a push touching a third of the features every 2 minutes for an
 *     hour: dispatches sent (coalesced) against one per push per cousin, refusals, and
 *     when every cousin had been sent the final commit;
 *  3. a CLI run killed with SIGKILL at a random point, then re-run with --pending.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Git, parseEcosystemConfig, planDispatches, type ChangedFile, type EcosystemConfig } from '@ecosystem-dispatcher/core';
import { deliverOutbox, emptyOutbox, enqueuePlan, OutboxSaver, pendingEntries, type Outbox, type OutboxStore } from '@ecosystem-dispatcher/dispatch';
import { createOctokit, GITHUB_WRITE_BUDGET, WriteBudget, type BudgetWindow } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { prng } from './prng.js';

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };
const sha = (text: string) => createHash('sha1').update(text).digest('hex');

/** Keeps saves in memory and counts them: the store's speed is not what is measured here. */
class CountingStore implements OutboxStore {
  readonly where = 'memory';
  saves = 0;
  async load(): Promise<Outbox> {
    return emptyOutbox();
  }
  async save(): Promise<void> {
    this.saves += 1;
  }
}

/** GitHub seconds until the n-th write may leave, writes 1 s apart within the windows. */
export function floorSeconds(writes: number, windows: readonly BudgetWindow[] = GITHUB_WRITE_BUDGET): number {
  const sent: number[] = [];
  let t = 0;
  for (let i = 0; i < writes; i++) {
    if (i > 0) t += 1;
    for (let moved = true; moved; ) {
      moved = false;
      for (const w of windows) {
        const inWindow = sent.filter((at) => at > t - w.seconds);
        if (inWindow.length >= w.count) {
          t = inWindow[inWindow.length - w.count]! + w.seconds;
          moved = true;
        }
      }
    }
    sent.push(t);
  }
  return t;
}

async function simWith(repos: string[], secondMs: number): Promise<{ sim: Sim; token: string }> {
  const sim = await startSim({ contractCheck: false, rateLimit: { writesPerWindow: 500, writeWindowMs: 3600 * secondMs, retryAfterSeconds: 60, maxConcurrent: 100 } });
  const queue = [...repos];
  await Promise.all(Array.from({ length: 6 }, async () => {
    for (let repo = queue.shift(); repo; repo = queue.shift()) await sim.createRepo(repo);
  }));
  return { sim, token: sim.createToken({ login: 'dispatcher', repos }) };
}

function writeLog(sim: Sim) {
  const posts = sim.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/dispatches'));
  return { posts, refusals: posts.filter((r) => r.fault === 'rate-limit').length };
}

/** The most writes any window of `seconds` GitHub seconds saw at the sim. */
function busiestWindow(at: number[], seconds: number, secondMs: number): number {
  const sorted = [...at].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= seconds * secondMs) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

function clientFor(sim: Sim, token: string, secondMs: number, budget: WriteBudget) {
  return createOctokit({ auth: { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, throttle: { secondMs }, budget, log: QUIET });
}

async function onePushForAThousand(): Promise<string[]> {
  // 10 ms: the machine answers a dispatch well within one scaled second, so the run is
  // bound by the limits, as on GitHub, not by this box.
  const SECOND_MS = 10;
  const COUSINS = 1_000;
  const repos = Array.from({ length: COUSINS }, (_, i) => `org-${i % 20}/cousin-${i}`);
  const config = parseEcosystemConfig(JSON.stringify({ cousins: repos.map((repo) => ({ repo, subscriptions: ['features/webpush/flask'] })) }), 'ecosystem.json');
  const plan = planDispatches({ config, files: [{ status: 'M', path: 'features/webpush/flask/app.py' }], head: sha('head'), base: sha('base'), sourceRepo: 'acme/monorepo', ref: 'refs/heads/main' });
  const { sim, token } = await simWith(repos, SECOND_MS);
  try {
    const budget = new WriteBudget(GITHUB_WRITE_BUDGET, { secondMs: SECOND_MS });
    const octokit = clientFor(sim, token, SECOND_MS, budget);
    const store = new CountingStore();
    const outbox = enqueuePlan(emptyOutbox(), plan, new Date());
    const started = Date.now();
    const { report } = await deliverOutbox(outbox, { octokitFor: () => octokit, saver: new OutboxSaver(store), budget });
    const wallGitHubSeconds = (Date.now() - started) / SECOND_MS;
    const { posts, refusals } = writeLog(sim);
    const received = new Set(sim.dispatches().map((d) => d.repo));
    const floor = floorSeconds(COUSINS);
    const perMinute = busiestWindow(posts.map((r) => Date.parse(r.at)), 60, SECOND_MS);
    const boundBy = (wallGitHubSeconds - floor) / COUSINS > 0.2 ? `this box (${((wallGitHubSeconds * SECOND_MS) / COUSINS).toFixed(0)} ms per dispatch against ${SECOND_MS} ms per scaled second): the run measures the machine, not the limits` : 'the limits';
    return [
      `delivery 1: one push for ${COUSINS.toLocaleString('en')} cousins through the outbox; github-sim refuses a 501st write in any hour; clock 1 GitHub s = ${SECOND_MS} ms`,
      `  delivered ${report.counts.delivered}/${COUSINS}, refusals ${refusals}, lost ${COUSINS - received.size}; requests ${posts.length}; busiest minute ${perMinute} writes (limit 80); outbox saves ${store.saves}`,
      `  wall ${(wallGitHubSeconds / 60).toFixed(1)} GitHub min vs floor ${(floor / 60).toFixed(1)} min (1 write/s, 500/h) = ${(wallGitHubSeconds / floor).toFixed(3)}x (target <= 1.1x); bound by ${boundBy}`,
    ];
  } finally {
    await sim.close();
  }
}

/** 10,000 cousins over 30 features, each subscribing to one to three. */
function fleetOf(count: number, features: string[], random: () => number): EcosystemConfig {
  const cousins = Array.from({ length: count }, (_, i) => {
    const picks = new Set<string>();
    while (picks.size < 1 + (i % 3)) picks.add(features[Math.floor(random() * features.length)]!);
    return { repo: `org-${i % 50}/cousin-${i}`, subscriptions: [...picks] };
  });
  return parseEcosystemConfig(JSON.stringify({ cousins }), 'ecosystem.json');
}

async function tenThousandUnderPushes(): Promise<string[]> {
  // 2 ms: 500 dispatches take this box a few seconds, well inside one scaled hour (7.2 s).
  const SECOND_MS = 2;
  const COUSINS = 10_000;
  const PUSHES = 30;
  const PUSH_EVERY = 120;
  const random = prng(14);
  const features = Array.from({ length: 30 }, (_, i) => `features/f${i}`);
  const config = fleetOf(COUSINS, features, random);
  const repos = config.cousins.map((c) => c.repo);
  const heads = Array.from({ length: PUSHES + 1 }, (_, i) => sha(`push-${i}`));
  const plans = Array.from({ length: PUSHES }, (_, k) => {
    const touched = [...features].sort(() => random() - 0.5).slice(0, features.length / 3);
    const files: ChangedFile[] = touched.map((f) => ({ status: 'M', path: `${f}/main.py` }));
    return planDispatches({ config, files, head: heads[k + 1]!, base: heads[k]!, sourceRepo: 'acme/monorepo', ref: 'refs/heads/main' });
  });
  const naive = plans.reduce((sum, plan) => sum + plan.dispatches.length, 0);
  const { sim, token } = await simWith(repos, SECOND_MS);
  try {
    const budget = new WriteBudget(GITHUB_WRITE_BUDGET, { secondMs: SECOND_MS });
    const octokit = clientFor(sim, token, SECOND_MS, budget);
    const saver = new OutboxSaver(new CountingStore());
    let outbox = emptyOutbox();
    const t0 = Date.now();
    const gitHubNow = () => (Date.now() - t0) / SECOND_MS;
    let planned = 0;
    // Runs back to back, as the workflow's concurrency group makes them: each plans every
    // push that has happened, then sends until the next push is due.
    for (;;) {
      while (planned < PUSHES && gitHubNow() >= planned * PUSH_EVERY) outbox = enqueuePlan(outbox, plans[planned++]!, new Date());
      const nextPushAt = planned < PUSHES ? t0 + planned * PUSH_EVERY * SECOND_MS : undefined;
      if (pendingEntries(outbox).length === 0) {
        if (nextPushAt === undefined) break;
        await sleep(nextPushAt - Date.now());
        continue;
      }
      const { report } = await deliverOutbox(outbox, { octokitFor: () => octokit, saver, budget, ...(nextPushAt ? { deadline: nextPushAt } : {}) });
      if (report.counts.delivered === 0) await sleep(Math.max(1, Math.min(budget.delayMs(), (nextPushAt ?? Infinity) - Date.now())));
    }
    const hours = gitHubNow() / 3600;
    const { posts, refusals } = writeLog(sim);
    const finalHead = heads[PUSHES]!;
    const lastByRepo = new Map(sim.dispatches().map((d) => [d.repo, d.client_payload.commit_sha]));
    const behind = repos.filter((repo) => lastByRepo.has(repo) && lastByRepo.get(repo) !== finalHead && config.cousins.find((c) => c.repo === repo));
    const notified = lastByRepo.size;
    const perMinute = busiestWindow(posts.map((r) => Date.parse(r.at)), 60, SECOND_MS);
    return [
      `delivery 2: ${COUSINS.toLocaleString('en')} cousins, ${PUSHES} pushes 2 min apart each touching ${features.length / 3} of ${features.length} features; 500 writes/h; clock 1 GitHub s = ${SECOND_MS} ms`,
      `  dispatches sent ${posts.length.toLocaleString('en')} (coalesced) vs ${naive.toLocaleString('en')} one per push per cousin (${(naive / posts.length).toFixed(1)}x fewer); refusals ${refusals}; busiest minute ${perMinute} writes`,
      `  cousins notified ${notified.toLocaleString('en')}; whose last dispatch is not the final commit: ${behind.length}; every cousin sent the final commit after ${hours.toFixed(1)} GitHub hours (floor for ${notified.toLocaleString('en')} at 500/h: ${(notified / 500).toFixed(1)} h)`,
    ];
  } finally {
    await sim.close();
  }
}

const BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));

/** SIGKILLs a CLI run at a random point, re-runs it with --pending, counts lost and repeated cousins. */
async function killedAndReRun(): Promise<string[]> {
  // 5 rounds x 80 = 400 dispatches: inside one hour's 500, because each CLI process starts
  // with an empty write budget (the budget is not yet kept in the outbox across runs).
  const COUSINS = 80;
  const ROUNDS = 5;
  const repos = Array.from({ length: COUSINS }, (_, i) => `acme/cousin-${i}`);
  const random = prng(9);
  const { sim, token } = await simWith(repos, 5);
  const dir = await mkdtemp(join(tmpdir(), 'bench-killed-'));
  const git = new Git(dir, { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' });
  const lines: string[] = [];
  try {
    await git.run(['init', '--quiet']);
    await writeFile(join(dir, 'ecosystem.json'), JSON.stringify({ cousins: repos.map((repo) => ({ repo, subscriptions: ['features/a'] })) }));
    await mkdir(join(dir, 'features', 'a'), { recursive: true });
    await commitFeature(git, dir, 0);
    let worstDuplicates = 0;
    let lost = 0;
    const env = { PATH: process.env.PATH ?? '', ECOSYSTEM_TOKEN: token, ECOSYSTEM_SECOND_MS: '5' };
    for (let round = 1; round <= ROUNDS; round++) {
      const before = sim.dispatches().length;
      const head = await commitFeature(git, dir, round);
      const killAfter = 1 + Math.floor(random() * (COUSINS - 2));
      const child = spawn(process.execPath, [BIN, 'dispatch', '--state', 'outbox.json', '--api-url', sim.url, '--base', `${head}~1`, '--head', head], { cwd: dir, env, stdio: 'ignore' });
      let exited = false;
      child.on('exit', () => (exited = true));
      while (!exited && sim.dispatches().length - before < killAfter) await sleep(2);
      if (!exited) {
        child.kill('SIGKILL');
        await new Promise((resolve) => child.on('exit', resolve));
      }
      const rerun = spawn(process.execPath, [BIN, 'dispatch', '--state', 'outbox.json', '--api-url', sim.url, '--pending'], { cwd: dir, env, stdio: 'ignore' });
      await new Promise((resolve) => rerun.on('exit', resolve));
      const thisRound = sim.dispatches().slice(before).filter((d) => d.client_payload.commit_sha === head);
      const perRepo = new Map<string, number>();
      for (const d of thisRound) perRepo.set(d.repo, (perRepo.get(d.repo) ?? 0) + 1);
      lost += repos.filter((repo) => !perRepo.has(repo)).length;
      worstDuplicates = Math.max(worstDuplicates, thisRound.length - perRepo.size);
      lines.push(`  round ${round}: killed after ${killAfter} deliveries; after the re-run ${perRepo.size}/${COUSINS} cousins have the commit, ${thisRound.length - perRepo.size} sent twice`);
    }
    return [`delivery 3: a CLI run SIGKILLed at a random point, then re-run with --pending (${ROUNDS} rounds, ${COUSINS} cousins, --state FILE)`, ...lines, `  lost ${lost}, worst duplicates in a round ${worstDuplicates} (target: lost 0, duplicates <= 1)`];
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function commitFeature(git: Git, dir: string, round: number): Promise<string> {
  await writeFile(join(dir, 'features', 'a', 'main.py'), `v${round}\n`);
  await git.run(['add', '-A']);
  await git.run(['commit', '--quiet', '-m', `features/a v${round}`]);
  return (await git.output(['rev-parse', 'HEAD'])).trim();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** `npm run bench` runs the 1,000-cousin push; `tsx bench/delivery.ts 2` and `3` run the others (minutes each). */
export async function benchDelivery(): Promise<string[]> {
  return onePushForAThousand();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const which = process.argv[2];
  const run = which === '1' ? onePushForAThousand : which === '2' ? tenThousandUnderPushes : which === '3' ? killedAndReRun : benchDelivery;
  for (const line of await run()) console.log(line);
}
