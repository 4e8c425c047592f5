import { beforeAll, describe, expect, it } from 'vitest';
import { createOctokit, type Octokit } from '@ecosystem-dispatcher/github';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { type Scratch, numberedLines as lines } from './test-support/repos.js';
import { useSimAndScratch } from './test-support/sim-lifecycle.js';
import { simFixture, type SimFixture } from './test-support/sim-fixture.js';

/*
 * What one sync asks of GitHub, counted where GitHub counts it: the sim's request log. A
 * sync per cousin multiplies these numbers, and one token has 5,000 requests an hour, so a
 * change that adds a call must show here. Measured before the lean-sync work: a first sync
 * made 16 requests, an update 11, a sync with nothing new 6; before the update
 * trusted its own answer (rather than reading the pull request first), an update made 7.
 */

let sim: Sim;
let scratch: Scratch;
useSimAndScratch((started, folder) => {
  sim = started;
  scratch = folder;
});

interface Calls {
  list: string[];
  /** Answers that spent primary rate-limit budget (a 304 does not). */
  counted: number;
}

async function callsOf(run: () => Promise<unknown>): Promise<Calls> {
  const from = sim.requests().length;
  await run();
  const list = sim.requests().slice(from).map((r) => `${r.method} ${r.path.replace(/^\/repos\/acme\/[^/]+/, '')}?${r.query} ${r.status}`);
  return { list, counted: list.filter((line) => !line.endsWith(' 304')).length };
}

/** A new client per run, as each workflow run starts with an empty in-memory cache. */
function freshClient(f: SimFixture): Octokit {
  return createOctokit({ auth: { kind: 'token', token: f.token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, throttle: { secondMs: 1 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
}

function syncOwnRun(f: SimFixture, sha: string, feature: string) {
  const octokit = freshClient(f);
  return f.sync(f.dispatch(sha, [feature]), { cousinOctokit: octokit, upstreamOctokit: octokit });
}

describe('API calls of one sync, each run with a client of its own', () => {
  let f: SimFixture;
  let sha: string;
  beforeAll(async () => {
    f = await simFixture(sim, scratch, 'calls', { 'features/a/main.py': lines(5), 'features/b/main.py': lines(5) }, {}, { subscriptions: { 'features/a': 'app/a', 'features/b': 'app/b' } });
    sha = await f.upstream.head();
  });

  it('a first sync opens its pull request in 10 requests, 8 once the cousin has the sync labels', async () => {
    const first = await callsOf(() => syncOwnRun(f, sha, 'features/a'));
    expect(first.list, first.list.join('\n')).toHaveLength(10);
    expect(first.list.filter((line) => line.startsWith('POST /labels'))).toHaveLength(2);
    const second = await callsOf(() => syncOwnRun(f, sha, 'features/b'));
    expect(second.list, second.list.join('\n')).toHaveLength(8);
    expect(second.list.some((line) => line.startsWith('POST /labels'))).toBe(false);
  });

  it('an update of the open pull request takes 6 requests, and a sync with nothing new 3', async () => {
    await f.upstream.commit({ 'features/a/main.py': lines(6) });
    const next = await f.publish();
    const update = await callsOf(() => syncOwnRun(f, next, 'features/a'));
    expect(update.list, update.list.join('\n')).toHaveLength(6);
    // The update's own answer says whether the pull request is still open: no read ahead of it.
    expect(update.list.some((line) => /^GET \/pulls\/\d+\?/.test(line))).toBe(false);
    expect(update.list.filter((line) => /^(POST|PATCH|PUT|DELETE) /.test(line))).toEqual([expect.stringMatching(/^PATCH \/pulls\/\d+\? 200$/)]);
    const again = await callsOf(() => syncOwnRun(f, next, 'features/a'));
    expect(again.list, again.list.join('\n')).toHaveLength(3);
  });
});

describe('API calls of syncs that keep their answers (--cache FILE, one token)', () => {
  it('an update takes 5 requests, and a sync with nothing new spends no budget at all', async () => {
    const f = await simFixture(sim, scratch, 'kept', { 'features/a/main.py': lines(5) }, {}, { subscriptions: { 'features/a': 'app/a' } });
    await f.sync(await f.upstream.head());
    await f.upstream.commit({ 'features/a/main.py': lines(6) });
    const next = await f.publish();
    const update = await callsOf(() => f.sync(next));
    expect(update.list, update.list.join('\n')).toHaveLength(5);
    // The update retitled the pull request: the next run reads the open pull requests once more.
    await f.sync(next);
    const again = await callsOf(() => f.sync(next));
    expect(again.counted, again.list.join('\n')).toBe(0);
    expect(again.list, again.list.join('\n')).toHaveLength(2);
  });
});
