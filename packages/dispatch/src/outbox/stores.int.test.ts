import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planned, planOf } from '../test-support/sim.js';
import { emptyOutbox, enqueuePlan } from './state.js';
import { GitRefStore, OUTBOX_REF, OutboxSaver, type OutboxStore } from './stores.js';

let sim: Sim;
let dir: string;
let cloneUrl: string;
let token: string;

beforeEach(async () => {
  sim = await startSim();
  ({ cloneUrl } = await sim.createRepo('acme/monorepo', { private: true }));
  token = sim.createToken({ login: 'dispatch-job', repos: ['acme/monorepo'], permissions: { contents: 'write' } });
  dir = await mkdtemp(join(tmpdir(), 'outbox-ref-'));
});

afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh checkout on another runner: nothing local survives between runs. */
async function freshCheckout(name: string): Promise<Git> {
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const git = new Git(join(dir, name), { ...TEST_GIT_ENV, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
  await new Git(dir, TEST_GIT_ENV).run(['init', '--quiet', name]);
  await git.run(['remote', 'add', 'origin', cloneUrl]);
  return git;
}

describe('GitRefStore', () => {
  it('starts empty, then keeps the outbox on the ref across fresh checkouts, one commit per save', async () => {
    const first: OutboxStore = new GitRefStore(await freshCheckout('run-1'));
    expect(await first.load()).toEqual(emptyOutbox());
    const outbox = enqueuePlan(emptyOutbox(), planOf([planned('acme/one')]), new Date());
    await first.save(outbox);
    outbox.entries['acme/one']!.attempts = 2;
    await first.save(outbox);
    const checkout = await freshCheckout('run-2');
    const second = new GitRefStore(checkout);
    expect(await second.load()).toEqual(outbox);
    expect((await checkout.output(['rev-list', '--count', OUTBOX_REF])).trim()).toBe('2');
  });

  it('refuses to overwrite a state another run pushed meanwhile', async () => {
    const a = new GitRefStore(await freshCheckout('a'));
    const b = new GitRefStore(await freshCheckout('b'));
    await a.load();
    await b.load();
    await a.save({ ...emptyOutbox(), plannedThrough: 'a'.repeat(40) });
    await expect(b.save({ ...emptyOutbox(), plannedThrough: 'b'.repeat(40) })).rejects.toThrow('refs/ecosystem/outbox of origin moved while this run held it (another dispatch run?); it was not overwritten, and the next run starts from it');
  });

  it('saves in the background and flush waits for the newest state', async () => {
    const store = new GitRefStore(await freshCheckout('saver'));
    const saver = new OutboxSaver(store);
    for (let i = 0; i < 5; i++) saver.request({ ...emptyOutbox(), plannedThrough: String(i).repeat(40) });
    await saver.flush();
    expect((await new GitRefStore(await freshCheckout('check')).load()).plannedThrough).toBe('4'.repeat(40));
  });
});
