import { describe, expect, it } from 'vitest';
import { parseEcosystemConfig } from './ecosystem-config.js';
import { planDispatches } from './plan.js';

const SHA = 'c'.repeat(40);
const config = parseEcosystemConfig(
  JSON.stringify([
    { repo: 'a/batched', subscriptions: ['features/a', 'features/b'] },
    { repo: 'a/per-feature', subscriptions: ['features/a', 'features/b'], batch: false },
    { repo: 'a/off', subscriptions: ['features/a'], enabled: false },
    { repo: 'a/unrelated', subscriptions: ['features/z'] },
  ]),
  'ecosystem.json',
);
const files = [
  { status: 'M' as const, path: 'features/a/1' },
  { status: 'A' as const, path: 'features/b/2' },
];

describe('planning dispatches', () => {
  const plan = planDispatches({ config, files, head: SHA, sourceRepo: 'acme/mono', ref: 'refs/heads/main' });

  it('sends one dispatch per batched cousin with all its features', () => {
    const batched = plan.dispatches.filter((d) => d.repo === 'a/batched');
    expect(batched).toHaveLength(1);
    expect(batched[0]).toMatchObject({ features: ['features/a', 'features/b'], files: ['features/a/1', 'features/b/2'] });
    expect(batched[0]!.payload.updated_feature).toBe('features/a');
  });

  it('sends one dispatch per feature for batch: false cousins, each with its own files', () => {
    const perFeature = plan.dispatches.filter((d) => d.repo === 'a/per-feature');
    expect(perFeature.map((d) => [d.features, d.files])).toEqual([
      [['features/a'], ['features/a/1']],
      [['features/b'], ['features/b/2']],
    ]);
  });

  it('skips disabled cousins and says why', () => {
    expect(plan.dispatches.some((d) => d.repo === 'a/off')).toBe(false);
    expect(plan.skipped).toEqual([{ repo: 'a/off', features: ['features/a'], reason: 'disabled' }]);
  });

  it('never notifies a cousin whose subscriptions did not change', () => {
    expect(plan.dispatches.some((d) => d.repo === 'a/unrelated')).toBe(false);
  });

  it('is empty but valid when nothing matches', () => {
    expect(planDispatches({ config, files: [{ status: 'M', path: 'README.md' }], head: SHA })).toMatchObject({ head: SHA, dispatches: [], skipped: [] });
  });
});
