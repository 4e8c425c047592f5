import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { emptyOutbox, enqueuePlan, GitRefStore, markFailed, type Outbox } from '@ecosystem-dispatcher/dispatch';
import { gitAuthEnv } from '@ecosystem-dispatcher/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';
import { buildStatusFleet, type StatusFleet } from '../test-support/status-fleet.js';

const HEAD = 'c'.repeat(40);
let fleet: StatusFleet;
let outbox: Outbox;

beforeAll(async () => {
  fleet = await buildStatusFleet();
  const plan = { head: HEAD, base: 'b'.repeat(40), sourceRepo: 'acme/monorepo', ref: 'refs/heads/main', skipped: [], dispatches: [
    { repo: 'acme/one', eventType: 'feature-update', features: ['features/a'], files: ['features/a/x'], payload: {} as never },
    { repo: 'acme/three', eventType: 'feature-update', features: ['features/a'], files: ['features/a/x'], payload: {} as never },
  ] };
  outbox = enqueuePlan(emptyOutbox(), plan, new Date('2026-01-02T03:04:05.678Z'));
  markFailed(outbox, 'acme/three', new Date('2026-01-02T03:05:00Z'), 'the repository does not exist or the token cannot see it', 404);
  await writeFile(join(fleet.dir, 'outbox.json'), JSON.stringify(outbox));
});
afterAll(async () => {
  await fleet?.close();
});

async function status(argv: string[]) {
  const io = captureIO({ cwd: fleet.dir, env: { ECOSYSTEM_TOKEN: fleet.token } });
  const code = await runCli(['status', '--config', 'ecosystem.json', '--api-url', fleet.sim.url, '--monorepo', 'acme/monorepo', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('ecosystem status with the outbox', () => {
  it('lists what each cousin is still owed, since when, its tries and the last error', async () => {
    const { code, out } = await status(['--state', 'outbox.json']);
    expect(code).toBe(0);
    expect(out).toContain(`Delivery (planned through ${HEAD.slice(0, 12)}):`);
    expect(out).toMatch(/acme\/one +features\/a +cccccccccccc +2026-01-02T03:04:05Z +0 *\n/);
    expect(out).toMatch(/acme\/three +features\/a +cccccccccccc +2026-01-02T03:04:05Z +1 +the repository does not exist or the token cannot see it/);
    expect(out).toContain('2 cousin(s) with a dispatch pending');
  });

  it('puts the same in the JSON report', async () => {
    const { out } = await status(['--state', 'outbox.json', '--format', 'json']);
    expect(JSON.parse(out).delivery).toEqual({
      plannedThrough: HEAD,
      pending: [
        { repo: 'acme/one', features: ['features/a'], commit: HEAD, since: '2026-01-02T03:04:05.678Z', attempts: 0 },
        { repo: 'acme/three', features: ['features/a'], commit: HEAD, since: '2026-01-02T03:04:05.678Z', attempts: 1, lastError: 'the repository does not exist or the token cannot see it' },
      ],
    });
  });

  it('reads the outbox from the monorepo ref through the API with two requests', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'status-outbox-'));
    try {
      const git = new Git(dir, { ...TEST_GIT_ENV, ...gitAuthEnv(fleet.sim.adminToken) });
      await git.run(['init', '--quiet']);
      await git.run(['remote', 'add', 'origin', `${new URL(fleet.sim.url).origin}/acme/monorepo.git`]);
      await new GitRefStore(git).save(outbox);
      const before = fleet.sim.requests().length;
      const withRef = await status(['--state-ref', 'refs/ecosystem/outbox', '--format', 'json']);
      const without = fleet.sim.requests().length - before;
      await status(['--format', 'json']);
      const plain = fleet.sim.requests().length - before - without;
      expect(JSON.parse(withRef.out).delivery.pending).toHaveLength(2);
      expect(without - plain).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an absent ref is an empty outbox', async () => {
    const { code, out } = await status(['--state-ref', 'refs/ecosystem/nothing-here']);
    expect(code).toBe(0);
    expect(out).toContain('Nothing pending: every planned dispatch was delivered.');
  });
});
