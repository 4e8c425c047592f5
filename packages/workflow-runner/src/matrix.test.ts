import { describe, expect, it } from 'vitest';
import { baseContexts } from './github-context.js';
import { matrixLegs, mergeLegs } from './matrix.js';
import type { JobRun } from './runner-options.js';

const contexts = baseContexts({ event: { client_payload: { updated_features: ['features/a', 'features/b'] } } }, { repositoryRoot: '.', event: { name: 'x', payload: {} } }, '/tmp');

describe('the jobs of a matrix', () => {
  it('are the product of its vectors, each with its index and the total', () => {
    const legs = matrixLegs({ matrix: { os: ['linux', 'mac'], node: [20, 24] } }, contexts)!;
    expect(legs.map((leg) => leg.matrix)).toEqual([
      { os: 'linux', node: 20 },
      { os: 'linux', node: 24 },
      { os: 'mac', node: 20 },
      { os: 'mac', node: 24 },
    ]);
    expect(legs[3]!.strategy).toEqual({ 'fail-fast': true, 'job-index': 3, 'job-total': 4, 'max-parallel': 4 });
  });

  it('take a vector from an expression, as the sync workflows fan out over the payload', () => {
    const legs = matrixLegs({ 'fail-fast': false, matrix: { feature: '${{ github.event.client_payload.updated_features }}' } }, contexts)!;
    expect(legs.map((leg) => leg.matrix.feature)).toEqual(['features/a', 'features/b']);
    expect(legs[0]!.strategy['fail-fast']).toBe(false);
  });

  it('drop excluded combinations and extend or add included ones', () => {
    const legs = matrixLegs({ matrix: { os: ['linux', 'mac'], node: [20, 24], exclude: [{ os: 'mac', node: 20 }], include: [{ os: 'mac', experimental: true }, { os: 'windows', node: 24 }] } }, contexts)!;
    expect(legs.map((leg) => leg.matrix)).toEqual([
      { os: 'linux', node: 20 },
      { os: 'linux', node: 24 },
      { os: 'mac', node: 24, experimental: true },
      { os: 'windows', node: 24 },
    ]);
  });

  it('an empty vector is an error, as on GitHub; a job without a matrix has no legs', () => {
    expect(() => matrixLegs({ matrix: { feature: '${{ github.event.client_payload.nothing }}' } }, contexts)).toThrow("Matrix vector 'feature' does not contain any values");
    expect(matrixLegs(undefined, contexts)).toBeUndefined();
    expect(matrixLegs({ 'fail-fast': false }, contexts)).toBeUndefined();
  });
});

describe('the result of a matrix job', () => {
  const leg = (result: 'success' | 'failure', outputs: Record<string, string>): JobRun => ({ id: 'sync', result, outputs, steps: [], summary: '' });

  it('fails when one job failed; a later job overwrites an output, an empty value sets nothing', () => {
    const merged = mergeLegs('sync', [leg('success', { pr: '1', only1: 'x' }), leg('failure', { pr: '2', only1: '' })]);
    expect(merged.result).toBe('failure');
    expect(merged.outputs).toEqual({ pr: '2', only1: 'x' });
    expect(merged.legs).toHaveLength(2);
  });
});
