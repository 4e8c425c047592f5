import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTempRepo, type TempRepo } from '@ecosystem-dispatcher/core/testing';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';

const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const FLEET = Array.from({ length: 30 }, (_, i) => `acme/cousin-${String(i).padStart(2, '0')}`);
const ECOSYSTEM = JSON.stringify({
  cousins: [
    { repo: 'acme/flask-app', subscriptions: ['features/flask'] },
    { repo: 'acme/react-app', subscriptions: ['features/react'] },
    { repo: 'acme/pwa-app', subscriptions: ['features/pwa'] },
    ...FLEET.map((repo) => ({ repo, subscriptions: ['features/fleet'] })),
  ],
});

let repo: TempRepo;
let sim: Sim;
let token: string;
let commits: string[];

beforeEach(async () => {
  repo = await createTempRepo();
  commits = [await repo.commit({ 'ecosystem.json': ECOSYSTEM, 'features/flask/a': '0', 'features/react/a': '0', 'features/pwa/a': '0', 'features/fleet/a': '0' })];
  for (const feature of ['flask', 'react', 'pwa', 'fleet']) commits.push(await repo.commit({ [`features/${feature}/a`]: '1' }));
  sim = await startSim();
  const repos = ['acme/flask-app', 'acme/react-app', 'acme/pwa-app', ...FLEET];
  for (const name of repos) await sim.createRepo(name);
  token = sim.createToken({ login: 'dispatcher', repos });
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
  await repo.remove();
});

