import { describe, expect, it } from 'vitest';
import { RejectedPayload } from './errors.js';
import { EMPTY_TREE_SHA, ZERO_SHA } from './git.js';
import { buildPayload, dispatchBodyBytes, findUnsendablePayload, MAX_BODY_BYTES, MAX_PAYLOAD_KEYS, parseDispatchPayload, PAYLOAD_VERSION } from './payload.js';

const SHA = 'a'.repeat(40);

describe('building a payload', () => {
  it('carries the seed-era keys and the new ones, within 10 keys', () => {
    const payload = buildPayload({ features: ['features/a', 'features/b'], files: ['features/a/x'], head: SHA, before: 'b'.repeat(40), sourceRepo: 'acme/mono', ref: 'refs/heads/main' }, 'feature-update');
    expect(payload).toEqual({
      payload_version: PAYLOAD_VERSION,
      updated_feature: 'features/a',
      updated_features: ['features/a', 'features/b'],
      commit_sha: SHA,
      before_sha: 'b'.repeat(40),
      source_repo: 'acme/mono',
      ref: 'refs/heads/main',
      changed_files: ['features/a/x'],
      changed_files_total: 1,
    });
    expect(Object.keys(payload).length).toBeLessThanOrEqual(MAX_PAYLOAD_KEYS);
  });

  it('cuts a long file list to stay under 64 KB and says how many there were', () => {
    const files = Array.from({ length: 5000 }, (_, i) => `features/a/some/deep/folder/file-${i}.txt`);
    const payload = buildPayload({ features: ['features/a'], files, head: SHA }, 'feature-update');
    expect(dispatchBodyBytes('feature-update', payload)).toBeLessThan(MAX_BODY_BYTES);
    expect(payload.changed_files.length).toBeGreaterThan(100);
    expect(payload.changed_files.length).toBeLessThan(5000);
    expect(payload.changed_files_total).toBe(5000);
    // The longest prefix that fits: one more file would not.
    const bigger = { ...payload, changed_files: files.slice(0, payload.changed_files.length + 1) };
    expect(dispatchBodyBytes('feature-update', bigger)).toBeGreaterThanOrEqual(MAX_BODY_BYTES);
  });
});

describe('before_sha as sent', () => {
  it('is null when the diff started from nothing: a new branch, or the empty tree of unrelated history', () => {
    for (const before of [undefined, ZERO_SHA, EMPTY_TREE_SHA]) {
      expect(buildPayload({ features: ['features/a'], files: [], head: SHA, before, sourceRepo: 'acme/mono' }, 'e').before_sha).toBeNull();
    }
  });
});

describe('reading a received payload', () => {
  it('accepts the seed-era payload', () => {
    expect(parseDispatchPayload({ updated_feature: 'features/a', commit_sha: SHA })).toMatchObject({ payload_version: 1, updated_features: ['features/a'], before_sha: null });
  });

  it('round-trips a built payload', () => {
    const built = buildPayload({ features: ['features/a'], files: [], head: SHA }, 'e');
    expect(parseDispatchPayload(JSON.parse(JSON.stringify(built)))).toEqual(built);
  });

  it.each([
    ['GitHub\'s before of a new branch (40 zeros)', '0'.repeat(40)],
    ['the empty tree a diff of unrelated history starts from', EMPTY_TREE_SHA],
    ['the empty tree of a SHA-256 repository', '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321'],
  ])('reads before_sha as null when it is %s', (_what, before) => {
    expect(parseDispatchPayload({ updated_feature: 'features/a', commit_sha: SHA, before_sha: before }).before_sha).toBeNull();
  });

  it('keeps a real before_sha and refuses one that is not a full SHA', () => {
    expect(parseDispatchPayload({ updated_feature: 'features/a', commit_sha: SHA, before_sha: 'b'.repeat(40) }).before_sha).toBe('b'.repeat(40));
    expect(() => parseDispatchPayload({ updated_feature: 'features/a', commit_sha: SHA, before_sha: 'HEAD~1' })).toThrow(/before_sha "HEAD~1" is not a full/);
  });

  it.each([
    [null, /not a JSON object/],
    [{ updated_feature: 'a', commit_sha: 'HEAD' }, /commit_sha/],
    [{ updated_feature: 'a', commit_sha: SHA.toUpperCase() }, /commit_sha/],
    [{ commit_sha: SHA }, /names no feature/],
    [{ updated_features: 'a', commit_sha: SHA }, /updated_features must be a list/],
    [{ updated_feature: 'a', commit_sha: SHA, payload_version: 99 }, /payload_version 99 is not supported/],
  ])('rejects %j', (value, message) => {
    expect(() => parseDispatchPayload(value)).toThrow(RejectedPayload);
    expect(() => parseDispatchPayload(value)).toThrow(message);
  });
});

describe('findUnsendablePayload: what the receiving sync would reject', () => {
  const good = () => buildPayload({ features: ['features/a'], files: ['features/a/x'], head: 'a'.repeat(40), sourceRepo: 'acme/mono', ref: 'refs/heads/main' }, 'feature-update');

  it('passes a payload sync accepts', () => {
    expect(findUnsendablePayload(good())).toBeUndefined();
  });

  it.each([
    ['a commit that is not a full SHA', { commit_sha: 'HEAD' }, /commit_sha "HEAD" is not a full/],
    ['no source repository', { source_repo: null }, /source_repo is missing/],
    ['a source that is not owner/name', { source_repo: 'https://github.com/acme/mono' }, /is a URL/],
    ['a glob as a feature', { updated_features: ['features/*/x/**'], updated_feature: 'features/*/x/**' }, /is not a concrete repository path/],
  ])('names %s', (_, change, message) => {
    expect(findUnsendablePayload({ ...good(), ...change })).toMatch(message);
  });
});

describe('the request body', () => {
  it('stays under 64,000 bytes, the decimal reading of GitHub\'s "less than 64KB"', () => {
    const files = Array.from({ length: 3000 }, (_, i) => `features/a/${'x'.repeat(20)}-${i}.txt`);
    const payload = buildPayload({ features: ['features/a'], files, head: 'a'.repeat(40), sourceRepo: 'acme/mono' }, 'feature-update');
    const bytes = dispatchBodyBytes('feature-update', payload);
    expect(bytes).toBeLessThan(64_000);
    expect(bytes).toBeGreaterThan(63_000);
    expect(payload.changed_files_total).toBe(3000);
  });
});
