import { describe, expect, it } from 'vitest';
import type { Cousin } from '@ecosystem-dispatcher/core';
import { globFeature, routedFeatures, routingGap } from './routing.js';

const cousin = (subscriptions: string[], exclusions: string[] = []): Cousin => ({ repo: 'acme/c', subscriptions, exclusions, eventType: 'feature-update', batch: true, enabled: true, index: 0 });
const FILES = ['features/webpush/flask/app/x.py', 'features/pwa/flask/y.py', 'features/pwa/django/z.py', 'db/001.sql', 'schema.sql', 'README.md'];

describe('a glob sends the concrete folder its segments select', () => {
  it('cuts the path before the first ** segment', () => {
    expect(globFeature('features/*/flask/**', 'features/webpush/flask/app/x.py')).toBe('features/webpush/flask');
  });
  it('without **, cuts before the last (file) segment', () => {
    expect(globFeature('features/*/flask/*.py', 'features/pwa/flask/y.py')).toBe('features/pwa/flask');
  });
  it('with no folder part, sends the top-level folder, or the file at the root', () => {
    expect(globFeature('**/*.sql', 'db/001.sql')).toBe('db');
    expect(globFeature('**/*.sql', 'schema.sql')).toBe('schema.sql');
  });
});

describe('routedFeatures', () => {
  it('keeps folders and files as written and resolves globs against the monorepo files', () => {
    expect([...routedFeatures(cousin(['features/a', 'features/*/flask/**']), [], FILES)].sort()).toEqual(['features/a', 'features/pwa/flask', 'features/webpush/flask']);
  });
  it('drops files an exclusion of the cousin or of the defaults removes', () => {
    expect([...routedFeatures(cousin(['features/*/flask/**'], ['features/pwa']), [], FILES)]).toEqual(['features/webpush/flask']);
    expect([...routedFeatures(cousin(['features/*/flask/**']), ['**/app/**'], FILES)]).toEqual(['features/pwa/flask']);
  });
});

describe('routingGap', () => {
  it('names what is sent but not followed, and followed but never sent', () => {
    expect(routingGap(new Set(['a', 'b']), ['b', 'c'])).toEqual({ unfollowed: ['a'], unrouted: ['c'] });
  });
});