async function dispatch(argv: string[], env: Record<string, string> = {}) {
  const io = captureIO({ cwd: repo.dir, env: { ECOSYSTEM_TOKEN: token, ECOSYSTEM_SECOND_MS: '1', GITHUB_REPOSITORY: 'acme/monorepo', ...env } });
  // One GitHub second is 1 ms here, so the default 50 minutes would be 3 s: too short for a busy machine.
  const code = await runCli(['dispatch', '--api-url', sim.url, '--state', 'outbox.json', '--max-duration', '1000h', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

const received = (name: string) => sim.dispatches(name).map((d) => d.client_payload.commit_sha);

describe('ecosystem dispatch with an outbox', () => {
  it('a run GitHub cancelled while pending loses nothing: the next run plans from the last planned commit', async () => {
    expect((await dispatch(['--base', commits[0]!, '--head', commits[1]!])).code).toBe(0);
    // The run for commits[2] (react) was cancelled before it started; the one for commits[3] (pwa) runs.
    const { code, out } = await dispatch(['--base', commits[2]!, '--head', commits[3]!]);
    expect(code).toBe(0);
    expect(received('acme/flask-app')).toEqual([commits[1]]);
    expect(received('acme/react-app')).toEqual([commits[3]]);
    expect(received('acme/pwa-app')).toEqual([commits[3]]);
    expect(sim.dispatches('acme/react-app')[0]!.client_payload).toMatchObject({ before_sha: commits[1], updated_features: ['features/react'] });
    expect(out).toContain('2 delivered, 0 failed, 0 skipped of 2');
  });

  it('a re-run of a delivered push sends nothing; --pending sends only what is pending', async () => {
    expect((await dispatch(['--base', commits[0]!, '--head', commits[2]!])).code).toBe(0);
    const before = sim.dispatches().length;
    expect((await dispatch(['--base', commits[0]!, '--head', commits[2]!])).out).toContain('Nothing to dispatch.');
    expect((await dispatch(['--pending'])).out).toContain('Nothing to dispatch.');
    expect(sim.dispatches()).toHaveLength(before);
  });

  it('a bad token stops the run at the first 401 with one line; the next run with a good token sends everything', async () => {
    const bad = await dispatch(['--base', commits[0]!, '--head', commits[4]!], { ECOSYSTEM_TOKEN: 'ghp_revoked_long_ago' });
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('error: GitHub refused the token (401 Bad credentials) for acme/cousin-00: it is wrong, expired or revoked; no further cousin was tried\n');
    expect(sim.requests().filter((r) => r.path.endsWith('/dispatches'))).toHaveLength(1);
    const good = await dispatch(['--pending']);
    expect(good.code).toBe(0);
    expect(sim.dispatches()).toHaveLength(FLEET.length + 3);
  });

  it('an exhausted --max-duration leaves the rest pending (exit 0, with a warning) for --pending to send', async () => {
    // A budget of 5 writes an hour and a run of 20 minutes: five go now, the rest wait.
    const first = await dispatch(['--base', commits[0]!, '--head', commits[4]!, '--write-budget', '5/h', '--max-duration', '20m']);
    expect(first.code).toBe(0);
    expect(first.err).toContain('warning: 28 cousin(s) left pending');
    expect(sim.dispatches()).toHaveLength(5);
    expect((await dispatch(['--pending'])).code).toBe(0);
    expect(new Set(sim.dispatches().map((d) => d.repo)).size).toBe(FLEET.length + 3);
    expect(sim.dispatches()).toHaveLength(FLEET.length + 3);
  });

  it('keeps the outbox on a ref of the monorepo, pushed with the job token', async () => {
    const { cloneUrl } = await sim.createRepo('acme/monorepo', { private: true });
    const jobToken = sim.createToken({ login: 'github-actions', repos: ['acme/monorepo'], permissions: { contents: 'write' } });
    await repo.git.run(['remote', 'add', 'origin', cloneUrl]);
    const argv = ['--state-ref', 'refs/ecosystem/outbox', '--base', commits[0]!, '--head', commits[3]!];
    const first = await runCli(['dispatch', '--api-url', sim.url, ...argv], captureIO({ cwd: repo.dir, env: { ECOSYSTEM_TOKEN: token, GITHUB_TOKEN: jobToken, ECOSYSTEM_SECOND_MS: '1' } }));
    expect(first).toBe(0);
    expect(sim.dispatches()).toHaveLength(3);
    // A fresh runner: the local copy of the ref is gone, the remote one remains.
    await repo.git.run(['update-ref', '-d', 'refs/ecosystem/outbox']);
    const io = captureIO({ cwd: repo.dir, env: { ECOSYSTEM_TOKEN: token, GITHUB_TOKEN: jobToken, ECOSYSTEM_SECOND_MS: '1' } });
    expect(await runCli(['dispatch', '--api-url', sim.url, ...argv], io)).toBe(0);
    expect(io.out()).toContain('Nothing to dispatch.');
    expect(sim.dispatches()).toHaveLength(3);
  });

  it('says what it needs in one line', async () => {
    expect((await runCli(['dispatch', '--pending'], captureIO({ cwd: repo.dir }))).valueOf()).toBe(2);
    const io = captureIO({ cwd: repo.dir });
    await runCli(['dispatch', '--pending', '--state', 'x.json', '--state-ref', 'refs/ecosystem/outbox'], io);
    expect(io.err()).toContain('choose one of --state FILE or --state-ref REF');
    const bad = captureIO({ cwd: repo.dir, env: { ECOSYSTEM_TOKEN: 't' } });
    expect(await runCli(['dispatch', '--pending', '--state', 'x.json', '--write-budget', 'lots'], bad)).toBe(2);
    expect(bad.err()).toContain('--write-budget "lots" is not COUNT/UNIT');
  });
});

// Child processes on a shared, busy machine: these two get three minutes.
describe('ecosystem dispatch stopped from outside', () => {
  function start(env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [BIN, 'dispatch', '--api-url', sim.url, '--state', 'outbox.json', '--base', commits[3]!, '--head', commits[4]!, '--report', 'report.json'], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '', ECOSYSTEM_TOKEN: token, ECOSYSTEM_SECOND_MS: '40', GITHUB_REPOSITORY: 'acme/monorepo', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, err: () => err };
  }

  async function untilDelivered(count: number, run: ReturnType<typeof start>): Promise<void> {
    let exited = false;
    void run.exited.then(() => (exited = true));
    while (sim.dispatches().length < count) {
      // A child that stops early (a refused payload, say) fails the test with what it said.
      if (exited) throw new Error(`dispatch exited before ${count} deliveries: ${run.err()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('SIGKILL at any point, then a re-run: no cousin lost, at most one sent twice', async () => {
    const run = start();
    await untilDelivered(5 + Math.floor(Math.random() * 10), run);
    run.child.kill('SIGKILL');
    await run.exited;
    expect((await dispatch(['--pending'])).code).toBe(0);
    const counts = FLEET.map((name) => sim.dispatches(name).length);
    expect(counts.every((n) => n >= 1)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0) - FLEET.length).toBeLessThanOrEqual(1);
  }, 180_000);

  it('SIGTERM finishes the send in flight and writes the outbox, report, step summary and outputs', async () => {
    const outputs = join(repo.dir, 'github-output');
    const summary = join(repo.dir, 'summary.md');
    await writeFile(outputs, '');
    const run = start({ GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary });
    await untilDelivered(5, run);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(1);
    expect(run.err()).toContain('stopped by SIGTERM: the outbox is saved; the next run sends what is pending');
    const report = JSON.parse(await readFile(join(repo.dir, 'report.json'), 'utf8'));
    expect(report.counts.pending).toBeGreaterThan(0);
    expect(report.counts.delivered + report.counts.pending).toBe(FLEET.length);
    expect(await readFile(summary, 'utf8')).toContain(`${report.counts.pending} pending (sent by a later run)`);
    expect(await readFile(outputs, 'utf8')).toMatch(/pending<<ghadelimiter_[0-9a-f-]+\n\["acme\/cousin-/);
    expect((await dispatch(['--pending'])).code).toBe(0);
    expect(FLEET.map((name) => sim.dispatches(name).length)).toEqual(FLEET.map(() => 1));
  }, 180_000);
});
