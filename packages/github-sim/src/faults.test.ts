import { describe, expect, it } from 'vitest';
import { FaultInjector, seededRandom } from './faults.js';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
    expect(draw(9).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('FaultInjector', () => {
  it('counts only matching requests when picking sequence numbers', () => {
    const faults = new FaultInjector(1);
    faults.set({ on: [2], method: 'POST', path: /dispatches$/, kinds: [503] });
    const kinds = [
      faults.decide('POST', '/repos/a/b/dispatches', false).kind,
      faults.decide('GET', '/repos/a/b', false).kind,
      faults.decide('POST', '/repos/a/b/dispatches', false).kind,
      faults.decide('POST', '/repos/a/b/dispatches', false).kind,
    ];
    expect(kinds).toEqual([undefined, undefined, 503, undefined]);
  });

  it('leaves git requests alone unless asked', () => {
    const faults = new FaultInjector(1);
    faults.set({ rate: 1 });
    expect(faults.decide('GET', '/a/b.git/info/refs', true).kind).toBeUndefined();
    expect(faults.decide('GET', '/repos/a/b', false).kind).toBe(500);
  });

  it('restarts the sequence and the PRNG on set()', () => {
    const faults = new FaultInjector(5);
    const run = () => {
      faults.set({ rate: 0.5, kinds: [500, 502, 'drop'], latencyMs: { min: 10, max: 20 } });
      return Array.from({ length: 8 }, () => faults.decide('GET', '/x', false));
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first.every((decision) => decision.latencyMs >= 10 && decision.latencyMs <= 20)).toBe(true);
  });
});
