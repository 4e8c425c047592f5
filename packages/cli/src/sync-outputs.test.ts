import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureResult, SyncRunResult } from '@ecosystem-dispatcher/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectOutcomes, outcomesOf, outputsOf, writeOutcomes } from './sync-outputs.js';

const feature = (path: string, extra: Partial<FeatureResult>): FeatureResult => ({
  feature: path, status: 'no-change', branch: `ecosystem/sync/${path}`, baseline: undefined, commits: [], conflicts: [], firstSync: false, summary: '', ...extra,
});
const pull = (number: number) => ({ number, htmlUrl: `https://github.com/acme/app/pull/${number}`, headSha: 'a'.repeat(40) });

describe('the outcome of each feature', () => {
  it("names create-pull-request's operation and the pull request, none when the run left it alone", () => {
    const result: SyncRunResult = {
      target: 'b'.repeat(40), upstreamBytes: 0, notFollowed: [],
      features: [
        feature('features/a', { status: 'proposed', pull: pull(3), pullOperation: 'created' }),
        feature('features/b', { status: 'proposed', pull: pull(4), pullOperation: 'updated' }),
        feature('features/c', { status: 'closed-empty', pull: pull(5), pullOperation: 'closed' }),
        feature('features/d', { status: 'up-to-date', pull: pull(6) }),
        feature('features/e', { status: 'no-change' }),
      ],
    };
    expect(outcomesOf(result)).toEqual([
      { feature: 'features/a', operation: 'created', number: 3, url: 'https://github.com/acme/app/pull/3' },
      { feature: 'features/b', operation: 'updated', number: 4, url: 'https://github.com/acme/app/pull/4' },
      { feature: 'features/c', operation: 'closed', number: 5, url: 'https://github.com/acme/app/pull/5' },
      { feature: 'features/d', operation: 'none', number: 6, url: 'https://github.com/acme/app/pull/6' },
      { feature: 'features/e', operation: 'none', number: null, url: null },
    ]);
  });
});

describe('the step outputs', () => {
  it('are four JSON lists of one length, in the order of features (sorted by path)', () => {
    const outputs = outputsOf([
      { feature: 'features/web', operation: 'updated', number: 9, url: 'https://x/pull/9' },
      { feature: 'features/api', operation: 'none', number: null, url: null },
    ]);
    expect(outputs).toEqual({
      features: '["features/api","features/web"]',
      'pull-request-number': '[null,9]',
      'pull-request-url': '[null,"https://x/pull/9"]',
      'pull-request-operation': '["none","updated"]',
    });
  });
});

describe('collecting the results files of several jobs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sync-outputs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('merges every file under the folder, one entry per feature', async () => {
    await writeOutcomes(join(dir, 'a.json'), [{ feature: 'features/a', operation: 'created', number: 1, url: 'https://x/pull/1' }]);
    await writeOutcomes(join(dir, 'nested', 'b.json'), [{ feature: 'features/b', operation: 'none', number: null, url: null }]);
    const outcomes = await collectOutcomes(dir);
    expect(outputsOf(outcomes)['pull-request-operation']).toBe('["created","none"]');
    expect(outcomes.map((o) => o.feature).sort()).toEqual(['features/a', 'features/b']);
  });

  it('an empty folder gives empty lists', async () => {
    expect(outputsOf(await collectOutcomes(dir))).toEqual({ features: '[]', 'pull-request-number': '[]', 'pull-request-url': '[]', 'pull-request-operation': '[]' });
  });

  it('refuses a file that is not a results file, in one line naming it', async () => {
    await mkdir(join(dir, 'x'));
    await writeFile(join(dir, 'x', 'bad.json'), JSON.stringify({ outcomes: [{ feature: 'features/a', operation: 'merged', number: 1, url: null }] }));
    await expect(collectOutcomes(dir)).rejects.toThrow(`${join(dir, 'x', 'bad.json')}: "outcomes" must be a list of { feature, operation, number, url }, as ecosystem sync --results writes`);
    await writeFile(join(dir, 'x', 'bad.json'), '{');
    await expect(collectOutcomes(dir)).rejects.toThrow(/bad\.json is not JSON/);
  });

  it('a missing folder is a usage error naming it', async () => {
    await expect(collectOutcomes(join(dir, 'nowhere'))).rejects.toThrow(`cannot read the results folder ${join(dir, 'nowhere')}: no such file`);
  });
});
