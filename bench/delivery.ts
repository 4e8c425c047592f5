/**
 * Delivery benchmarks: the outbox and the write budget against github-sim at GitHub's
 * limits (its strict defaults: 80 content-creating requests a minute and 500 an hour per
 * identity), on a scaled clock shared by both sides (one GitHub second lasts SECOND_MS).
 *
 *  1. one push for 1,000 cousins: delivered, refusals, lost; time against the floor that
 *     1 write/s, 80/min and 500/h allow (~68 GitHub minutes), split into what the requests
 *     took on this box and what the planner waited beyond the limits;
 *  2. 10,000 cousins, a push touching a third of the features every 2 minutes for an
 *     hour (delivery-fleet.ts);
 *  3. a CLI run killed with SIGKILL at a random point, then re-run (delivery-killed.ts).
 *
 * `BENCH_SECOND_MS` overrides each benchmark's clock (a slower clock leaves the box more
 * real time per GitHub second).
 */
import { pathToFileURL } from 'node:url';
import { parseEcosystemConfig, planDispatches } from '@ecosystem-dispatcher/core';
import { GITHUB_WRITE_BUDGET } from '@ecosystem-dispatcher/github';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { deliverOutbox, emptyOutbox, enqueuePlan, OutboxSaver } from '@ecosystem-dispatcher/dispatch';
import { fleetUnderPushes } from './delivery-fleet.js';
import { killedAndReRun } from './delivery-killed.js';
import { CountingStore, dispatchLog, secondMsOr, sha, simWithRepos, timedClient } from './sim-fleet.js';
import { analyseSchedule, busiestWindow, floorSeconds } from './write-schedule.js';

const minutes = (seconds: number) => (seconds / 60).toFixed(1);

async function onePushForAThousand(): Promise<string[]> {
  // 20 ms: a lightly loaded box answers a dispatch within one scaled second, so the run
  // is bound by the limits, as on GitHub; the analysis says how much the box added anyway.
  const SECOND_MS = secondMsOr(20);
  const COUSINS = 1_000;
  const repos = Array.from({ length: COUSINS }, (_, i) => `org-${i % 20}/cousin-${i}`);
  const config = parseEcosystemConfig(JSON.stringify({ cousins: repos.map((repo) => ({ repo, subscriptions: ['features/webpush/flask'] })) }), 'ecosystem.json');
  const plan = planDispatches({ config, files: [{ status: 'M', path: 'features/webpush/flask/app.py' }], head: sha('head'), base: sha('base'), sourceRepo: 'acme/monorepo', ref: 'refs/heads/main' });
  const { sim, token } = await simWithRepos(repos, SECOND_MS);
  try {
    const perDispatchMs = await boxCostPerDispatch(sim, repos, SECOND_MS);
    if (process.env.BENCH_PROGRESS) console.error(`  baseline ${perDispatchMs.toFixed(1)} ms per dispatch`);
    const { octokit, budget, writes } = timedClient(sim, token, SECOND_MS);
    const store = new CountingStore();
    const outbox = enqueuePlan(emptyOutbox(), plan, new Date());
    const t0 = Date.now();
    const progress = process.env.BENCH_PROGRESS ? (done: number) => done % 50 === 0 && console.error(`  [${done}] ${((Date.now() - t0) / SECOND_MS).toFixed(0)} GitHub s`) : undefined;
    const { report } = await deliverOutbox(outbox, { octokitFor: () => octokit, saver: new OutboxSaver(store), budget, budgetKey: 'token ECOSYSTEM_TOKEN', ...(progress ? { onProgress: progress } : {}) });
    const { posts, times, refusals } = dispatchLog(sim);
    const received = new Set(sim.dispatches().filter((d) => d.event_type !== 'baseline').map((d) => d.repo));
    const a = analyseSchedule(writes, SECOND_MS);
    const boxFloor = floorSeconds(COUSINS, GITHUB_WRITE_BUDGET, perDispatchMs / SECOND_MS);
    return [
      `delivery 1: one push for ${COUSINS.toLocaleString('en')} cousins through the outbox; github-sim at GitHub's limits (80/min, 500/h); clock 1 GitHub s = ${SECOND_MS} ms`,
      `  delivered ${report.counts.delivered}/${COUSINS}, refusals ${refusals}, lost ${COUSINS - received.size}; requests ${posts.length}; busiest minute ${busiestWindow(times, 60, SECOND_MS)} writes (limit 80), busiest hour ${busiestWindow(times, 3600, SECOND_MS)} (limit 500); outbox saves ${store.saves}`,
      `  time ${minutes(a.wallSeconds)} GitHub min vs GitHub's floor ${minutes(a.floorSeconds)} min (1 write/s, 80/min, 500/h) = ${(a.wallSeconds / a.floorSeconds).toFixed(3)}x (target <= 1.1x)`,
      `  baseline, same run: one dispatch costs this box ${perDispatchMs.toFixed(1)} ms unpaced = ${(perDispatchMs / SECOND_MS).toFixed(2)} GitHub s, so the floor this box can reach is ${minutes(boxFloor)} min: the run = ${(a.wallSeconds / boxFloor).toFixed(3)}x that`,
      `  requests ${(a.requestSeconds * SECOND_MS / writes.length).toFixed(1)} ms each; waiting beyond what spacing and windows allowed after the previous answer: ${minutes(a.slackSeconds)} GitHub min in all (${((a.slackSeconds * SECOND_MS) / writes.length).toFixed(1)} ms per dispatch: timers and the event loop on this box)`,
    ];
  } finally {
    await sim.close();
  }
}

/** Real ms per dispatch with no pacing at all, on a second identity so the run's budget stays whole. */
async function boxCostPerDispatch(sim: Sim, repos: readonly string[], secondMs: number): Promise<number> {
  const SAMPLE = 100;
  sim.setRateLimit({ contentPerMinute: 1e9, contentPerHour: 1e9, endpointPointsPerMinute: 1e9 });
  try {
    const token = sim.createToken({ login: 'baseline', repos: [...repos] });
    const { octokit } = timedClient(sim, token, secondMs, undefined, true);
    const started = Date.now();
    for (const repo of repos.slice(0, SAMPLE)) {
      const [owner, name] = repo.split('/');
      await octokit.request('POST /repos/{owner}/{repo}/dispatches', { owner: owner!, repo: name!, event_type: 'baseline' });
    }
    return (Date.now() - started) / SAMPLE;
  } finally {
    sim.setRateLimit(null);
  }
}

/** `npm run bench` runs all three; `tsx bench/delivery.ts 1` (or 2, 3) runs one. */
export async function benchDelivery(): Promise<string[]> {
  return [...(await onePushForAThousand()), '', ...(await fleetUnderPushes()), '', ...(await killedAndReRun())];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const which = process.argv[2];
  const run = which === '1' ? onePushForAThousand : which === '2' ? fleetUnderPushes : which === '3' ? killedAndReRun : benchDelivery;
  for (const line of await run()) console.log(line);
}
