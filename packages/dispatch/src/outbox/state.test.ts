import { parseEcosystemConfig } from '@ecosystem-dispatcher/core';
import { describe, expect, it } from 'vitest';
import { planned, planOf } from '../test-support/sim.js';
import { emptyOutbox, enqueuePlan, markDelivered, markFailed, parseOutbox, pendingEntries } from './state.js';

const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);
const C3 = '3'.repeat(40);
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const pushOf = (base: string, head: string, dispatches: ReturnType<typeof planned>[]) => ({ ...planOf(dispatches), base, head });

describe('enqueuePlan coalesces', () => {
  it('gives a cousin that missed two pushes one entry with both features at the newest commit and the oldest base', () => {
    let outbox = enqueuePlan(emptyOutbox(), pushOf(C1, C2, [planned('acme/one', ['features/a'])]), at(0));
    outbox = enqueuePlan(outbox, pushOf(C2, C3, [planned('acme/one', ['features/b']), planned('acme/two', ['features/b'])]), at(2));
    expect(outbox.plannedThrough).toBe(C3);
    expect(outbox.entries['acme/one']).toMatchObject({ features: ['features/a', 'features/b'], commit: C3, before: C1, pendingSince: at(0).toISOString() });
    expect(pendingEntries(outbox).map(([key]) => key)).toEqual(['acme/one', 'acme/two']);
  });

  it('starts afresh after a delivery, keeping what was delivered', () => {
    let outbox = enqueuePlan(emptyOutbox(), pushOf(C1, C2, [planned('acme/one', ['features/a'])]), at(0));
    markDelivered(outbox, 'acme/one', at(1));
    expect(pendingEntries(outbox)).toEqual([]);
    outbox = enqueuePlan(outbox, pushOf(C2, C3, [planned('acme/one', ['features/b'])]), at(2));
    expect(outbox.entries['acme/one']).toMatchObject({ features: ['features/b'], before: C2, attempts: 0, delivered: { commit: C2, features: ['features/a'] } });
  });

  it('keeps one entry per feature for a cousin that is not batched', () => {
    const config = parseEcosystemConfig(JSON.stringify({ cousins: [{ repo: 'acme/one', subscriptions: ['features/a', 'features/b'], batch: false }] }), 'ecosystem.json');
    let outbox = enqueuePlan(emptyOutbox(), pushOf(C1, C2, [planned('acme/one', ['features/a'])]), at(0), config);
    outbox = enqueuePlan(outbox, pushOf(C2, C3, [planned('acme/one', ['features/b'])]), at(1), config);
    expect(Object.keys(outbox.entries)).toEqual(['acme/one#features/a', 'acme/one#features/b']);
    expect(outbox.entries['acme/one#features/a']!.features).toEqual(['features/a']);
  });

  it('counts failed attempts and keeps the last error while the entry stays pending', () => {
    const outbox = enqueuePlan(emptyOutbox(), pushOf(C1, C2, [planned('acme/one')]), at(0));
    markFailed(outbox, 'acme/one', at(1), 'not found', 404);
    expect(outbox.entries['acme/one']).toMatchObject({ attempts: 1, commit: C2, lastError: { message: 'not found', httpStatus: 404 } });
  });
});

describe('parseOutbox', () => {
  it('refuses what is not an outbox, naming where it came from', () => {
    expect(() => parseOutbox('{', 'state.json')).toThrow(/^state\.json is not valid JSON/);
    expect(() => parseOutbox('{"version":2}', 'state.json')).toThrow('state.json is not an ecosystem outbox (version 1 with "entries"); delete it to start a fresh outbox');
  });
});
