import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo, type TempRepo } from '@ecosystem-dispatcher/core/testing';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';

// One GitHub second lasts SECOND_MS on both sides: the sim's hour is 3.6 s.
const SECOND_MS = 1;
const HOURLY = 5;
const FLEET = Array.from({ length: 12 }, (_, i) => `acme/cousin-${String(i).padStart(2, '0')}`);

let repo: TempRepo;
let sim: Sim;
let token: string;
let head: string;

beforeEach(async () => {
  repo = await createTempRepo();
  await repo.commit({ 'ecosystem.json': JSON.stringify(FLEET.map((name) => ({ repo: name, subscriptions: ['features/a'] }))), 'features/a/x': '0' });
  head = await repo.commit({ 'features/a/x': '1' });
  // GitHub's secondary limits, with an hourly content limit of HOURLY so two runs meet it.
  sim = await startSim({ secondMs: SECOND_MS, rateLimit: { contentPerHour: HOURLY } });
  for (const name of FLEET) await sim.createRepo(name);
  token = sim.createToken({ login: 'dispatcher', repos: FLEET });
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
  await repo.remove();
});

async function dispatch(argv: string[]) {
  const io = captureIO({ cwd: repo.dir, env: { ECOSYSTEM_TOKEN: token, ECOSYSTEM_SECOND_MS: String(SECOND_MS), GITHUB_REPOSITORY: 'acme/monorepo' } });
  const code = await runCli(['dispatch', '--api-url', sim.url, '--state', 'outbox.json', '--write-budget', `80/min,${HOURLY}/h`, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

const refusals = () => sim.requests().filter((r) => r.fault === 'rate-limit');

/** The most writes any window of `seconds` GitHub seconds saw at the sim. */
function busiest(times: number[], seconds: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= seconds * SECOND_MS) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('the write budget is kept with the outbox across runs', () => {
  it('a second run within the hour starts from what the first spent: zero secondary-limit refusals', async () => {
    // The first run spends (up to) the hour's budget, then stops at its deadline, 3,000
    // GitHub seconds (3 s): a busy machine may not have sent all HOURLY by then.
    const first = await dispatch(['--base', `${head}~1`, '--head', head, '--max-duration', '3000s']);
    expect(first.code).toBe(0);
    const sentFirst = sim.dispatches().length;
    expect(sentFirst).toBeGreaterThan(0);
    expect(sentFirst).toBeLessThanOrEqual(HOURLY);
    const saved = JSON.parse(await readFile(join(repo.dir, 'outbox.json'), 'utf8'));
    expect(saved.writeSpend['token ECOSYSTEM_TOKEN']).toHaveLength(sentFirst);

    // Started at once, the second run waits until the first run's writes leave the hour,
    // then sends more: none of them meets GitHub's limit.
    const second = await dispatch(['--pending', '--max-duration', '5000s']);
    expect(second.code).toBe(0);
    expect(refusals()).toEqual([]);
    const times = sim.requests().filter((r) => r.path.endsWith('/dispatches')).map((r) => Date.parse(r.at));
    // Both runs together: never more than HOURLY in any hour, and past it only once the hour slid.
    expect(times.length).toBeGreaterThan(HOURLY);
    expect(times[HOURLY]! - times[0]!).toBeGreaterThanOrEqual(3600 * SECOND_MS);
    expect(busiest(times, 3600)).toBe(HOURLY);
  }, 60_000);
});
