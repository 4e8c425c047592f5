/**
 * Dispatch benchmark: one push that concerns 1,000 cousins, sent through `sendDispatches`
 * and the project's Octokit factory to github-sim with GitHub's limits (the sim's strict
 * defaults: 80 content-creating requests per minute and 500 per hour per identity, 900
 * points per endpoint and minute, retry-after only sometimes).
 *
 * GitHub asks for writes one at a time, at least 1 s apart, so a real run is bound by
 * that spacing, not by the machine. To keep the run short, the clock is scaled on both
 * sides: one GitHub second lasts SECOND_MS on the client (write spacing, retry-after,
 * backoff) and the sim's limit windows are scaled the same way (its `secondMs`). The figures say what the
 * limits allow (the floor), what the run took, and what that means on real GitHub.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseEcosystemConfig, planDispatches, type ChangedFile } from '@ecosystem-dispatcher/core';
import { sendDispatches } from '@ecosystem-dispatcher/dispatch';
import { createOctokit } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';

const COUSINS = 1_000;
const FEATURES = ['features/webpush/flask', 'features/webpush/react', 'features/pwa/vanilla', 'features/cms/supabase/flask-implementation', 'features/auth/flask'];
/** Milliseconds per GitHub second: 1 s of GitHub pacing becomes 5 ms here. */
const SECOND_MS = 5;
const SCALE = 1000 / SECOND_MS;
/** GitHub: at most 500 content-creating requests per hour per identity (secondary limit). */
const WRITES_PER_HOUR = 500;
const HEAD = 'c'.repeat(40);
const BASE = 'd'.repeat(40);

/** Every cousin subscribes to two or three of the five features; the push touches all five. */
function pushFor1000Cousins() {
  const cousins = Array.from({ length: COUSINS }, (_, i) => ({
    repo: `org-${i % 20}/cousin-${i}`,
    subscriptions: [FEATURES[i % 5]!, FEATURES[(i + 2) % 5]!, ...(i % 3 === 0 ? [FEATURES[(i + 4) % 5]!] : [])],
  }));
  const config = parseEcosystemConfig(JSON.stringify({ cousins }), 'ecosystem.json');
  const files: ChangedFile[] = FEATURES.flatMap((feature) => [`${feature}/app.py`, `${feature}/README.md`]).map((path) => ({ status: 'M', path }));
  const plan = planDispatches({ config, files, head: HEAD, base: BASE, sourceRepo: 'acme/monorepo', ref: 'refs/heads/main' });
  // The seed prototype: one dispatch per changed feature to every cousin that subscribes to any changed feature.
  const changedFeatures = new Set(FEATURES);
  const seedRequests = changedFeatures.size * config.cousins.filter((c) => c.subscriptions.some((s) => changedFeatures.has(s))).length;
  return { plan, seedRequests, repos: cousins.map((c) => c.repo) };
}

async function createRepos(sim: Sim, repos: string[]): Promise<void> {
  const queue = [...repos];
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let repo = queue.shift(); repo; repo = queue.shift()) await sim.createRepo(repo);
  }));
}

export async function benchDispatch(): Promise<string[]> {
  const { plan, seedRequests, repos } = pushFor1000Cousins();
  const sim = await startSim({ contractCheck: false, secondMs: SECOND_MS });
  try {
    await createRepos(sim, repos);
    const token = sim.createToken({ login: 'dispatcher', repos });
    // No waiting out a refusal: past the hour's 500 writes a wait of the better part of an
    // hour would follow, which the run reports instead of sitting through.
    const octokit = createOctokit({ auth: { kind: 'token', token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, throttle: { secondMs: SECOND_MS, rateLimitRetries: 0 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
    const started = performance.now();
    const report = await sendDispatches(plan, { octokitFor: () => octokit });
    const wallMs = performance.now() - started;
    const posts = sim.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/dispatches'));
    const limited = posts.filter((r) => r.fault === 'rate-limit').length;
    const receivers = new Set(sim.dispatches().map((d) => d.repo));
    const inFirstHour = Math.min(plan.dispatches.length, WRITES_PER_HOUR);
    const floorMs = (inFirstHour - 1) * SECOND_MS;
    const realMinutes = (ms: number) => ((ms * SCALE) / 60_000).toFixed(1);
    const seedFloorMs = (seedRequests - 1) * SECOND_MS;
    // GitHub's hour holds 500 writes of one identity: the rest must wait for the next hour,
    // unless this box is so slow that the run itself outlasts the scaled hour.
    const first = posts[0] ? Date.parse(posts[0].at) : 0;
    const acceptedInFirstHour = posts.filter((r) => r.status === 204 && Date.parse(r.at) - first < 3600 * SECOND_MS).length;
    if (acceptedInFirstHour > WRITES_PER_HOUR || receivers.size !== report.counts.delivered) {
      throw new Error(`github-sim accepted ${acceptedInFirstHour} dispatches in the first GitHub hour (limit ${WRITES_PER_HOUR}); ${report.counts.delivered} delivered to ${receivers.size} cousins`);
    }
    const n = plan.dispatches.length;
    const perDispatchMs = wallMs / posts.length;
    const boundBy = perDispatchMs > SECOND_MS * 1.2 ? 'the machine (Octokit queues and the sim on this box), not the limit' : 'the write spacing';
    return [
      `dispatch: ${COUSINS} cousins, one push touching ${FEATURES.length} features; github-sim at GitHub's limits (80 writes/min and ${WRITES_PER_HOUR}/h per identity, 900 points/endpoint/min)`,
      `  clock scaled 1:${SCALE}: 1 GitHub second = ${SECOND_MS} ms (write spacing 1 s -> ${SECOND_MS} ms, hour window -> ${(3600 * SECOND_MS) / 1000} s)`,
      `  delivered ${report.counts.delivered}/${n} (${acceptedInFirstHour} in the first GitHub hour), refused ${report.counts.failed} (secondary-limit refusals ${limited}: the ${WRITES_PER_HOUR}/h budget, left for the next hour); dispatch requests ${posts.length}`,
      `  wall ${(wallMs / 1000).toFixed(2)} s vs floor ${(floorMs / 1000).toFixed(2)} s (${inFirstHour - 1} gaps x ${SECOND_MS} ms) = ${(wallMs / floorMs).toFixed(2)}x; ${perDispatchMs.toFixed(1)} ms per request: bound by ${boundBy}`,
      `  real GitHub: ${inFirstHour} dispatches take ${realMinutes(floorMs)} min at 1 write/s; all ${n} need at least ${(60 + ((n - WRITES_PER_HOUR) / 60)).toFixed(0)} min (the hour's ${WRITES_PER_HOUR}, then one per second as the hour slides)`,
      `  seed prototype, same push: ${seedRequests} requests (features x cousins, ${(seedRequests / n).toFixed(1)}x as many); floor ${realMinutes(seedFloorMs)} min at 1 write/s`,
    ];
  } finally {
    await sim.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchDispatch()) console.log(line);
}
