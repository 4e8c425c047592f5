import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { parseEcosystemConfig, DEFAULT_EVENT_TYPE } from './ecosystem-config.js';

function configError(text: string): ConfigError {
  try {
    parseEcosystemConfig(text, 'ecosystem.json');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loading ecosystem.json', () => {
  it('reads the seed-era plain array with defaults applied', () => {
    const config = parseEcosystemConfig('[{"repo":"owner/name","subscriptions":["features/webpush/flask"]}]', 'ecosystem.json');
    expect(config.cousins).toEqual([
      { repo: 'owner/name', subscriptions: ['features/webpush/flask'], exclusions: [], eventType: DEFAULT_EVENT_TYPE, batch: true, enabled: true, index: 0 },
    ]);
  });

  it('reads the object form: defaults, exclusions, event type, batch, enabled', () => {
    const config = parseEcosystemConfig(
      JSON.stringify({
        $schema: 'x',
        defaults: { eventType: 'sync', batch: false, exclude: ['**/*.md'] },
        cousins: [
          { repo: 'a/one', subscriptions: ['features/a/', '!features/a/docs/**'] },
          { repo: 'a/two', subscriptions: ['features/*/flask/**'], batch: true, enabled: false, eventType: 'other' },
        ],
      }),
      'ecosystem.json',
    );
    expect(config.exclude).toEqual(['**/*.md']);
    expect(config.cousins[0]).toMatchObject({ subscriptions: ['features/a'], exclusions: ['features/a/docs/**'], eventType: 'sync', batch: false, enabled: true });
    expect(config.cousins[1]).toMatchObject({ eventType: 'other', batch: true, enabled: false });
  });

  it('names file, line and column of a schema error', () => {
    const error = configError('[\n  {"repo": "a/b", "subscriptions": "features/x"}\n]');
    expect(error.message).toMatch(/^ecosystem\.json:2:36: \[0\]\.subscriptions must be array/);
  });

  it('names the unknown key of a misspelt field', () => {
    const error = configError('[\n  {"repo": "a/b", "subscription": ["x"]}\n]');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/subscriptions|additional/);
  });

  it('names the position of a path that breaks the path rules', () => {
    const error = configError('[\n  {"repo": "a/b",\n   "subscriptions": ["ok", "../etc"]}\n]');
    expect([error.line, error.column]).toEqual([3, 28]);
    expect(error.message).toMatch(/"\.\.\/etc" contains ".."/);
  });

  it('rejects an event type longer than GitHub allows', () => {
    const error = configError(JSON.stringify([{ repo: 'a/b', subscriptions: ['x'], eventType: 'e'.repeat(101) }]));
    expect(error.message).toMatch(/eventType must NOT have more than 100 characters/);
  });
});
